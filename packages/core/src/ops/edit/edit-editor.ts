/**
 * The decrypted scratch copy of `fnox edit` and the editor run on it. The copy lives in a fresh
 * 0700 directory as a 0600 file and is removed whatever happens: normal return, thrown error,
 * process exit, or SIGTERM/SIGHUP. The copy exists only while the editor runs, and then fnox
 * forwards SIGTERM/SIGHUP to the editor, waits for it, and fails with the signal's error
 * ({@link stoppedBy}) after the copy is gone; the host turns that into the exit status. SIGINT is
 * left to the editor (vi and friends use Ctrl-C themselves); fnox does not die under it.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { constants } from 'node:os';
import { FnoxError, stoppedBy } from '../../errors.js';
import { signalOwner } from '../../signal-owner.js';

/**
 * Runs the editor on `file`; resolves its exit status (128+N when killed by signal N). Rejects
 * with {@link stoppedBy} when fnox itself got SIGTERM/SIGHUP while the editor ran.
 */
export type EditorRunner = (file: string) => Promise<number>;

/** `$EDITOR`, else `$VISUAL`, else `vi`. */
export function editorProgram(env: NodeJS.ProcessEnv): string {
  return env.EDITOR || env.VISUAL || 'vi';
}

// The characters for which git hands a command to the shell instead of running it directly.
const SHELL_SPECIAL = /[|&;<>()$`\\"' \t\n*?[#~=%]/;

/**
 * How to start `editor` on `file`, as git does: a plain program name is run directly; anything
 * with arguments or shell syntax (`code --wait`, `vim -f`, a quoted path) runs as
 * `sh -c '<editor> "$@"' <editor> <file>`, so the file is always one argument, never re-parsed.
 */
export function editorCommand(editor: string, file: string): { command: string; args: string[] } {
  if (!SHELL_SPECIAL.test(editor)) return { command: editor, args: [file] };
  return { command: 'sh', args: ['-c', `${editor} "$@"`, editor, file] };
}

/** The default runner: the editor on the file, on the terminal. */
export function spawnEditor(env: NodeJS.ProcessEnv): EditorRunner {
  const program = editorProgram(env);
  return (file) =>
    new Promise<number>((done, fail) => {
      const { command, args } = editorCommand(program, file);
      const child = spawn(command, args, { stdio: 'inherit', env });
      let received: 'SIGTERM' | 'SIGHUP' | undefined;
      const forward = (signal: 'SIGTERM' | 'SIGHUP') => () => {
        received ??= signal;
        child.kill(signal);
      };
      const onTerm = signalOwner(forward('SIGTERM'));
      const onHup = signalOwner(forward('SIGHUP'));
      const onInt = signalOwner(() => {}); // the editor owns Ctrl-C
      process.on('SIGTERM', onTerm).on('SIGHUP', onHup).on('SIGINT', onInt);
      const release = () => process.off('SIGTERM', onTerm).off('SIGHUP', onHup).off('SIGINT', onInt);
      child.on('error', (error: NodeJS.ErrnoException) => {
        release();
        fail(new FnoxError('editor_failed', `Failed to start editor '${basename(program)}': ${error.code ?? 'error'}`, {
          hint: 'Set EDITOR (or VISUAL) to an editor program on PATH, e.g. EDITOR=nano.',
        }));
      });
      child.on('exit', (code, signal) => {
        release();
        if (received) {
          fail(stoppedBy(received));
          return;
        }
        const status = code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0);
        // Through sh, a missing program is exit 127 rather than a spawn error: say the same thing.
        if (status === 127 && command === 'sh') {
          fail(new FnoxError('editor_failed', `Failed to start editor '${program}': not found`, {
            hint: 'Set EDITOR (or VISUAL) to an editor on PATH, with its arguments if it needs them, e.g. EDITOR="code --wait".',
          }));
          return;
        }
        done(status);
      });
    });
}

/** A private scratch file; {@link ScratchFile.remove} is idempotent and also runs when the process exits. */
export interface ScratchFile {
  readonly path: string;
  read(): string;
  remove(): void;
}

/** Create the 0600 scratch copy holding `text` under `$TMPDIR`. */
export function createScratchFile(text: string, env: NodeJS.ProcessEnv): ScratchFile {
  const dir = mkdtempSync(join(env.TMPDIR || tmpdir(), 'fnox-edit-'));
  const path = join(dir, 'fnox.toml');
  let removed = false;
  const remove = () => {
    if (removed) return;
    removed = true;
    rmSync(dir, { recursive: true, force: true });
    process.off('exit', remove);
  };
  // Whatever ends the process (an exit elsewhere, a host re-raising a signal) must not leave plaintext behind.
  process.on('exit', remove);
  try {
    writeFileSync(path, text, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    remove();
    throw new FnoxError('io', `Could not create the temporary file for editing in ${dir}`, { cause: error });
  }
  return { path, read: () => readFileSync(path, 'utf8'), remove };
}
