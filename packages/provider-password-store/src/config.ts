import { fieldsSchema, type FieldsOutput } from '@fnox/contract';

const fields = {
  prefix: { kind: 'string', description: 'Prepended verbatim to every entry name (no separator is added), e.g. "fnox/"' },
  store_dir: {
    kind: 'string',
    description: 'The password store directory (PASSWORD_STORE_DIR); default: FNOX_PASSWORD_STORE_DIR, PASSWORD_STORE_DIR, else ~/.password-store',
  },
  gpg_opts: { kind: 'string', description: 'Extra gpg options for pass (PASSWORD_STORE_GPG_OPTS), e.g. "--pinentry-mode loopback"' },
} as const;

/** The validated `[providers.NAME]` table of a `password-store` provider (upstream's fields). */
export type PasswordStoreConfig = FieldsOutput<typeof fields>;

/** The `password-store` table schema. */
export const configSchema = fieldsSchema(fields);
