/**
 * The injection table through real shells: each set line is evaluated the way the hook does
 * (`eval "$(…)"` in bash/zsh, `… | source` in fish) and the shell must hold exactly the original bytes.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { exportLine, unsetLine } from '../../src/shell/quote.js';
import type { ShellName } from '../../src/shell/shells.js';
import { INJECTION_CASES } from './injection-values.js';

const PROGRAMS: Record<ShellName, (names: readonly string[]) => string[]> = {
  // printf is a builtin in all three: the bytes come straight from the variable.
  bash: (names) => ['/usr/bin/bash', '--norc', '--noprofile', '-c', `eval "$__T_LINES"; for n in ${names.join(' ')}; do printf '%s\\0' "\${!n}"; done`],
  zsh: (names) => ['/usr/bin/zsh', '-f', '-c', `eval "$__T_LINES"; for n in ${names.join(' ')}; do printf '%s\\0' "\${(P)n}"; done`],
  fish: (names) => ['/usr/bin/fish', '--no-config', '-c', `printf '%s' "$__T_LINES" | source; for n in ${names.join(' ')}; printf '%s\\0' "$$n"; end`],
};

function evalIn(shell: ShellName, lines: string, names: readonly string[]): string[] {
  const [cmd, ...args] = PROGRAMS[shell](names);
  const result = spawnSync(cmd!, args, { env: { PATH: process.env.PATH, HOME: '/nonexistent', __T_LINES: lines, LANG: 'C.UTF-8' }, encoding: 'utf8' });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return result.stdout.split('\0').slice(0, -1);
}

describe.each(['bash', 'zsh', 'fish'] as const)('%s evaluates set lines to the exact bytes', (shell) => {
  it('every value of the injection table', () => {
    const names = INJECTION_CASES.map((c) => `V_${c.name}`);
    const lines = INJECTION_CASES.map((c) => exportLine(shell, `V_${c.name}`, c.value)).join('');
    const seen = evalIn(shell, lines, names);
    expect(seen).toEqual(INJECTION_CASES.map((c) => c.expected ?? c.value));
  });

  it('each value alone, also as the very first line', () => {
    for (const c of INJECTION_CASES) {
      expect(evalIn(shell, exportLine(shell, 'V', c.value), ['V']), c.name).toEqual([c.expected ?? c.value]);
    }
  });

  it('unset lines remove the variable', () => {
    const lines = exportLine(shell, 'V', 'x') + unsetLine(shell, 'V') + exportLine(shell, 'W', 'y');
    expect(evalIn(shell, lines, ['V', 'W'])).toEqual(['', 'y']);
  });
});
