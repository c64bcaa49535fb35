import { defineProvider } from '@fnox/contract';
import { configSchema, type SecretsManagerConfig } from './config.js';
import { createSecretsManagerInstance } from './instance.js';

/**
 * The `aws-sm` provider: values live in AWS Secrets Manager and fnox.toml holds their names
 * (without the provider's prefix). Nothing heavy is imported here; the SDK loads on first use.
 */
export default defineProvider<SecretsManagerConfig>({
  type: 'aws-sm',
  mode: 'store',
  configSchema,
  authCommand: 'aws sso login',
  reachesOut: ['endpoint', 'role_arn', 'profile'],
  setup: {
    category: 'Cloud Secrets Manager',
    defaultName: 'sm',
    text: [
      'AWS Secrets Manager stores the values remotely; fnox.toml holds only their names.',
      'Needs AWS credentials (environment, ~/.aws, SSO or a role) allowed to read (and write) those secrets.',
    ],
  },
  create: (config, ctx) => createSecretsManagerInstance(config, ctx),
});
