/** The shells fnox integrates with (docs/shell-integration.md), and how the one in use is detected. */
import { FnoxError } from '../errors.js';
import { escapeControls } from '../format/terminal-text.js';

/** Shells with activation scripts. */
export const SHELLS = ['bash', 'zsh', 'fish', 'nu', 'pwsh'] as const;

/** A supported shell. */
export type ShellName = (typeof SHELLS)[number];

/** Other spellings accepted on the command line and in `$SHELL`. */
const ALIASES: Readonly<Record<string, ShellName>> = { powershell: 'pwsh', nushell: 'nu' };

/**
 * Shells whose prompt hook compares the directory, config files and FNOX_* variables itself and
 * runs no process when nothing changed; nu and pwsh run `hook-env` at every prompt (it prints
 * nothing when nothing changed), as upstream does.
 */
export function hasPromptFingerprint(shell: ShellName): boolean {
  return shell === 'bash' || shell === 'zsh' || shell === 'fish';
}

/** True for a supported shell name. */
export function isShellName(name: string): name is ShellName {
  return (SHELLS as readonly string[]).includes(name);
}

/** `unsupported shell: X` (a configuration error, exit 1). */
export function unsupportedShell(name: string): FnoxError {
  return new FnoxError('shell_unsupported', `unsupported shell: ${escapeControls(name)}`, { hint: `Supported shells: ${SHELLS.join(', ')}.` });
}

/** Check a shell name given on the command line. */
export function parseShell(name: string): ShellName {
  const canonical = ALIASES[name] ?? name;
  if (isShellName(canonical)) return canonical;
  throw unsupportedShell(name);
}

/** The basename of `$SHELL` (`/usr/bin/zsh` → `zsh`), or undefined. */
function shellFromPath(path: string | undefined): string | undefined {
  if (!path) return undefined;
  const base = path.slice(path.lastIndexOf('/') + 1);
  return base === '' ? undefined : base;
}

/**
 * The shell for `activate` (docs/shell-integration.md): the argument, else `$FNOX_SHELL`, else the basename of
 * `$SHELL`; none of them → "Could not detect shell".
 */
export function detectActivateShell(explicit: string | undefined, env: NodeJS.ProcessEnv): ShellName {
  const name = explicit || env.FNOX_SHELL || shellFromPath(env.SHELL);
  if (!name) {
    throw new FnoxError('shell_unsupported', 'Could not detect shell. Please specify shell explicitly: fnox activate <shell>');
  }
  return parseShell(name);
}

/** The shell for `hook-env` (docs/shell-integration.md): `-s`, else `$FNOX_SHELL`, else basename of `$SHELL`, else bash. */
export function detectHookShell(explicit: string | undefined, env: NodeJS.ProcessEnv): ShellName {
  return parseShell(explicit || env.FNOX_SHELL || shellFromPath(env.SHELL) || 'bash');
}
