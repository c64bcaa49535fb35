/**
 * setSecretsInText must give exactly the bytes of setSecretInText applied entry by entry (that one
 * is checked against upstream's output in edit-secret.test.ts), whatever the layout around the
 * tables it appends to, in time linear in the file.
 */
import { describe, expect, it } from 'vitest';
import { setSecretInText } from '../../src/config/edit-secret.js';
import { setSecretsInText, type SecretEdit } from '../../src/config/edit-secrets.js';
import type { SecretConfig } from '../../src/config/types.js';

const F = 'fnox.toml';

const EXISTING = `[secrets]
A = { default = "a" }
  B  =  { provider = "plain", value = "b" }   # trailing comment
"quoted key" = { default = "q" }
C = { default = "c" } # c
M = { value = """multi
line""" }
S = "a string where a table belongs"

[secrets.T]
default = "t"

[profiles.dev.secrets]
A = { default = "pa" }
`;

const LAYOUTS: Record<string, string> = {
  empty: '',
  'no secrets table': '[providers.plain]\ntype = "plain"\n',
  'secrets then profile, comments between': `default_provider = "plain"

[secrets]
# db
DB = { provider = "plain", value = "x" } # trailing
  INDENTED  =  { default = "i" }

# a comment before the next table

[secrets.TABLE]
provider = "plain"
value = "t"

[profiles.dev.secrets]
D = { default = "d" }
`,
  crlf: '[secrets]\r\nA = { default = "a" }\r\n\r\n[profiles.dev.secrets]\r\nD = { default = "d" }\r\n',
  'no final newline': '[secrets]\nA = { default = "a" }',
  'only sub-tables': '[secrets.ONE]\ndefault = "1"\n\n[secrets.TWO]\ndefault = "2"\n',
  'dotted keys': 'secrets.A.default = "a"\nsecrets.B.default = "b"\n',
  'inline secrets table': 'secrets = { A = { default = "a" } }\n',
  'existing entries of every shape': EXISTING,
  'existing entries of every shape, CRLF': EXISTING.replaceAll('\n', '\r\n'),
};

const at = (i: number, section: string[], key: string): SecretEdit => ({
  section,
  key,
  entry: { provider: 'plain', value: `v${i}`, ...(i % 3 === 0 ? { description: `d ${i}` } : {}) },
});

const SEQUENCES: Record<string, SecretEdit[]> = {
  'new keys in [secrets]': Array.from({ length: 12 }, (_, i) => at(i, ['secrets'], `NEW_${i}`)),
  'new keys in two sections, interleaved': Array.from({ length: 12 }, (_, i) => at(i, i % 2 ? ['profiles', 'dev', 'secrets'] : ['secrets'], `K_${i}`)),
  'a new profile section': Array.from({ length: 5 }, (_, i) => at(i, ['profiles', 'prod', 'secrets'], `P_${i}`)),
  'keys that need quoting, then existing ones and a repeat': [
    at(1, ['secrets'], 'with space'),
    at(2, ['secrets'], 'dot.ted'),
    at(3, ['secrets'], 'ünï'),
    at(4, ['secrets'], 'quote"d'),
    at(5, ['secrets'], 'A'),
    at(6, ['secrets'], 'DB'),
    at(7, ['secrets'], 'TABLE'),
    at(8, ['secrets'], 'with space'),
    at(9, ['secrets'], 'AFTER'),
  ],
};

const DEV = ['profiles', 'dev', 'secrets'];
SEQUENCES['existing entries rewritten (reencrypt), then a new one, then again'] = [
  ...['A', 'B', 'quoted key', 'C', 'M', 'S', 'T', 'DB', 'INDENTED', 'TABLE', 'D'].map((key, i) => at(i, ['secrets'], key)),
  at(20, DEV, 'A'),
  at(21, DEV, 'D'),
  at(22, ['secrets'], 'A'),
  at(23, ['secrets'], 'FRESH'),
  at(24, ['secrets'], 'B'),
  at(25, ['secrets'], 'FRESH'),
];

// Cases a red-team run found (each differed from one-by-one edits before its fix).
const S = ['secrets'];
SEQUENCES['a key with a backslash after a new one (toml_edit writes a literal key)'] = [at(1, S, 'X'), at(2, S, 'a\\b')];
SEQUENCES['a key with a control character after a new one (toml_edit writes \\u001B)'] = [at(1, S, 'X'), at(2, S, '\u001b'), at(3, S, 'del\u007f')];
LAYOUTS['a profile named by an escape of another'] = '[profiles."\\b".secrets]\nA = { default = "x" }\n\n[profiles.b.secrets]\nA = { default = "x" }\n';
SEQUENCES['the plain profile of two'] = [at(1, ['profiles', 'b', 'secrets'], 'A'), at(2, ['profiles', 'b', 'secrets'], 'A')];
LAYOUTS['a multi-line inline secrets table (TOML 1.1)'] = 'secrets = {\nA = { default = "a" },\nB = { default = "b" }\n}\n';

async function oneByOne(text: string, edits: readonly SecretEdit[]): Promise<string> {
  let out = text;
  for (const { section, key, entry } of edits) out = await setSecretInText(out, section, key, entry, F);
  return out;
}

