/**
 * The text hook-env prints: set/unset lines and `__FNOX_SESSION` (nu: one JSON object), then —
 * only when the activated prompt hook asks for it — the fingerprint: the watched paths split into
 * absent and present, the stamp directory, and two lines the shell evaluates itself (`$PWD`, and
 * the text of its exported FNOX_* variables after this very eval, built by `__fnox_env_text`,
 * which only the activation defines), so the next prompt can compare without starting a process.
 */
import type { WatchedFile } from './fingerprint.js';
import { exportLine, listAssignLine, scalarAssignLine, unsetLine } from './quote.js';
import type { ShellName } from './shells.js';
import { writeStamps } from './stamps.js';

/**
 * The fingerprint lines for `watched`; writes the stamp files first. `ownStampDir`: the directory
 * was created for this shell, which then removes it when it exits (`__fnox_fp_own`).
 */
export function fingerprintLines(shell: ShellName, watched: readonly WatchedFile[], stampDir: string | undefined, ownStampDir = false): string {
  const present = watched.filter((file) => file.mtimeNs !== undefined);
  const absent = watched.filter((file) => file.mtimeNs === undefined).map((file) => file.path);
  // Without stamps the check fails for every present file: hook-env then runs on each prompt (slow, still correct).
  const stamped = stampDir !== undefined && writeStamps(stampDir, present.map((file) => file.mtimeNs!));
  let out = listAssignLine(shell, '__fnox_fp_absent', absent);
  out += listAssignLine(shell, '__fnox_fp_present', present.map((file) => file.path));
  out += scalarAssignLine(shell, '__fnox_fp_stamps', stamped ? stampDir : '');
  if (ownStampDir && stampDir !== undefined) out += scalarAssignLine(shell, '__fnox_fp_own', stampDir);
  if (shell === 'fish') out += 'set -g __fnox_fp_dir $PWD\n__fnox_env_text\nset -g __fnox_fp_env $__fnox_envtxt\n';
  else out += '__fnox_fp_dir=$PWD\n__fnox_env_text\n__fnox_fp_env=$__fnox_envtxt\n';
  return out;
}

/** The set lines, unset lines and session line of a run that changed something. */
export function changeLines(
  shell: ShellName,
  sets: readonly (readonly [string, string])[],
  unsets: readonly string[],
  session: string | undefined,
): string {
  if (shell === 'nu') {
    // The shape upstream's nu hook applies: `load-env` for set, `hide-env` for unset.
    const set = Object.fromEntries(sets.map(([key, value]) => [key, value.replaceAll('\0', '')]));
    if (session !== undefined) set.__FNOX_SESSION = session;
    return `${JSON.stringify({ set, unset: unsets })}\n`;
  }
  let out = '';
  for (const [key, value] of sets) out += exportLine(shell, key, value);
  for (const key of unsets) out += unsetLine(shell, key);
  if (session !== undefined) out += exportLine(shell, '__FNOX_SESSION', session);
  return out;
}
