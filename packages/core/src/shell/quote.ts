/**
 * Set/unset lines a shell evaluates (docs/shell-integration.md). POSIX quoting is the
 * shlex-compatible one from format/shell-quote.ts (shared with `export --format shell`); this
 * module adds the shell dispatch, fish's and PowerShell's quoting and the non-exported
 * bookkeeping variables of the prompt hook. nu takes JSON instead (see hook-output.ts).
 */
import { fishQuote, posixQuote } from '../format/shell-quote.js';
import type { ShellName } from './shells.js';

/**
 * A fish double-quoted word. No shell variable can hold NUL, so NULs are dropped, as the POSIX
 * fallback does.
 */
export function fishWord(value: string): string {
  return fishQuote(value.replaceAll('\0', ''));
}

/**
 * A PowerShell single-quoted string: nothing inside is special except the quote itself, which is
 * doubled — and PowerShell takes the typographic quotes U+2018–U+201B for `'` too, so they are
 * doubled as well. NULs are dropped (no environment variable can hold one).
 */
export function pwshWord(value: string): string {
  return `'${value.replaceAll('\0', '').replace(/['\u2018\u2019\u201a\u201b]/g, (quote) => quote + quote)}'`;
}

/** One word quoted for `shell` (nu: a JSON string). */
export function shellWord(shell: ShellName, value: string): string {
  if (shell === 'fish') return fishWord(value);
  if (shell === 'pwsh') return pwshWord(value);
  if (shell === 'nu') return JSON.stringify(value.replaceAll('\0', ''));
  return posixQuote(value);
}

/** `export KEY=<q>` / `set -gx KEY "v"` / `$Env:KEY = 'v'`, with a newline (not for nu). */
export function exportLine(shell: ShellName, key: string, value: string): string {
  if (shell === 'fish') return `set -gx ${key} ${fishWord(value)}\n`;
  if (shell === 'pwsh') return `$Env:${key} = ${pwshWord(value)}\n`;
  return `export ${key}=${posixQuote(value)}\n`;
}

/** `unset KEY` / `set -e KEY` / `Remove-Item … Env:KEY`, with a newline (not for nu). */
export function unsetLine(shell: ShellName, key: string): string {
  if (shell === 'fish') return `set -e ${key}\n`;
  if (shell === 'pwsh') return `Remove-Item -ErrorAction SilentlyContinue -LiteralPath ${pwshWord(`Env:${key}`)}\n`;
  return `unset ${key}\n`;
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
