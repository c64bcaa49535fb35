import { describe, expect, it } from 'vitest';
import { fishQuote, posixQuote } from '../../src/format/shell-quote.js';

describe('posixQuote = Rust shlex (docs/shell-integration.md)', () => {
  const rows: [string, string][] = [
    // pinned by the spec
    ['', "''"],
    ['test-value-123', 'test-value-123'],
    ['$$test', "'$$test'"],
    ['value with spaces and "quotes"', `'value with spaces and "quotes"'`],
    ["it's a value", `"it's a value"`],
    ["it's $x", `"it's "'$x'`],
    ['a\\b', '"a\\\\b"'],
    ['x=1', "'x=1'"],
    ['^foo', "'^foo'"],
    ['a^b', "a'^b'"],
    // more of the table
    ['simple', 'simple'],
    ['a+b-c.d/e:f@g]h_i', 'a+b-c.d/e:f@g]h_i'],
    ['--leading-dashes', '--leading-dashes'],
    ['-n', '-n'],
    ['back`tick`', "'back`tick`'"],
    ['bang!', "'bang!'"],
    ['line1\nline2', "'line1\nline2'"],
    ['tab\there', "'tab\there'"],
    ['ünïcödé', "'ünïcödé'"],
    ['秘密🔑', "'秘密🔑'"],
    ["'", `"'"`],
    ['"', `'"'`],
    ['\\', '"\\\\"'],
    ["a'b\"c", `"a'b\\"c"`],
    ["it's\\$x", `"it's\\\\"'$x'`],
    ['^', "'^'"],
    ["^'", `'^'"'"`],
    ['a^^b', "a'^''^b'"],
    ['${HOME}', "'${HOME}'"],
    ['a,b', "'a,b'"],
    ['#hash', "'#hash'"],
    ['~tilde', "'~tilde'"],
    ['don\'t say "$HOME"', `"don't say \\""'$HOME"'`],
  ];
  for (const [input, want] of rows) it(`${JSON.stringify(input)} → ${want}`, () => expect(posixQuote(input)).toBe(want));

  it('NUL fallback: NULs dropped, whole value single-quoted with \'\\\'\'', () => {
    expect(posixQuote("a\0b")).toBe("'ab'");
    expect(posixQuote("it's\0")).toBe("'it'\\''s'");
  });
});

describe('fish quoting', () => {
  it('fish escapes \\ " $', () => expect(fishQuote('a\\b"c$d')).toBe('"a\\\\b\\"c\\$d"'));
});
