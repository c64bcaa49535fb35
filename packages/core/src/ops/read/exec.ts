/**
 * `fnox exec -- CMD ARGS...` (docs/cli-reference.md, `exec`): batch-resolve every effective secret, build the child
 * environment, spawn the command directly (no shell), forward signals, wait, clean up, and return
 * the child's status. Secret values only ever travel in the child's environment (or 0600 files).
 */
import { accessSync, constants as fsConstants, statSync } from 'node:fs';
import { join as pathJoin, resolve as pathResolve } from 'node:path';
import type { EffectiveConfig } from '../../config/types.js';
import { FnoxError } from '../../errors.js';
import { envMode, secretsFor } from '../../resolve/env-mode.js';
import { resolveSecrets } from '../../resolve/resolver.js';
import { removeFiles, tempDirFor, writeSecretFile } from '../../resolve/temp-files.js';
import { envNamePolicy } from '../../security/env-names.js';
import type { FnoxSession } from '../../session.js';
import { loadActiveConfig } from '../active-config.js';
import { signalOwner } from '../../signal-owner.js';

/** The environment an exec child gets, and the temp files to delete once it has exited. */
export interface ExecEnvironment {
  readonly env: Record<string, string>;
  /** `as_file` temp files created for the child. */
  readonly files: readonly string[];
  /** Delete {@link files}; safe to call more than once. */
  cleanup(): void;
}

/**
 * Resolve all effective secrets (batch mode) and compute the child environment: fnox's own
 * environment with resolved values exported into it, plus the injected values (`as_file` → temp
 * file path), minus every `env = false` name (even if inherited). "No value" leaves an inherited
 * variable untouched. A name on the never-exported list (security/env-names.ts) keeps the user's
 * own value, with one warning. Does not run validation (as upstream).
 */
export async function prepareExecEnv(session: FnoxSession, effective: EffectiveConfig = loadActiveConfig(session)): Promise<ExecEnvironment> {
  const secrets = secretsFor(effective, 'exec');
  const resolved = await resolveSecrets(session, effective, secrets);
  const values = resolved.values;
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(resolved.env)) if (value !== undefined) env[name] = value;
  const files: string[] = [];
  const cleanup = () => {
    removeFiles(files.splice(0));
  };
  const policy = envNamePolicy(session.env);
  const keepUsers = (key: string) => {
    const own = session.env[key];
    if (own === undefined) delete env[key];
    else env[key] = own;
  };
  try {
    const dir = tempDirFor(session.env);
    for (const [key, entry] of secrets) {
      if (envMode(entry.config) === false) {
        // Resolution exported it into the working environment; the child gets the user's own value at most.
        if (policy.refusal(key)) keepUsers(key);
        else delete env[key];
        continue;
      }
      const refusal = policy.refusal(key);
      if (refusal) {
        keepUsers(key);
        if (values.get(key) !== undefined) session.log.warn(policy.warning(key, refusal));
        continue;
      }
      const value = values.get(key);
      if (value === undefined) continue;
      if (entry.config.as_file) {
        const path = writeSecretFile(dir, 'fnox-exec-', key, value);
        files.push(path);
        env[key] = path;
      } else {
        env[key] = value;
      }
    }
  } catch (error) {
    cleanup();
    throw error;
  }
  return { env, files, cleanup };
}

/**
 * `command` as found on `searchPath` (an absolute path), `command` itself when it names a path,
 * undefined when it is found nowhere. Written here rather than with a library: it runs
 * on `exec`'s hot path and is a dozen lines.
 */
