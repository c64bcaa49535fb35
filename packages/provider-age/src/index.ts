export { AGE_DIAGNOSTICS, AgeFormatError, IdentityParseError, type AgeFailureKind } from './errors.js';
export { configSchema, type AgeConfig } from './config.js';
export { parseIdentityText, type IdentitySet } from './identity-file.js';
export { decodeStoredValue, decryptStoredValue, decodeUtf8 } from './decrypt.js';
export { encryptToStoredValue, parseRecipients, type ParsedRecipient } from './encrypt.js';

export { generateIdentity, identityToRecipient, type GeneratedIdentity } from './keys.js';
export { defaultIdentityPath, identityPlan, type IdentityStep } from './identity.js';
export { ageKeyFileText, writeKeyFile } from './setup.js';
