import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { COMMON_PROVIDER_KEYS, COMMON_PROVIDER_SCHEMA_KEYS, parseToml, readConfigFile } from '@fnox/core/internal';
import Ajv2020Module from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script, shared with `node schemas/generate.mjs`
import { defaultSchemaText } from '../../../../schemas/generate.mjs';
import { REPO_ROOT, sandbox, type Sandbox } from '@fnox/test-kit';

// `fnox schema` checked with a real JSON Schema validator (ajv, draft 2020-12): it accepts every
// example and fixture config in the repo and rejects broken ones; provider fields come from the
// installed plugins; schemas/fnox.schema.json is what `fnox schema` prints for the default set.

type Validator = ((data: unknown) => boolean) & { errors?: { instancePath: string; message?: string }[] | null };
const Ajv2020 = ((Ajv2020Module as unknown as { default?: unknown }).default ?? Ajv2020Module) as new (options: object) => {
  compile(schema: object): Validator;
};

const fixturePlugin = fileURLToPath(new URL('../fixtures/provider-fixture', import.meta.url));
let box: Sandbox;
let defaultSchema: Record<string, any>;
let withFixture: Record<string, any>;
let validateDefault: Validator;
let validateWithFixture: Validator;

beforeAll(async () => {
  box = sandbox();
  const printed = await box.run(['schema']);
  expect(printed.code, printed.stderr).toBe(0);
  defaultSchema = JSON.parse(printed.stdout);
  const link = await box.run(['plugins', 'link', fixturePlugin, '--no-install'], { env: { OCLIF_DISABLE_LINKED_ESM_WARNING: '1' } });
  expect(link.code, link.stderr).toBe(0);
  const linked = await box.run(['schema'], { env: { OCLIF_DISABLE_LINKED_ESM_WARNING: '1' } });
  expect(linked.code, linked.stderr).toBe(0);
  withFixture = JSON.parse(linked.stdout);
  // strict: the schema itself must be clean for editors and validators, not merely usable.
  validateDefault = new Ajv2020({ allErrors: true, strict: true }).compile(defaultSchema);
  validateWithFixture = new Ajv2020({ allErrors: true, strict: true }).compile(withFixture);
}, 120_000);

afterAll(() => box?.cleanup());

function tomlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? tomlFiles(join(dir, entry.name)) : entry.name.endsWith('.toml') ? [join(dir, entry.name)] : [],
  );
}

function errorsOf(validate: Validator, text: string): string[] {
  return validate(parseToml(text, 'test.toml')) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

const CONFIGS = [...tomlFiles(join(REPO_ROOT, 'examples')), ...tomlFiles(join(REPO_ROOT, 'packages/core/test/fixtures'))].filter(
  (file) => !file.includes('node_modules'),
);

describe('fnox schema', () => {
  it('is committed as schemas/fnox.schema.json for the default providers (regenerate: node schemas/generate.mjs)', () => {
    const committed = readFileSync(join(REPO_ROOT, 'schemas/fnox.schema.json'), 'utf8');
    expect(JSON.parse(committed)).toEqual(defaultSchema);
    expect(committed).toBe(defaultSchemaText());
  });

  it('knows exactly the keys core accepts at the top level, in secrets, in profiles and on every provider', async () => {
    const { TOP_LEVEL_KEYS, SECRET_KEYS, PROFILE_KEYS } = await import('../../../../packages/core/src/config/schema.js');
    const defs = defaultSchema.$defs;
    expect(Object.keys(defaultSchema.properties).sort()).toEqual([...TOP_LEVEL_KEYS].sort());
    expect(Object.keys(defs.secret.properties).sort()).toEqual([...SECRET_KEYS].sort());
    expect(Object.keys(defs.profile.properties).sort()).toEqual([...PROFILE_KEYS].sort());
    expect([...COMMON_PROVIDER_SCHEMA_KEYS].sort()).toEqual([...COMMON_PROVIDER_KEYS].sort());
    for (const branch of defs.provider.oneOf) expect(Object.keys(branch.properties)).toEqual(expect.arrayContaining([...COMMON_PROVIDER_KEYS]));
  });

  it.each(CONFIGS.map((file) => [relative(REPO_ROOT, file), file]))('accepts %s (which core loads too)', (_name, file) => {
    expect(() => readConfigFile(file)).not.toThrow();
    expect(errorsOf(validateDefault, readFileSync(file, 'utf8'))).toEqual([]);
    expect(errorsOf(validateWithFixture, readFileSync(file, 'utf8'))).toEqual([]);
  });

  it('accepts { secret = "NAME" } for string provider fields and a provider reference for age.identity', () => {
    const text = '[providers.a]\ntype = "age"\nrecipients = []\nkey_file = { secret = "AGE_KEY_PATH" }\nidentity = { provider = "kc", value = "age" }\n';
    expect(errorsOf(validateDefault, text)).toEqual([]);
  });

  const BROKEN: [string, string][] = [
    ['`imports` instead of `import`', 'imports = ["x.toml"]\n'],
    ['a secret given as a bare string', '[secrets]\nKEY = "value"\n'],
    ['an unknown secret field', '[secrets]\nKEY = { provider = "p", valu = "x" }\n'],
    ['env = "yes"', 'env = "yes"\n'],
    ['if_missing = "sometimes"', '[secrets]\nA = { if_missing = "sometimes" }\n'],
    ['json_path together with line', '[secrets]\nA = { value = "x", json_path = "a", line = 1 }\n'],
    ['line = 0', '[secrets]\nA = { value = "x", line = 0 }\n'],
    ['json_path = ""', '[secrets]\nA = { value = "x", json_path = "" }\n'],
    ['sync without value', '[secrets]\nA = { value = "x", sync = { provider = "p" } }\n'],
    ['if_missing inside a profile', '[profiles.dev]\nif_missing = "warn"\n'],
    ['a provider without type', '[providers.p]\nkey = "x"\n'],
    ['an unknown age field (and no recipients)', '[providers.a]\ntype = "age"\nrecipient = ["age1x"]\n'],
    ['age recipients as a string', '[providers.a]\ntype = "age"\nrecipients = "age1x"\n'],
    ['a field on plain', '[providers.p]\ntype = "plain"\nvalue = "x"\n'],
    ['a bad provider reference', '[providers.a]\ntype = "age"\nrecipients = []\nidentity = { provider = "kc" }\n'],
  ];
  it.each(BROKEN)('rejects %s', (_name, text) => {
    expect(errorsOf(validateDefault, text)).not.toEqual([]);
  });

  it("adds each installed plugin's fieldsSchema fields: a linked plugin's table is checked too", () => {
    const branch = withFixture.$defs.provider.oneOf.find((b: { title: string }) => b.title === 'Fixture');
    expect(branch).toMatchObject({ properties: { type: { const: 'fixture' }, tag: expect.any(Object) }, additionalProperties: false });
    expect(errorsOf(validateWithFixture, '[providers.f]\ntype = "fixture"\ntag = "t"\n')).toEqual([]);
    expect(errorsOf(validateWithFixture, '[providers.f]\ntype = "fixture"\ntag = 1\n')).not.toEqual([]);
    expect(errorsOf(validateWithFixture, '[providers.f]\ntype = "fixture"\nnope = "x"\n')).not.toEqual([]);
    // Without the plugin, `fixture` is just another type fnox keeps as written.
    expect(errorsOf(validateDefault, '[providers.f]\ntype = "fixture"\nnope = "x"\n')).toEqual([]);
  });
});
