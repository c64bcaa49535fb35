/**
 * Key positions: a path must be the one the TOML parser sees, or a message points at the wrong
 * line and a bulk edit rewrites another profile's entry.
 */
import { describe, expect, it } from 'vitest';
import { locateKeys, pathId } from '../../src/config/locate.js';
import { parseToml } from '../../src/config/toml-read.js';

const TEXT = `[profiles."\\b".secrets]
A = { default = "x" }

[profiles."\\u0064ev".secrets]
B = { default = "y" }

[profiles.'lit\\b'.secrets]
C = { default = "z" }

[secrets]
"tab\\there" = { default = "t" }
"\\U0001F511 \\x41\\e\\f\\r\\"\\\\" = { default = "k" }

[profiles.b.secrets]
A = { default = "w" }
`;

describe('locateKeys', () => {
  const index = locateKeys(TEXT);
  const lineOf = (...path: string[]) => index.get(pathId(path))?.key.line;

  it('decodes every escape of a quoted key as the parser does', () => {
    const parsed = parseToml(TEXT, 'f') as { profiles: Record<string, unknown>; secrets: Record<string, unknown> };
    expect(Object.keys(parsed.profiles).sort()).toEqual(['\b', 'b', 'dev', 'lit\\b']);
    expect(Object.keys(parsed.secrets)).toEqual(['tab\there', '🔑 A\x1b\f\r"\\']);
    expect(lineOf('profiles', '\b', 'secrets', 'A')).toBe(2);
    expect(lineOf('profiles', 'dev', 'secrets', 'B')).toBe(5);
    expect(lineOf('profiles', 'lit\\b', 'secrets', 'C')).toBe(8);
    expect(lineOf('secrets', 'tab\there')).toBe(11);
    expect(lineOf('secrets', '🔑 A\x1b\f\r"\\')).toBe(12);
  });

  it('keeps two profiles apart when one name is an escape of the other (positive control: the plain one)', () => {
    expect(lineOf('profiles', 'b', 'secrets', 'A')).toBe(15);
    expect(index.get(pathId(['profiles', 'b', 'secrets', 'A']))?.value).toEqual({ line: 15, col: 5 });
  });
});
