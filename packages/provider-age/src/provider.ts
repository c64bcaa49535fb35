import { defineProvider, type ProviderContext, type ProviderInstance, type SecretRequest } from '@fnox/contract';
import { configSchema, type AgeConfig } from './config.js';
import { decodeUtf8, decryptStoredValue } from './decrypt.js';
import { encryptToStoredValue, parseRecipients, type ParsedRecipient } from './encrypt.js';
import { AgeFormatError, decryptFailed } from './errors.js';
import { loadIdentities, type LoadedIdentities } from './identity.js';

function mapDecryptError(error: unknown, request: SecretRequest, loaded: LoadedIdentities): Error {
  if (!(error instanceof AgeFormatError)) return decryptFailed('unexpected failure');
  if (error.kind === 'no-match') {
    if (error.message.includes('passphrase')) {
      return decryptFailed(`${request.key} is passphrase-encrypted (scrypt), which fnox does not support`, 'Re-encrypt the value to an age or SSH recipient');
    }
    return decryptFailed(
      `none of your age identities can decrypt ${request.key}`,
      `Looked in ${loaded.source.description}; the value was encrypted to other recipients (re-encrypt it, or use the matching key via FNOX_AGE_KEY, key_file or FNOX_AGE_KEY_FILE)`,
    );
  }
  return decryptFailed(`${error.message} (secret ${request.key})`);
}

function createAge(config: AgeConfig, ctx: ProviderContext): ProviderInstance {
  // Both are resolved once per instance, on first use: encryption never needs an identity, and
  // decryption never needs the recipients.
  let identities: Promise<LoadedIdentities> | undefined;
  let recipients: ParsedRecipient[] | undefined;

  return {
    async get(request) {
      identities ??= loadIdentities(config, ctx);
      const loaded = await identities;
      let bytes: Uint8Array;
      try {
        bytes = await decryptStoredValue(request.value, loaded.set);
      } catch (error) {
        throw mapDecryptError(error, request, loaded);
      }
      const text = decodeUtf8(bytes);
      if (text === undefined) throw decryptFailed('Failed to decode UTF-8: the decrypted value is not valid UTF-8');
      return text;
    },

    async put(_key, plaintext) {
      recipients ??= parseRecipients(config.recipients);
      return encryptToStoredValue(plaintext, recipients);
    },

    // No remote service: there is nothing to check without decrypting a value (docs/providers/age.md).
    async check() {},

    async diagnose() {
      return (await import('./setup.js')).diagnoseAge(config, ctx);
    },
  };
}

/** The `age` provider: values are age files (X25519 or SSH recipients) stored as base64 in fnox.toml. */
export default defineProvider<AgeConfig>({
  type: 'age',
  mode: 'encrypt',
  configSchema,
  // Which of the user's identities decrypts: not for an untrusted config file to choose.
  reachesOut: ['key_file', 'identity'],
  create: createAge,
  options: ['age-key-file'],
  setup: {
    category: 'Local',
    defaultName: 'age',
    text: [
      'age encrypts each secret for one or more recipients; the ciphertext lives in fnox.toml.',
      'Decrypting needs the matching private key: FNOX_AGE_KEY, the provider key_file, FNOX_AGE_KEY_FILE,',
      'or age.txt in the fnox config directory ($FNOX_CONFIG_DIR, else $XDG_CONFIG_HOME/fnox, else ~/.config/fnox).',
    ],
  },
  async suggestConfig(ctx) {
    return (await import('./setup.js')).suggestAgeConfig(ctx);
  },
});
