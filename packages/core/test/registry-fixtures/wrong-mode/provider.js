import { defineProvider, fieldsSchema } from '@fnox/contract';
// Declares 'encrypt' in code while package.json says 'read'.
export default defineProvider({ type: 'wrong-mode', mode: 'encrypt', configSchema: fieldsSchema({}), create: () => ({ get: async () => 'x' }) });
