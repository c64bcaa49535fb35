/** The shells fnox integrates with (docs/shell-integration.md), and how the one in use is detected. */
import { FnoxError } from '../errors.js';

/** Shells with activation scripts in v1. */
export const SHELLS = ['bash', 'zsh', 'fish'] as const;

/** A supported shell. */
export type ShellName = (typeof SHELLS)[number];

/** Shells upstream supports that fnox-ts will add later (named so the error can say so). */
const LATER_SHELLS = new Set(['nu', 'pwsh', 'powershell']);

/** True for a supported shell name. */
export function isShellName(name: string): name is ShellName {
  return (SHELLS as readonly string[]).includes(name);
}

/** `unsupported shell: X` (a configuration error, exit 1). */
export function unsupportedShell(name: string): FnoxError {
  const later = LATER_SHELLS.has(name) ? ` (${name} support is planned)` : '';
  return new FnoxError('shell_unsupported', `unsupported shell: ${name}${later}`);
}

/** Check a shell name given on the command line. */
export function parseShell(name: string): ShellName {
  if (isShellName(name)) return name;
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
