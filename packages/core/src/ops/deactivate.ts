/**
 * `fnox deactivate` (docs/shell-integration.md): delete the session's `fnox-hook-*` files and stamp directory,
 * then print the unset lines of every loaded key and the shell teardown.
 */
import { basename, dirname } from 'node:path';
import { FnoxError } from '../errors.js';
import { removeFiles } from '../resolve/temp-files.js';
import { unsetLine } from '../shell/quote.js';
import { bashTeardown } from '../shell/script-bash.js';
import { fishTeardown } from '../shell/script-fish.js';
import { zshTeardown } from '../shell/script-zsh.js';
import { decodeSession } from '../shell/session-state.js';
import { parseShell } from '../shell/shells.js';
import { removeStampDir } from '../shell/stamps.js';

/**
 * The text for the shell to evaluate. Throws `shell_not_activated` without `FNOX_SHELL`, and an
 * `io` error listing every temp file it could not delete (after trying all of them).
 */
export function deactivate(env: NodeJS.ProcessEnv): string {
  const name = env.FNOX_SHELL;
  if (!name) {
    throw new FnoxError('shell_not_activated', 'fnox is not activated in this shell session.', {
      hint: 'To activate fnox, run: eval "$(fnox activate bash)" (or zsh; for fish: fnox activate fish | source).',
    });
  }
  const shell = parseShell(name);
  const session = decodeSession(env.__FNOX_SESSION);
  // Only files this session created: in its recorded temp dir and named fnox-hook-*.
  const ours = session.asFiles
    .map(([, path]) => path)
    .filter((path) => basename(path).startsWith('fnox-hook-') && (session.tmp === undefined || dirname(path) === session.tmp));
  const failed = removeFiles(ours);
  if (!removeStampDir(session.stamps)) failed.push(session.stamps!);
  if (failed.length > 0) {
    throw new FnoxError('io', `Failed to remove ${failed.length} fnox temp file(s)`, {
      details: failed,
      hint: 'Remove them by hand; they may hold secret values.',
    });
  }
  let out = '';
  for (const [key] of session.secrets) out += unsetLine(shell, key);
  out += shell === 'bash' ? bashTeardown() : shell === 'zsh' ? zshTeardown() : fishTeardown();
  return out;
}
