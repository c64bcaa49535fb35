import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderConfigKeyDocs } from '../../src/config/key-docs.js';
import { CONFIG_KEYS, keysIn, ROOT_FIELDS } from '../../src/config/keys.js';
import { emptyLayer, layerOf, overlayLayer } from '../../src/config/merge.js';
import { parseToml } from '../../src/config/toml-read.js';
import { PROFILE_KEYS, SECRET_KEYS, TOP_LEVEL_KEYS, validateFile } from '../../src/config/schema.js';
import { buildFnoxSchema } from '../../src/schema/fnox-schema.js';

const page = fileURLToPath(new URL('../../../../docs/configuration.md', import.meta.url));
const load = (text: string, file: string) => layerOf(validateFile(parseToml(text, file), text, file));

describe('the config key table', () => {
  it('docs/configuration.md holds the reference generated from it (regenerate: node scripts/gen-config-keys.mjs)', () => {
    const text = readFileSync(page, 'utf8');
    expect(text).toContain('<!-- config-keys:secret -->');
    expect(renderConfigKeyDocs(text)).toBe(text);
    for (const row of CONFIG_KEYS) expect(text).toContain(`| \`${row.key}\` |`);
  });

  it('is what the validator allows and the JSON Schema publishes, scope by scope', () => {
    const schema = buildFnoxSchema([]) as { properties: object; $defs: { secret: { properties: object }; profile: { properties: object } } };
    expect(Object.keys(schema.properties)).toEqual([...TOP_LEVEL_KEYS]);
    expect(Object.keys(schema.$defs.secret.properties)).toEqual([...SECRET_KEYS]);
    expect(Object.keys(schema.$defs.profile.properties)).toEqual([...PROFILE_KEYS]);
    expect(SECRET_KEYS).toEqual(['provider', 'value', 'json_path', 'line', 'description', 'default', 'if_missing', 'env', 'as_file', 'sync', 'daemon_cache']);
    expect(keysIn('provider').map((row) => row.key)).toEqual(['type', 'auth_command', 'daemon_cache']);
    expect(() => validateFile({ nope: 1 }, 'nope = 1\n', 'f.toml')).toThrow(/unknown key `nope` at the top level/);
  });

  it('checks each top-level scalar by its kind and layers it by its merge rule', () => {
    const far = load(
      'import = ["a.toml"]\ndefault_provider = "far"\nif_missing = "warn"\nprompt_auth = true\n[mcp]\ntools = ["exec"]\n[proxy]\naudit = true\n',
      '/far/fnox.toml',
    );
    const near = load(
      'root = true\nimport = ["a.toml", "b.toml"]\ndefault_provider = "near"\nenv = "exec"\n[mcp]\nredact_output = true\n[proxy]\negress = "strict"\n',
      '/near/fnox.toml',
    );
    const merged = overlayLayer(overlayLayer(emptyLayer(), far), near);
    expect(merged).toMatchObject({
      root: true, // any
      imports: ['a.toml', 'b.toml'], // union
      defaultProvider: { name: 'near', source: { file: '/near/fnox.toml' } }, // nearest, kept with its file
      ifMissing: 'warn',
      env: 'exec',
      promptAuth: true,
      mcp: { tools: ['exec'], redact_output: true }, // fields
      proxy: { egress: 'strict' }, // whole
    });
    expect(merged.proxy).not.toHaveProperty('audit');
    for (const row of ROOT_FIELDS.filter((r) => r.kind === 'boolean')) {
      expect(() => validateFile({ [row.key]: 'yes' }, `${row.key} = "yes"\n`, 'f.toml')).toThrow(`\`${row.key}\` must be true or false`);
    }
    for (const row of ROOT_FIELDS.filter((r) => r.kind === 'string')) {
      expect(() => validateFile({ [row.key]: 1 }, `${row.key} = 1\n`, 'f.toml')).toThrow(`\`${row.key}\` must be a string`);
    }
  });
});
