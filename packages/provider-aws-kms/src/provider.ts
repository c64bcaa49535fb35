import { defineProvider } from '@fnox/contract';
import { configSchema, type KmsConfig } from './config.js';
import { createKmsInstance } from './instance.js';

/**
 * The `aws-kms` provider: values are AWS KMS ciphertexts (base64 CiphertextBlob) stored in
 * fnox.toml. Nothing heavy is imported here; the SDK loads on the first encrypt or decrypt.
 */
export default defineProvider<KmsConfig>({
  type: 'aws-kms',
  mode: 'encrypt',
  configSchema,
  authCommand: 'aws sso login',
  reachesOut: ['endpoint', 'role_arn', 'profile'],
  create: (config, ctx) => createKmsInstance(config, ctx),
});
