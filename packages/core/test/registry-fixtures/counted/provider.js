// Importing this module has a visible side effect, so tests can prove when it is imported.
import { defineProvider, fieldsSchema } from '@fnox/contract';

globalThis.__fnoxCountedImports = (globalThis.__fnoxCountedImports ?? 0) + 1;

export default defineProvider({
  type: 'counted',
  mode: 'read',
  configSchema: fieldsSchema({ prefix: { kind: 'string', required: true } }),
  create(config) {
    return { get: async ({ value }) => `${config.prefix}${value}` };
  },
});
