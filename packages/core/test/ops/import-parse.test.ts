import { describe, expect, it } from 'vitest';
import { parseDotenv, parseImportInput } from '../../src/ops/import/import-parse.js';
import { parseYamlMapping } from '../../src/ops/import/import-yaml.js';
import type { Logger } from '../../src/session.js';

function logger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, warn: (m) => lines.push(m), debug: () => {}, info: () => {} };
}
const yaml = async (text: string) => Object.fromEntries(await parseYamlMapping(text, '<test>', logger()));

describe('dotenv input', () => {
  it('follows upstream rules: export, quotes, escapes, no inline comments, first = splits', () => {
    const out = parseDotenv('# c\n\nexport A="x\\ny \\"q\\" \\$HOME \\\\"\nB = \'lit\\n\'\nC=raw # kept\nD=a=b\n=skip\nnoequals\n  E = " spaced "  \n');
    expect(Object.fromEntries(out)).toEqual({ A: 'x\ny "q" \\$HOME \\', B: 'lit\\n', C: 'raw # kept', D: 'a=b', E: ' spaced ' });
  });
});

describe('json / toml input', () => {
  it('keeps strings, renders scalars as JSON text, skips nested values with a warning', async () => {
    const log = logger();
    const out = await parseImportInput('{"S":"v","N":42,"F":1.5,"B":false,"Z":null,"O":{"a":1},"L":[1]}', 'json', 'in.json', log);
    expect(Object.fromEntries(out)).toEqual({ S: 'v', N: '42', F: '1.5', B: 'false', Z: 'null' });
    expect(log.lines).toEqual(["WARN Skipping non-string value for key 'O'", "WARN Skipping non-string value for key 'L'"]);
    expect(Object.fromEntries(await parseImportInput('A = "x"\nN = 7\n[T]\nk = 1\n', 'toml', 'in.toml', log))).toEqual({ A: 'x', N: '7' });
  });

  it('reports parse errors with a location but without the input text', async () => {
    await expect(parseImportInput('{"A": "hunter2",}', 'json', 'in.json', logger())).rejects.toThrow(/^Failed to parse JSON input at in\.json:1:\d+: /);
    await expect(parseImportInput('{"A": "hunter2",}', 'json', 'in.json', logger())).rejects.not.toThrow(/hunter2/);
    await expect(parseImportInput('A = "hunter2\n', 'toml', 'in.toml', logger())).rejects.toThrow(/Failed to parse TOML input at in\.toml:1:/);
    await expect(parseImportInput('[1, 2]', 'json', 'in.json', logger())).rejects.toThrow(/top level must be a mapping/);
  });
});

describe('yaml input (js-yaml, core schema)', () => {
  it('reads plain, quoted and typed scalars, comments and a document marker', async () => {
    expect(
      await yaml(
        "---\n# c\nA: plain value # comment\nB: 'it''s'\nC: \"tab\\tnew\\nline \\u00e9\"\nD: 42\nE: 1.0\nF: true\nG: ~\nH:\nI: 'a # not comment'\n\"J K\": x:y\nL: http://h:1/p\n",
      ),
    ).toEqual({
      A: 'plain value',
      B: "it's",
      C: 'tab\tnew\nline é',
      D: '42',
      E: '1',
      F: 'true',
      G: 'null',
      H: 'null',
      I: 'a # not comment',
      'J K': 'x:y',
      L: 'http://h:1/p',
    });
  });

  it('reads literal and folded block scalars with chomping', async () => {
    expect(await yaml('A: |\n  l1\n    l2\n\n  l3\n\nB: |-\n  x\n  y\nC: >\n  folded\n  text\n\n  para\nD: |+\n  keep\n\nE: after\n')).toEqual({
      A: 'l1\n  l2\n\nl3\n',
      B: 'x\ny',
      C: 'folded text\npara\n',
      D: 'keep\n\n',
      E: 'after',
    });
  });

  it('reads what the hand-written subset refused: multi-line plain and quoted scalars, anchors and aliases, !!str', async () => {
    expect(await yaml('A: one\n  two\n   three\nB: "open\n  more"\nC: \'single\n\n  para\'\n')).toEqual({
      A: 'one two three',
      B: 'open more',
      C: 'single\npara',
    });
    expect(await yaml('BASE: &pw hunter2\nCOPY: *pw\n')).toEqual({ BASE: 'hunter2', COPY: 'hunter2' });
    expect(await yaml('PORT: !!str 0042\nFLAG: !!str true\nN: !!int "7"\n')).toEqual({ PORT: '0042', FLAG: 'true', N: '7' });
  });

  it('keeps integers beyond 2^53 digit for digit, and dates as text (core schema)', async () => {
    expect(await yaml('ID: 123456789012345678901\nSMALL: -9007199254740991\nDAY: 2024-01-02\n')).toEqual({
      ID: '123456789012345678901',
      SMALL: '-9007199254740991',
      DAY: '2024-01-02',
    });
  });

  it('skips nested mappings and sequences with a warning', async () => {
    const log = logger();
    const out = await parseYamlMapping('A: 1\nN:\n  x: 1\n  y: 2\nS:\n- a\n- b\nF: [1, 2]\nM: {a: 1}\nZ: z\n', '<t>', log);
    expect(Object.fromEntries(out)).toEqual({ A: '1', Z: 'z' });
    expect(log.lines).toHaveLength(4);
  });

  it('refuses invalid documents naming the position, never quoting the input', async () => {
    const cases: [string, RegExp][] = [
      ['- secret1\n- b\n', /top level must be a mapping/],
      ['A: 1\n---\nB: secret1\n', /^Failed to parse YAML input in <test>: expected a single document/],
      ['A: "secret1\n', /^Failed to parse YAML input at <test>:\d+:\d+: /],
      ['A: secret1\n B: more\n', /^Failed to parse YAML input at <test>:2:\d+: /],
      ['A: *secret1\n', /^Failed to parse YAML input at <test>:\d+:\d+: /],
      ['A: !<tag:secret1> x\n', /^Failed to parse YAML input at <test>:\d+:\d+: /],
      ['"secret1": 1\n"secret1": 2\n', /^Failed to parse YAML input at <test>:\d+:\d+: /],
    ];
    for (const [text, message] of cases) {
      const error = await yaml(text).then(
        () => undefined,
        (thrown: unknown) => thrown as Error,
      );
      expect(error?.message, text).toMatch(message);
      expect(error?.message, text).not.toContain('secret1');
    }
    expect(await yaml('')).toEqual({});
    expect(await yaml('# only a comment\n')).toEqual({});
  });
});
