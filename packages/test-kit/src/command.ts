import { execFile } from 'node:child_process';

/** What a finished command left behind. */
export interface CommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options of {@link runCommand}. */
export interface CommandOptions {
  readonly cwd?: string;
  /** The whole environment of the child; nothing is inherited unless the caller spreads `process.env`. */
  readonly env: NodeJS.ProcessEnv;
  /** Written to stdin, which is then closed. */
  readonly input?: string;
  /** Killed after this long (default 5 minutes: installs and packs are slow). */
  readonly timeoutMs?: number;
}

/**
 * Run a command and collect its output; never throws for a non-zero exit. Always asynchronous: a
 * local registry or an AWS emulator may live in the calling process, and a synchronous spawn would
 * stop them from answering the child.
 */
export function runCommand(command: string, args: readonly string[], options: CommandOptions): Promise<CommandResult> {
  return new Promise((done) => {
    const child = execFile(
      command,
      [...args],
      { cwd: options.cwd, env: options.env, timeout: options.timeoutMs ?? 300_000, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        done({ code, stdout, stderr });
      },
    );
    // A child that never reads stdin may exit first; the EPIPE of closing it then means nothing.
    child.stdin?.on('error', () => {});
    child.stdin?.end(options.input ?? '');
  });
}

/** Throw with the tail of the output when a setup step failed (tests assert on results themselves). */
export function mustSucceed(result: CommandResult, what: string): CommandResult {
  if (result.code !== 0) throw new Error(`${what} failed (exit ${result.code}):\n${(result.stderr || result.stdout).slice(-4000)}`);
  return result;
}
