import { describe, expect, it } from 'vitest';
import { parseDotenv, parseImportInput } from '../../src/ops/import-parse.js';
import { parseYamlMapping } from '../../src/ops/import-yaml.js';
import type { Logger } from '../../src/session.js';

function logger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, warn: (m) => lines.push(m), debug: () => {}, info: () => {} };
}
const yaml = (text: string) => Object.fromEntries(parseYamlMapping(text, '<test>', logger()));

describe('dotenv input', () => {
  it('follows upstream rules: export, quotes, escapes, no inline comments, first = splits', () => {
    const out = parseDotenv('# c\n\nexport A="x\\ny \\"q\\" \\$HOME \\\\"\nB = \'lit\\n\'\nC=raw # kept\nD=a=b\n=skip\nnoequals\n  E = " spaced "  \n');
    expect(Object.fromEntries(out)).toEqual({ A: 'x\ny "q" \\$HOME \\', B: 'lit\\n', C: 'raw # kept', D: 'a=b', E: ' spaced ' });
  });
});

describe('json / toml input', () => {
  it('keeps strings, renders scalars as JSON text, skips nested values with a warning', () => {
    const log = logger();
    const out = parseImportInput('{"S":"v","N":42,"F":1.5,"B":false,"Z":null,"O":{"a":1},"L":[1]}', 'json', 'in.json', log);
    expect(Object.fromEntries(out)).toEqual({ S: 'v', N: '42', F: '1.5', B: 'false', Z: 'null' });
    expect(log.lines).toEqual(["WARN Skipping non-string value for key 'O'", "WARN Skipping non-string value for key 'L'"]);
    expect(Object.fromEntries(parseImportInput('A = "x"\nN = 7\n[T]\nk = 1\n', 'toml', 'in.toml', log))).toEqual({ A: 'x', N: '7' });
  });

  it('reports parse errors with a location but without the input text', () => {
    expect(() => parseImportInput('{"A": "hunter2",}', 'json', 'in.json', logger())).toThrow(/^Failed to parse JSON input at in\.json:1:\d+: /);
    try {
      parseImportInput('{"A": "hunter2",}', 'json', 'in.json', logger());
    } catch (error) {
      expect((error as Error).message).not.toContain('hunter2');
    }
    expect(() => parseImportInput('A = "hunter2\n', 'toml', 'in.toml', logger())).toThrow(/Failed to parse TOML input at in\.toml:1:/);
    expect(() => parseImportInput('[1, 2]', 'json', 'in.json', logger())).toThrow(/top level must be a mapping/);
  });
});

describe('yaml input (top-level mapping subset)', () => {
  it('reads plain, quoted and typed scalars, comments and a document marker', () => {
    expect(
      yaml("---\n# c\nA: plain value # comment\nB: 'it''s'\nC: \"tab\\tnew\\nline \\u00e9\"\nD: 42\nE: 1.0\nF: true\nG: ~\nH:\nI: 'a # not comment'\n\"J K\": x:y\nL: http://h:1/p\n"),
    ).toEqual({ A: 'plain value', B: "it's", C: 'tab\tnew\nline é', D: '42', E: '1', F: 'true', G: 'null', H: 'null', I: 'a # not comment', 'J K': 'x:y', L: 'http://h:1/p' });
  });

  it('reads literal and folded block scalars with chomping', () => {
    expect(yaml('A: |\n  l1\n    l2\n\n  l3\n\nB: |-\n  x\n  y\nC: >\n  folded\n  text\n\n  para\nD: |+\n  keep\n\nE: after\n')).toEqual({
      A: 'l1\n  l2\n\nl3\n',
      B: 'x\ny',
      C: 'folded text\npara\n',
      D: 'keep\n\n',
      E: 'after',
    });
  });

  it('skips nested mappings and sequences with a warning', () => {
    const log = logger();
    const out = parseYamlMapping('A: 1\nN:\n  x: 1\n  y: 2\nS:\n- a\n- b\nF: [1, 2]\nM: {a: 1}\nZ: z\n', '<t>', log);
    expect(Object.fromEntries(out)).toEqual({ A: '1', Z: 'z' });
    expect(log.lines).toHaveLength(4);
  });

  it('refuses what it does not understand, naming the line only', () => {
    const cases: [string, RegExp][] = [
      ['A: &x secret1\n', /<test>:1: anchors, aliases and tags/],
      ['A: *x\n', /anchors, aliases and tags/],
      ['- a\n- b\n', /not a sequence/],
      ['A: "open\n  more"\n', /quoted strings spanning several lines/],
      ['A: one\n  two\n', /multi-line plain scalars/],
      ['A: 1\n---\nB: 2\n', /multiple documents/],
      ['  A: 1\n', /unexpected indentation/],
      ['just text\n', /expected "key: value"/],
    ];
    for (const [text, message] of cases) {
      expect(() => yaml(text), text).toThrow(message);
      try {
        yaml(text);
      } catch (error) {
        expect((error as Error).message).not.toMatch(/secret1|more|two/);
      }
    }
    expect(yaml('')).toEqual({});
    expect(yaml('# only a comment\n')).toEqual({});
  });
});
