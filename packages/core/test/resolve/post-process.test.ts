import { describe, expect, it } from 'vitest';
import { extractLine, postProcess, splitJsonPath } from '../../src/resolve/post-process.js';

describe('json_path (ARCHITECTURE.md, "The resolution pipeline")', () => {
  const doc = JSON.stringify({
    user: 'admin',
    port: 5432,
    ok: true,
    nothing: null,
    nested: { a: { b: 'deep' }, obj: { x: 1 } },
    'dotted.key': 'dot',
    'back\\slash': 'bs',
    list: [1, 2],
  });
  const rows: [string, string][] = [
    ['user', 'admin'],
    ['port', '5432'],
    ['ok', 'true'],
    ['nothing', 'null'],
    ['nested.a.b', 'deep'],
    ['nested.obj', '{"x":1}'],
    ['dotted\\.key', 'dot'],
    ['back\\\\slash', 'bs'],
    ['list', '[1,2]'],
  ];
  for (const [path, want] of rows) it(`${path} → ${want}`, () => expect(postProcess(doc, { json_path: path })).toBe(want));

  it('splits on unescaped dots; backslash escapes anything; trailing backslash stays', () => {
    expect(splitJsonPath('a.b\\.c.d')).toEqual(['a', 'b.c', 'd']);
    expect(splitJsonPath('foo\\\\\\.bar')).toEqual(['foo\\.bar']);
    expect(splitJsonPath('\\x')).toEqual(['x']);
    expect(splitJsonPath('a\\')).toEqual(['a\\']);
  });

  const errors: [string, object, string][] = [
    ['missing path', { json_path: 'nope.x' }, "JSON path 'nope.x' not found in secret"],
    ['no array indexing', { json_path: 'list.0' }, "JSON path 'list.0' not found in secret"],
    ['empty path', { json_path: '' }, 'json_path must not be empty'],
    ['both set', { json_path: 'user', line: 1 }, '`json_path` and `line` are mutually exclusive on a secret'],
  ];
  for (const [name, cfg, msg] of errors) {
    it(name, () => expect(() => postProcess(doc, cfg)).toThrow(msg));
  }

  it('invalid JSON never echoes the value', () => {
    let message = '';
    try {
      postProcess('hunter2-secret', { json_path: 'a' });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/^Failed to parse JSON secret: /);
    expect(message).not.toContain('hunter2');
  });
});

describe('line (ARCHITECTURE.md, "The resolution pipeline")', () => {
  const rows: [string, number, string][] = [
    ['a\nb\nc', 2, 'b'],
    ['a\r\nb\r\nc', 3, 'c'],
    ['a\nb\n', 2, 'b'],
    ['single', 1, 'single'],
    ['a\n\nc', 2, ''],
  ];
  for (const [value, n, want] of rows) it(`${JSON.stringify(value)} line ${n}`, () => expect(extractLine(value, n)).toBe(want));
  it('0 is an error', () => expect(() => extractLine('a', 0)).toThrow('`line` must be a 1-indexed line number (got 0)'));
  it('out of range; trailing newline does not count', () =>
    expect(() => extractLine('a\nb\n', 3)).toThrow('`line = 3` is out of range; secret has 2 line(s)'));
});
