import { describe, expect, it } from 'vitest';
import { keepLineEnds } from '../../src/config/line-ends.js';

describe('keepLineEnds', () => {
  it('leaves LF files alone', () => {
    expect(keepLineEnds('a\nb\n', 'a\nc\n')).toBe('a\nc\n');
  });
  it('gives a CRLF file back its CRLF on untouched and written lines', () => {
    expect(keepLineEnds('# c  \r\n[s]\r\nA = 1\r\nB = 2\r\n', '# c  \n[s]\nA = 1\nB = 3\nC = 4\n')).toBe('# c  \r\n[s]\r\nA = 1\r\nB = 3\r\nC = 4\r\n');
  });
  it('keeps the exact bytes of untouched lines in a mixed file; new lines take the dominant style', () => {
    const original = 'a\r\nb\nc\r\nd\r\n';
    expect(keepLineEnds(original, 'a\nb\nX\nd\n')).toBe('a\r\nb\nX\r\nd\r\n');
  });
  it('keeps a missing final newline', () => {
    expect(keepLineEnds('a\r\nb', 'a\nb\nc')).toBe('a\r\nb\r\nc');
  });
});
