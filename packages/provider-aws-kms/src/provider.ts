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
  setup: {
    category: 'Cloud KMS',
    defaultName: 'kms',
    text: [
      'AWS KMS encrypts each secret with a KMS key; the ciphertext lives in fnox.toml.',
      'Needs AWS credentials (environment, ~/.aws, SSO or a role) allowed to kms:Encrypt and kms:Decrypt.',
    ],
  },
  create: (config, ctx) => createKmsInstance(config, ctx),
});