export function findProgram(command: string, searchPath: string, cwd?: string): string | undefined {
  if (command.includes('/')) return command;
  for (const dir of searchPath.split(':')) {
    const candidate = pathJoin(dir === '' ? (cwd ?? '.') : dir, command);
    try {
      accessSync(candidate, fsConstants.X_OK);
      if (statSync(candidate).isFile()) return pathResolve(cwd ?? '.', candidate);
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Signals fnox passes on to the child instead of dying from them. */
export const FORWARDED_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** Exit status for a child killed by `signal`: 128 + its number. */
export function signalExitCode(signal: NodeJS.Signals, constants: Record<string, number>): number {
  return 128 + (constants[signal] ?? 0);
}

/**
 * Why the command could not start, as a shell would say it: not found → exit 127, not executable
 * → 126 (`Command execution failed: CMD`, only the command name: arguments could carry anything).
 */
function spawnFailure(command: string, error: NodeJS.ErrnoException): FnoxError {
  const message = `Command execution failed: ${command}`;
  const options = { cause: error };
  switch (error.code) {
    case 'ENOENT':
      return new FnoxError('command_not_found', message, { ...options, details: ['command not found'], hint: `Check that '${command}' exists on PATH (no shell is used).` });
    case 'EACCES':
    case 'EISDIR':
    case 'ENOEXEC':
      return new FnoxError('command_not_executable', message, { ...options, details: ['permission denied or not an executable file'] });
    case 'E2BIG':
      return new FnoxError('command_args_too_long', message, { ...options, details: ['argument list and environment too long (E2BIG)'] });
    default:
      return new FnoxError('command_failed', message, {
        ...options,
        details: [error.code ?? 'spawn failed'],
        hint: `Check that '${command}' exists and is executable (PATH is searched; no shell is used).`,
      });
  }
}

/** Options of {@link spawnWithEnv}. */
export interface SpawnOptions {
  readonly cwd?: string;
  /** Called once the child is running (tests use it to inspect the process). */
  readonly onSpawn?: (pid: number) => void;
  /** The PATH to find the program on (the user's own); default: the PATH of `env`. */
  readonly searchPath?: string;
}

/**
 * Run `argv` with `env`, stdio inherited, forwarding SIGINT/SIGTERM/SIGHUP; resolve with the
 * child's exit status (128 + signal number when it died from a signal). Never resolves before the
 * child has exited. Spawn failure → `Command execution failed: <cmd>`.
 */
export async function spawnWithEnv(argv: readonly string[], env: Record<string, string>, options: SpawnOptions = {}): Promise<number> {
  const [command, ...args] = argv;
  if (command === undefined || command === '') throw new FnoxError('command_not_specified', 'No command specified');
  // Node would refuse a NUL with a TypeError quoting the value; name the variable instead.
  for (const [name, value] of Object.entries(env)) {
    if (value.includes('\u0000')) throw new FnoxError('secret_value_invalid', `Cannot pass '${name}' to the command: its value contains a NUL byte`);
  }
  const [{ spawn }, { constants }] = await Promise.all([import('node:child_process'), import('node:os')]);
  // The program is looked up on the user's PATH, never on one the config put into `env`.
  const program = options.searchPath === undefined ? command : findProgram(command, options.searchPath, options.cwd);
  if (program === undefined) throw spawnFailure(command, Object.assign(new Error('command not found'), { code: 'ENOENT' }));
  return new Promise<number>((resolve, reject) => {
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(program, args, { stdio: 'inherit', env, argv0: command, ...(options.cwd ? { cwd: options.cwd } : {}) });
    } catch (error) {
      // E2BIG and friends can be thrown synchronously; the error never quotes arguments.
      reject(spawnFailure(command, error as NodeJS.ErrnoException));
      return;
    }
    const forward = (signal: NodeJS.Signals) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    };
    const handlers = FORWARDED_SIGNALS.map((signal) => {
      const handler = signalOwner(() => forward(signal));
      process.on(signal, handler);
      return [signal, handler] as const;
    });
    const detach = () => {
      for (const [signal, handler] of handlers) process.off(signal, handler);
    };
    child.once('spawn', () => {
      if (child.pid !== undefined) options.onSpawn?.(child.pid);
    });
    child.once('error', (error: NodeJS.ErrnoException) => {
      detach();
      reject(spawnFailure(command, error));
    });
    child.once('exit', (code, signal) => {
      detach();
      resolve(code ?? (signal ? signalExitCode(signal, constants.signals as Record<string, number>) : 1));
    });
  });
}

/** Options of {@link execWithSecrets}. */
export interface ExecOptions extends SpawnOptions {
  /** The config to use; default: loaded from the session (no validation, as upstream). */
  readonly effective?: EffectiveConfig;
}

/**
 * The whole `fnox exec`: prepare the environment, run the child, delete temp files, return its
 * exit status for the caller to exit with.
 */
export async function execWithSecrets(session: FnoxSession, argv: readonly string[], options: ExecOptions = {}): Promise<number> {
  if (argv.length === 0 || argv[0] === '') throw new FnoxError('command_not_specified', 'No command specified');
  const prepared = await prepareExecEnv(session, options.effective ?? loadActiveConfig(session));
  try {
    // The child inherits fnox's working directory unless told otherwise.
    return await spawnWithEnv(argv, prepared.env, {
      searchPath: session.env.PATH ?? '',
      ...(options.cwd ? { cwd: options.cwd } : {}),
      ...(options.onSpawn ? { onSpawn: options.onSpawn } : {}),
    });
  } finally {
    prepared.cleanup();
  }
}
