import { describe, expect, it } from 'vitest';
import { dotenvQuote, formatExport, rfc3339, type ExportData } from '../../src/format/export-formats.js';
import { yamlScalar } from '../../src/format/yaml.js';
import { tomlString } from '../../src/format/toml-out.js';

const data: ExportData = {
  secrets: [
    ['SIMPLE', 'abc-123'],
    ['SPACED', 'hello world'],
    ['QUOTES', `say "hi" it's`],
    ['MULTI', 'l1\nl2'],
  ],
  profile: 'default',
  exportedAt: '2024-05-01T12:00:00.123+00:00',
};

describe('env format (dotenv)', () => {
  const rows: [string, string][] = [
    ['plain_value-1.2/x:y', 'plain_value-1.2/x:y'],
    ['', '""'],
    ['with space', '"with space"'],
    ['$HOME and `cmd`', '"$HOME and `cmd`"'],
    ['q"uote\\back', '"q\\"uote\\\\back"'],
    ['a\nb\rc\td', '"a\\nb\\rc\\td"'],
    ['ünï', '"ünï"'],
    ['-leading', '-leading'],
  ];
  for (const [v, want] of rows) it(JSON.stringify(v), () => expect(dotenvQuote(v)).toBe(want));

  it('whole output with --header', () => {
    expect(formatExport(data, 'env', { header: true })).toBe(
      '# Exported from profile: default\n# Exported at: 2024-05-01T12:00:00.123+00:00\n# Total secrets: 4\n\n' +
        'SIMPLE=abc-123\nSPACED="hello world"\nQUOTES="say \\"hi\\" it\'s"\nMULTI="l1\\nl2"\n',
    );
  });
});

describe('shell format', () => {
  it('export lines with POSIX quoting', () => {
    expect(formatExport(data, 'shell')).toBe(
      `export SIMPLE=abc-123\nexport SPACED='hello world'\nexport QUOTES="say \\"hi\\" it's"\nexport MULTI='l1\nl2'\n`,
    );
  });
  it('empty → nothing', () => expect(formatExport({ ...data, secrets: [] }, 'shell')).toBe(''));
});

describe('json format', () => {
  it('2-space pretty, no trailing newline, config order', () => {
    const out = formatExport({ ...data, secrets: [['B', '1'], ['A', 'x"y\n']] }, 'json');
    expect(out).toBe(
      '{\n  "secrets": {\n    "B": "1",\n    "A": "x\\"y\\n"\n  },\n  "metadata": {\n    "profile": "default",\n    "exported_at": "2024-05-01T12:00:00.123+00:00",\n    "total_secrets": 2\n  }\n}',
    );
    expect(JSON.parse(out).secrets).toEqual({ B: '1', A: 'x"y\n' });
  });
  it('empty secrets', () => expect(formatExport({ ...data, secrets: [] }, 'json')).toContain('"secrets": {},'));
});

describe('yaml format', () => {
  it('document', () => {
    expect(formatExport(data, 'yaml')).toBe(
      "secrets:\n  SIMPLE: abc-123\n  SPACED: hello world\n  QUOTES: say \"hi\" it's\n  MULTI: |-\n    l1\n    l2\n" +
        'metadata:\n  profile: default\n  exported_at: 2024-05-01T12:00:00.123+00:00\n  total_secrets: 4\n',
    );
  });
  const rows: [string, string][] = [
    ['true', "'true'"],
    ['123', "'123'"],
    ['1.5', "'1.5'"],
    ['null', "'null'"],
    ['', "''"],
    ['- dash', "'- dash'"],
    ['a: b', "'a: b'"],
    ['#c', "'#c'"],
    [' lead', "' lead'"],
    ["it's: x", "'it''s: x'"],
    ['tab\there', '"tab\\there"'],
    ['ünï', 'ünï'],
  ];
  for (const [v, want] of rows) it(`scalar ${JSON.stringify(v)}`, () => expect(yamlScalar(v)).toBe(want));
  it('empty secrets map', () => expect(formatExport({ ...data, secrets: [] }, 'yaml')).toMatch(/^secrets: \{\}\n/));
});

describe('toml format', () => {
  it('document', () => {
    expect(formatExport(data, 'toml')).toBe(
      '[secrets]\nSIMPLE = "abc-123"\nSPACED = "hello world"\nQUOTES = "say \\"hi\\" it\'s"\nMULTI = """\nl1\nl2"""\n\n' +
        '[metadata]\nprofile = "default"\nexported_at = "2024-05-01T12:00:00.123+00:00"\ntotal_secrets = 4\n',
    );
  });
  it('string styles', () => {
    expect(tomlString('C:\\path')).toBe("'C:\\path'");
    expect(tomlString("C:\\it's")).toBe("'''C:\\it's'''");
    expect(tomlString('a\u0001b')).toBe('"a\\u0001b"');
  });
});

it('rfc3339 like chrono (UTC, +00:00, fraction only when non-zero)', () => {
  expect(rfc3339(new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6)))).toBe('2024-01-02T03:04:05.006+00:00');
  expect(rfc3339(new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 0)))).toBe('2024-01-02T03:04:05+00:00');
});
