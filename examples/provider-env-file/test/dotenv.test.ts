import { describe, expect, it } from 'vitest';
import { DotenvSyntaxError, parseDotenv } from '../src/dotenv.js';

describe('parseDotenv', () => {
  it('reads plain, exported, quoted and commented lines in order', () => {
    const parsed = parseDotenv(
      [
        '# comment',
        '',
        'PLAIN=value with spaces  ',
        'export EXPORTED=yes',
        'INLINE=abc # trailing comment',
        'HASH=abc#not-a-comment',
        "SINGLE='keep \\n and $VARS'",
        'DOUBLE="tab\\there \\"quoted\\""',
        'EMPTY=',
        'SPACED = around ',
        'dotted.name-x=ok',
      ].join('\n'),
    );
    expect([...parsed]).toEqual([
      ['PLAIN', 'value with spaces'],
      ['EXPORTED', 'yes'],
      ['INLINE', 'abc'],
      ['HASH', 'abc#not-a-comment'],
      ['SINGLE', 'keep \\n and $VARS'],
      ['DOUBLE', 'tab\there "quoted"'],
      ['EMPTY', ''],
      ['SPACED', 'around'],
      ['dotted.name-x', 'ok'],
    ]);
  });

  it('lets quoted values span lines and handles CRLF and a BOM', () => {
    const parsed = parseDotenv('\uFEFFKEY="line one\r\nline two"\r\nNEXT=1\r\n');
    expect(parsed.get('KEY')).toBe('line one\nline two');
    expect(parsed.get('NEXT')).toBe('1');
  });

  it('lets a later duplicate win', () => {
    expect(parseDotenv('A=1\nA=2').get('A')).toBe('2');
  });

  it('reports the line number of bad lines, never their content', () => {
    const attempt = (text: string) => {
      try {
        parseDotenv(text);
      } catch (error) {
        return error;
      }
      return undefined;
    };
    const noEquals = attempt('A=1\nsupersecretvalue');
    expect(noEquals).toBeInstanceOf(DotenvSyntaxError);
    expect((noEquals as DotenvSyntaxError).line).toBe(2);
    expect((noEquals as Error).message).not.toContain('supersecret');
    const open = attempt('OK=1\nTOKEN="hunter2 never closed\nMORE=x');
    expect((open as DotenvSyntaxError).line).toBe(2);
    expect((open as Error).message).toMatch(/unterminated double-quoted/);
    expect((open as Error).message).not.toContain('hunter2');
  });
});
