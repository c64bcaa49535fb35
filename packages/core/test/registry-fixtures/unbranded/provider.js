export default { type: 'unbranded', mode: 'read', create: () => ({ get: async () => 'x' }) };
