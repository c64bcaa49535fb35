import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built CLI, run as a user runs it. */
export const FNOX_BIN = fileURLToPath(new URL('../../bin/run.js', import.meta.url));

/** What a finished fnox run left behind. */
export interface FnoxResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** Options of {@link runFnox}. */
export interface RunOptions {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** Written to stdin, which is then closed (stdin is never a TTY here). */
  readonly input?: string;
  readonly timeoutMs?: number;
}

/** Spawn the built fnox with `node`, collect its output. Never throws for a non-zero exit. */
export function runFnox(args: readonly string[], options: RunOptions): Promise<FnoxResult> {
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

/** A temp home for one test: its own HOME, XDG dirs and project directory. */
export interface Sandbox {
  /** Root of the sandbox (HOME). */
  readonly home: string;
  /** A project directory inside it (the default cwd). */
  readonly project: string;
  /** The environment fnox runs with: nothing from the developer's own fnox, AWS or XDG setup leaks in. */
  readonly env: NodeJS.ProcessEnv;
  /** Run fnox in the project (or `cwd`) with the sandbox env plus `env`. */
  run(args: readonly string[], options?: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number }): Promise<FnoxResult>;
  /** Remove everything. */
  cleanup(): void;
}

const INHERITED = ['PATH', 'TMPDIR', 'LANG', 'LC_ALL', 'SystemRoot'];

/** Options of {@link sandbox}. */
export interface SandboxOptions {
  /**
   * Trust every config file under the sandbox through `FNOX_TRUSTED_CONFIG_PATHS` (default true), so
   * tests of other features see a trusted config as a user who ran `fnox trust` does. Trust tests
   * pass false.
   */
  readonly trusted?: boolean;
}

/** Make a {@link Sandbox}. */
export function sandbox(options: SandboxOptions = {}): Sandbox {
  const home = mkdtempSync(join(tmpdir(), 'fnox-test-'));
  const project = join(home, 'project');
  mkdirSync(project, { recursive: true });
  const env: NodeJS.ProcessEnv = {
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_CACHE_HOME: join(home, '.cache'),
    XDG_STATE_HOME: join(home, '.local', 'state'),
    NO_COLOR: '1',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    AWS_CONFIG_FILE: join(home, '.aws', 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials'),
    OCLIF_SKIP_NEW_VERSION_CHECK: 'true',
  };
  if (options.trusted !== false) env.FNOX_TRUSTED_CONFIG_PATHS = home;
  for (const name of INHERITED) if (process.env[name] !== undefined) env[name] = process.env[name];
  return {
    home,
    project,
    env,
    run: (args, options = {}) =>
      runFnox(args, {
        cwd: options.cwd ?? project,
        env: { ...env, ...options.env },
        ...(options.input === undefined ? {} : { input: options.input }),
        ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      }),
    cleanup: () => rmSync(home, { recursive: true, force: true }),
  };
}
