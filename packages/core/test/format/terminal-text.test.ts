import { describe, expect, it } from 'vitest';
import { escapeControls, hasControls } from '../../src/format/terminal-text.js';

describe('escapeControls', () => {
  it('shows ESC, CR, BEL, DEL and C1 controls as text', () => {
    expect(escapeControls('a\u001b[2K\rb\u0007c\u007fd\u009be')).toBe('a\\u001b[2K\\u000db\\u0007c\\u007fd\\u009be');
  });
  it('escapes newlines and tabs unless layout is kept', () => {
    expect(escapeControls('a\nb\tc')).toBe('a\\u000ab\\u0009c');
    expect(escapeControls('a\nb\tc\u001b', { keepLayout: true })).toBe('a\nb\tc\\u001b');
  });
  it('leaves printable text, including non-ASCII, alone', () => {
    expect(escapeControls('DATABASE_URL ✓ é 秘密')).toBe('DATABASE_URL ✓ é 秘密');
    expect(hasControls('plain')).toBe(false);
    expect(hasControls('x\u001by')).toBe(true);
  });
});
