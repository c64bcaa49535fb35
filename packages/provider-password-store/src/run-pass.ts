import { spawn } from 'node:child_process';

/** What one `pass` run left behind. */
export interface PassOutput {
  readonly code: number | null;
  readonly stdout: Buffer;
  readonly stderr: string;
}

/** Why `pass` could not be started at all. */
export class PassSpawnError extends Error {
  readonly errno: string | undefined;
  constructor(errno: string | undefined, message: string) {
    super(message);
    this.name = 'PassSpawnError';
    this.errno = errno;
  }
}

/**
 * Run the user's `pass` with `args` (entry names only: a value is only ever written to stdin).
 * `input` undefined means stdin is /dev/null, as upstream does for reads, so gpg can never wait
 * for a terminal it does not have.
 */
export function runPass(
  args: readonly string[],
  options: { env: Readonly<Record<string, string | undefined>>; signal: AbortSignal; input?: string },
): Promise<PassOutput> {
  return new Promise((resolvePromise, reject) => {
    let child;
    try {
      child = spawn('pass', args, {
        env: options.env as NodeJS.ProcessEnv,
        stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
        signal: options.signal,
      });
    } catch (error) {
      reject(new PassSpawnError((error as NodeJS.ErrnoException).code, (error as Error).message));
      return;
    }
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout!.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (error: NodeJS.ErrnoException) => reject(new PassSpawnError(error.code ?? error.name, error.message)));
    child.on('close', (code) => resolvePromise({ code, stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr).toString('utf8') }));
    if (options.input !== undefined) {
      // pass may exit before reading stdin (e.g. an uninitialised store): its exit status says why.
      child.stdin!.on('error', () => {});
      child.stdin!.end(options.input, 'utf8');
    }
  });
}
