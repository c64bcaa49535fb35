/**
 * Set/unset lines a shell evaluates (docs/shell-integration.md). POSIX quoting is the shlex-compatible one from
 * format/shell-quote.ts (shared with `export --format shell`); this module adds the shell
 * dispatch, fish's NUL handling and the non-exported bookkeeping variables of the prompt hook.
 */
import { fishQuote, posixQuote } from '../format/shell-quote.js';
import type { ShellName } from './shells.js';

/**
 * A fish double-quoted word. No shell variable can hold NUL, so NULs are dropped, as the POSIX
 * fallback does (docs/shell-integration.md).
 */
export function fishWord(value: string): string {
  return fishQuote(value.replaceAll('\0', ''));
}

/** One word quoted for `shell`. */
export function shellWord(shell: ShellName, value: string): string {
  return shell === 'fish' ? fishWord(value) : posixQuote(value);
}

/** True for names a shell accepts as a variable (what `export NAME=` / `set -gx NAME` need). */
export function isShellVariableName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name);
}

/** `export KEY=<q>` / `set -gx KEY "v"`, with a newline. */
export function exportLine(shell: ShellName, key: string, value: string): string {
  return shell === 'fish' ? `set -gx ${key} ${fishWord(value)}\n` : `export ${key}=${posixQuote(value)}\n`;
}

/** `unset KEY` / `set -e KEY`, with a newline. */
export function unsetLine(shell: ShellName, key: string): string {
  return shell === 'fish' ? `set -e ${key}\n` : `unset ${key}\n`;
}

/** A global, non-exported list variable: `name=( 'a' 'b' )` / `set -g name "a" "b"`. */
export function listAssignLine(shell: ShellName, name: string, values: readonly string[]): string {
  const words = values.map((value) => shellWord(shell, value)).join(' ');
  return shell === 'fish' ? `set -g ${name}${words ? ` ${words}` : ''}\n` : `${name}=(${words ? ` ${words} ` : ''})\n`;
}

/** A global, non-exported scalar variable. */
export function scalarAssignLine(shell: ShellName, name: string, value: string): string {
  return shell === 'fish' ? `set -g ${name} ${fishWord(value)}\n` : `${name}=${posixQuote(value)}\n`;
}
