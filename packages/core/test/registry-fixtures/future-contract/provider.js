import { fieldsSchema } from '@fnox/contract';
const def = { type: 'future-contract', mode: 'read', configSchema: fieldsSchema({}), create: () => ({ get: async () => 'x' }) };
Object.defineProperty(def, Symbol.for('fnox.provider-definition'), { value: 2 });
export default def;
