import { defineProvider, fieldsSchema } from '@fnox/contract';

/**
 * The built-in `plain` provider: the stored value is the secret itself. It counts as an encrypting
 * provider for `set`, `import`, `reencrypt` and `sync` (as upstream), so `put` and `get` are the
 * identity function and empty values are valid.
 */
export const plainProvider = defineProvider({
  type: 'plain',
  mode: 'encrypt',
  configSchema: fieldsSchema({}),
  setup: { category: 'Local', defaultName: 'plain', text: ['Values are stored as written, unencrypted: use it only for values that are not secret.'] },
  create() {
    return {
      get: async ({ value }) => value,
      put: async (_key, plaintext) => plaintext,
      check: async () => undefined,
    };
  },
});

export default plainProvider;
