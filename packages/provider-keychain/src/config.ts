import { fieldsSchema, type FieldsOutput } from '@fnox/contract';

const fields = {
  service: { kind: 'string', required: true, description: 'The keychain service that namespaces your entries, e.g. "fnox" or "myapp"' },
  prefix: { kind: 'string', description: 'Prepended verbatim to every entry name (the account), e.g. "myapp/"' },
} as const;

/** The validated `[providers.NAME]` table of a `keychain` provider (upstream's fields). */
export type KeychainConfig = FieldsOutput<typeof fields>;

/** The `keychain` table schema. */
export const configSchema = fieldsSchema(fields);
