import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Write `files` (path → text) under a new temp dir and return it. */
export function tree(files: Record<string, string>, prefix = 'fnox-api-'): string {
  const root = mkdtempSync(join(tmpdir(), prefix));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/**
 * A provider package as installed in an app's node_modules. Its entry brands the definition by
 * hand (what any copy of @fnox/contract does), since nothing can be imported from a temp dir.
 */
export function providerPackage(name: string, type: string, contract = 1): Record<string, string> {
  return {
    [`node_modules/${name}/package.json`]: JSON.stringify({
      name,
      version: '1.0.0',
      type: 'module',
      exports: { './provider': './provider.js' }, // hides ./package.json: found by the node_modules walk
      fnox: { contract, providers: { [type]: { entry: './provider.js', mode: 'read', title: 'Reverse' } } },
    }),
    [`node_modules/${name}/provider.js`]: [
      "const schema = { '~standard': { version: 1, vendor: 'test', validate: (value) => ({ value }) } };",
      'export default {',
      `  type: '${type}',`,
      "  mode: 'read',",
      '  configSchema: schema,',
      '  create: () => ({ get: async ({ value }) => [...value].reverse().join("") }),',
      "  [Symbol.for('fnox.provider-definition')]: 1,",
      '};',
      '',
    ].join('\n'),
  };
}
