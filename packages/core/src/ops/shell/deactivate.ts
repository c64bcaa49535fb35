/**
 * `fnox deactivate` (docs/shell-integration.md): delete the session's `fnox-hook-*` files and stamp
 * directory, then print what gives every loaded key back the value the user had before fnox set it
 * (or unsets it), and the shell teardown.
 */
import { basename } from 'node:path';
import { FnoxError } from '../../errors.js';
import { escapeControls } from '../../format/terminal-text.js';
import { removeFiles } from '../../resolve/temp-files.js';
import { diffSecrets } from '../../shell/diff.js';
import { changeLines } from '../../shell/hook-output.js';
import { bashTeardown } from '../../shell/script-bash.js';
import { fishTeardown } from '../../shell/script-fish.js';
import { pwshTeardown } from '../../shell/script-pwsh.js';
import { zshTeardown } from '../../shell/script-zsh.js';
import { decodeSession } from '../../shell/session-state.js';
import { parseShell, type ShellName } from '../../shell/shells.js';
import { removeStampDir } from '../../shell/stamps.js';

function teardown(shell: ShellName): string {
  switch (shell) {
    case 'bash':
      return bashTeardown();
    case 'zsh':
      return zshTeardown();
    case 'fish':
      return fishTeardown();
    case 'pwsh':
      return pwshTeardown();
    case 'nu':
      // nu's wrapper removes its hook itself after applying the JSON.
      return '';
  }
}

/**
 * The text for the shell to evaluate (nu: JSON for its wrapper). Throws `shell_not_activated`
 * without `FNOX_SHELL`, and an `io` error naming every secret whose temp file it could not
 * delete (after trying all of them).
 */
export function deactivate(env: NodeJS.ProcessEnv): string {
  const name = env.FNOX_SHELL;
  if (!name) {
    throw new FnoxError('shell_not_activated', 'fnox is not activated in this shell session.', {
      hint: 'To activate fnox, run: eval "$(fnox activate bash)" (or zsh; fish: fnox activate fish | source; nu and pwsh: see docs/shell-integration.md).',
    });
  }
  const shell = parseShell(name);
  const session = decodeSession(env.__FNOX_SESSION);
  // Only files this session created, named fnox-hook-*, wherever TMPDIR pointed when each was written.
  const ours = session.asFiles.filter(([, path]) => basename(path).startsWith('fnox-hook-'));
  const failedPaths = new Set(removeFiles(ours.map(([, path]) => path)));
  const failed = ours.filter(([, path]) => failedPaths.has(path)).map(([key, path]) => `failed to clean up temp file for '${escapeControls(key)}': ${escapeControls(path)}`);
  if (!removeStampDir(session.stamps)) failed.push(`failed to clean up the stamp directory ${escapeControls(session.stamps!)}`);
  if (failed.length > 0) {
    throw new FnoxError('io', failed.length === 1 ? failed[0]! : `failed to clean up ${failed.length} fnox temp files`, {
      details: failed.length === 1 ? [] : failed,
      hint: 'Remove them by hand; they may hold secret values.',
    });
  }
  const release = diffSecrets(session, session.key ?? '', [], () => '', env);
  const sets = release.restores;
  // nu's wrapper applies JSON only: the session and FNOX_SHELL go through it too.
  const unsets = [...release.unsets, ...(shell === 'nu' ? ['__FNOX_SESSION', 'FNOX_SHELL'] : [])];
  return changeLines(shell, sets, unsets, undefined) + teardown(shell);
}
