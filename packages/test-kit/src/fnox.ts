import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './repo-root.js';

/** The built CLI (`apps/cli/bin/run.js`), run as a user runs it: `node` plus this file. */
export const FNOX_BIN: string = join(REPO_ROOT, 'apps', 'cli', 'bin', 'run.js');

/** What a finished fnox run left behind. */
export interface FnoxResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** Options of {@link runFnox}. */
export interface FnoxRunOptions {
  readonly cwd: string;
  /** The whole environment of fnox (see `isolatedEnv`); nothing is inherited. */
  readonly env: NodeJS.ProcessEnv;
  /** Written to stdin, which is then closed (stdin is never a TTY here). */
  readonly input?: string;
  /** SIGKILL after this long (default 30 s). */
  readonly timeoutMs?: number;
}

/** Spawn the built fnox with `node`, collect its output. Never throws for a non-zero exit. */
export function runFnox(args: readonly string[], options: FnoxRunOptions): Promise<FnoxResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [FNOX_BIN, ...args], { cwd: options.cwd, env: options.env, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, code, signal });
    });
    child.stdin.end(options.input ?? '');
  });
}
