import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runFnox, type FnoxResult } from './fnox.js';

/** A temporary directory and its removal. */
export interface TempDir {
  readonly dir: string;
  /** `join(dir, name)` */
  path(name: string): string;
  cleanup(): void;
}

/** Make a {@link TempDir} under the OS temp directory. */
export function tempDir(prefix = 'fnox-test-'): TempDir {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, path: (name) => join(dir, name), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The only variables taken from the developer's environment. */
const INHERITED = ['PATH', 'TMPDIR', 'LANG', 'LC_ALL', 'SystemRoot'];

/**
 * The environment fnox runs with in a test whose home is `home`: HOME and XDG dirs there, AWS
 * files there and instance metadata off, no colour, no oclif update check. Built from nothing but
 * {@link INHERITED}, so no FNOX_*, AWS_*, proxy or NODE_* (NODE_OPTIONS, NODE_EXTRA_CA_CERTS)
 * variable of the developer's reaches fnox.
 */
export function isolatedEnv(home: string): NodeJS.ProcessEnv {
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
  for (const name of INHERITED) if (process.env[name] !== undefined) env[name] = process.env[name];
  return env;
}

/** A temp home for one test: its own HOME, XDG dirs and project directory. */
export interface Sandbox {
  /** Root of the sandbox (HOME). */
  readonly home: string;
  /** A project directory inside it (the default cwd). */
  readonly project: string;
  /** The environment fnox runs with ({@link isolatedEnv}, plus trust unless turned off). */
  readonly env: NodeJS.ProcessEnv;
  /** Run the built fnox in the project (or `cwd`) with the sandbox env plus `env`. */
  run(args: readonly string[], options?: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number }): Promise<FnoxResult>;
  /** Remove everything. */
  cleanup(): void;
}

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
  const env = isolatedEnv(home);
  if (options.trusted !== false) env.FNOX_TRUSTED_CONFIG_PATHS = home;
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
