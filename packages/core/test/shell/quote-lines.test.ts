/** The exact set/unset lines each shell evaluates: the dispatch per shell, PowerShell's quote doubling, NULs dropped. */
import { describe, expect, it } from 'vitest';
import { exportLine, listAssignLine, pwshWord, scalarAssignLine, shellWord, unsetLine } from '../../src/shell/quote.js';

const NASTY = "a'b\0c $x";

describe('shell lines', () => {
  it('quotes one word per shell, never keeping a NUL', () => {
    expect(shellWord('bash', NASTY)).toBe("'a'\\''bc $x'");
    expect(shellWord('zsh', NASTY)).toBe("'a'\\''bc $x'");
    expect(shellWord('fish', NASTY)).toBe('"a\'bc \\$x"');
    expect(shellWord('pwsh', NASTY)).toBe("'a''bc $x'");
    expect(shellWord('nu', NASTY)).toBe('"a\'bc $x"');
  });

  it('PowerShell doubles the ASCII quote and the four typographic quotes it also honours', () => {
    expect(pwshWord('a\u2018b\u2019c\u201ad\u201be\0f')).toBe("'a\u2018\u2018b\u2019\u2019c\u201a\u201ad\u201b\u201bef'");
    expect(pwshWord("''")).toBe("''''''");
    expect(pwshWord('plain "double" `tick` $var')).toBe('\'plain "double" `tick` $var\'');
  });

  it('exports and unsets per shell', () => {
    expect(exportLine('bash', 'K', "v'1")).toBe('export K="v\'1"\n');
    expect(exportLine('fish', 'K', "v'1")).toBe('set -gx K "v\'1"\n');
    expect(exportLine('pwsh', 'K', "v'1")).toBe("$Env:K = 'v''1'\n");
    expect(unsetLine('zsh', 'K')).toBe('unset K\n');
    expect(unsetLine('fish', 'K')).toBe('set -e K\n');
    expect(unsetLine('pwsh', 'K')).toBe("Remove-Item -ErrorAction SilentlyContinue -LiteralPath 'Env:K'\n");
  });

  it('assigns the hook bookkeeping variables without exporting them', () => {
    expect(listAssignLine('bash', 'L', ['a', 'b c'])).toBe("L=( a 'b c' )\n");
    expect(listAssignLine('bash', 'L', [])).toBe('L=()\n');
    expect(listAssignLine('fish', 'L', ['a', 'b c'])).toBe('set -g L "a" "b c"\n');
    expect(listAssignLine('fish', 'L', [])).toBe('set -g L\n');
    expect(scalarAssignLine('bash', 'S', 'x y')).toBe("S='x y'\n");
    expect(scalarAssignLine('fish', 'S', 'x\0 y')).toBe('set -g S "x y"\n');
  });
});