const settle = <T>(work: Promise<T>) =>
  work.then(
    (value) => ({ value }),
    (error: Error) => ({ error: error.message }),
  );

describe('setSecretsInText', () => {
  for (const [layout, text] of Object.entries(LAYOUTS)) {
    for (const [name, edits] of Object.entries(SEQUENCES)) {
      it(`${layout} / ${name}: the bytes of one-by-one edits`, async () => {
        const expected = await settle(oneByOne(text, edits));
        expect(await settle(setSecretsInText(text, edits, F))).toEqual(expected);
      });
    }
  }

  it('takes time linear in the file: 3,000 new entries in well under the quadratic time', async () => {
    const edits = Array.from({ length: 3000 }, (_, i) => at(i, ['secrets'], `BULK_${i}`));
    const started = performance.now();
    const out = await setSecretsInText(LAYOUTS['secrets then profile, comments between']!, edits, F);
    expect(out.split('\n').filter((line) => line.startsWith('BULK_'))).toHaveLength(3000);
    // One by one, each edit parses the whole growing file several times: minutes at this size.
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('rewrites 3,000 existing entries in linear time too', async () => {
    const keys = Array.from({ length: 3000 }, (_, i) => `OLD_${i}`);
    const text = `[secrets]\n${keys.map((key) => `${key} = { provider = "plain", value = "old" }\n`).join('')}`;
    const started = performance.now();
    const out = await setSecretsInText(
      text,
      keys.map((key, i) => at(i, ['secrets'], key)),
      F,
    );
    expect(out.split('\n').filter((line) => /^OLD_\d+= \{ provider = "plain", value = "v\d+"/.test(line))).toHaveLength(3000);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('runs `between` before every edit and stops when it throws', async () => {
    let calls = 0;
    const edits = SEQUENCES['new keys in [secrets]']!;
    await setSecretsInText('', edits, F, async () => void calls++);
    expect(calls).toBe(edits.length);
    await expect(
      setSecretsInText('', edits, F, async () => {
        if (++calls > edits.length + 3) throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
  });
});

/** A small seeded PRNG (mulberry32): the same cases on every run; FNOX_FUZZ_CASES and FNOX_FUZZ_SEED explore more. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('setSecretsInText on random layouts and edit sequences', () => {
  const cases = Number(process.env.FNOX_FUZZ_CASES) || 150;
  it(`gives the bytes (or the error) of one-by-one edits in ${cases} seeded cases`, async () => {
    const random = prng(Number(process.env.FNOX_FUZZ_SEED) || 20261203);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const keys = ['A', 'B', 'C', 'my-key', 'with space', 'dot.ted', 'ünï', 'quote"d'];
    const sections = [['secrets'], ['profiles', 'dev', 'secrets'], ['profiles', 'p2', 'secrets']];
    const entryLine = (key: string) =>
      pick([
        `${key.match(/^[A-Za-z0-9_-]+$/) ? key : JSON.stringify(key)} = { default = "x" }`,
        `  ${key.match(/^[A-Za-z0-9_-]+$/) ? key : JSON.stringify(key)}  =  { provider = "plain", value = "v" }   # note`,
        `${key.match(/^[A-Za-z0-9_-]+$/) ? key : JSON.stringify(key)}= { value = "a=b", description = "} # not a comment" }`,
      ]);
    for (let n = 0; n < cases; n++) {
      const used = new Set<string>();
      const blocks: string[] = [];
      for (let b = 0, count = 1 + Math.floor(random() * 5); b < count; b++) {
        const kind = pick(['secrets', 'profile', 'provider', 'comment', 'table-entry']);
        if (kind === 'comment') blocks.push('# a comment\n');
        else if (kind === 'provider') blocks.push(`[providers.p${b}]\ntype = "plain"\n`);
        else if (kind === 'table-entry' && !used.has('secrets.T')) {
          used.add('secrets.T');
          blocks.push('[secrets.T]\ndefault = "t"\n');
        } else {
          const section = kind === 'secrets' ? 'secrets' : 'profiles.dev.secrets';
          if (used.has(section)) continue;
          used.add(section);
          const names = keys.filter((k) => k !== 'quote"d' && random() < 0.4);
          blocks.push(`[${section}]\n${names.map((k) => `${entryLine(k)}\n`).join('')}${random() < 0.5 ? '\n# trailing comment\n' : ''}`);
        }
      }
      let text = blocks.join(pick(['\n', '']));
      if (random() < 0.3) text = text.replaceAll('\n', '\r\n');
      if (random() < 0.2) text = text.replace(/\r?\n$/, '');
      const edits: SecretEdit[] = Array.from({ length: 1 + Math.floor(random() * 10) }, (_, i) => ({
        section: pick(sections),
        key: pick(keys),
        entry: pick<SecretConfig>([{ provider: 'plain', value: `v${i}` }, { default: `d${i}`, description: 'x' }, { value: 'multi\nline' }]),
      }));
      const expected = await settle(oneByOne(text, edits));
      const actual = await settle(setSecretsInText(text, edits, F));
      if (process.env.FNOX_FUZZ_STATS) console.log('STAT', 'error' in expected ? 'error' : 'ok');
      expect(actual, `case ${n}: ${JSON.stringify({ text, edits })}`).toEqual(expected);
    }
  }, 120_000);
});
