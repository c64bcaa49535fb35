import { defineProvider, fieldsSchema } from '@fnox/contract';
export default defineProvider({ type: 'something-else', mode: 'read', configSchema: fieldsSchema({}), create: () => ({ get: async () => 'x' }) });
