import { defineProvider, fieldsSchema } from '@fnox/contract';
// mode 'store' promises put(), but the instance has none.
export default defineProvider({ type: 'no-put', mode: 'store', configSchema: fieldsSchema({}), create: () => ({ get: async () => 'x' }) });
