import { fieldsSchema, type FieldsOutput } from '@fnox/contract';

const fields = {
  recipients: {
    kind: 'string-list',
    required: true,
    description: 'Recipients to encrypt to: age1... X25519 keys, ssh-ed25519 or ssh-rsa public keys (may be empty)',
    prompt: 'age recipient (age1...)',
    example: ['age1...'],
    // X25519 recipients are Bech32 (lowercase, no 1/b/i/o in the data part); SSH keys are
    // accepted too because the provider encrypts to them.
    pattern: {
      regex: '^(age1[02-9ac-hj-np-z]{58}|ssh-(ed25519|rsa) [A-Za-z0-9+/=]+( .*)?)$',
      message: 'Not an age recipient: expected age1... (58 characters after age1) or an ssh-ed25519 / ssh-rsa public key',
    },
  },
  key_file: {
    kind: 'string',
    description: 'Identity file for decryption, relative to the declaring fnox.toml; ~ is expanded',
  },
  identity: {
    kind: 'provider-ref',
    description: 'Fetch the identity from another provider: { provider = "NAME", value = "..." }',
  },
} as const;

/**
 * The `[providers.NAME]` table of an age provider (after core stripped `type`, `auth_command` and
 * `daemon_cache`, and resolved `{ secret = "..." }` fields).
 */
export const configSchema = fieldsSchema(fields);

/** The validated age provider configuration. */
export type AgeConfig = FieldsOutput<typeof fields>;
