/**
 * `fnox exec -- CMD ARGS...` (docs/cli-reference.md, `exec`): batch-resolve every effective secret, build the child
 * environment, spawn the command directly (no shell), forward signals, wait, clean up, and return
 * the child's status. Secret values only ever travel in the child's environment (or 0600 files).
 */
import type { EffectiveConfig } from '../config/types.js';
import { FnoxError } from '../errors.js';
import { envMode, secretsFor } from '../resolve/env-mode.js';
import { resolveSecrets } from '../resolve/resolver.js';
import { removeFiles, tempDirFor, writeSecretFile } from '../resolve/temp-files.js';
import type { FnoxSession } from '../session.js';
import { loadActiveConfig } from './active-config.js';

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
 * variable untouched. Does not run validation (as upstream).
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
  try {
    const dir = tempDirFor(session.env);
    for (const [key, entry] of secrets) {
      if (envMode(entry.config) === false) {
        delete env[key];
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

/** Signals fnox passes on to the child instead of dying from them. */
export const FORWARDED_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** Exit status for a child killed by `signal`: 128 + its number. */
export function signalExitCode(signal: NodeJS.Signals, constants: Record<string, number>): number {
  return 128 + (constants[signal] ?? 0);
}

/** Options of {@link spawnWithEnv}. */
export interface SpawnOptions {
  readonly cwd?: string;
  /** Called once the child is running (tests use it to inspect the process). */
  readonly onSpawn?: (pid: number) => void;
}

/**
 * Run `argv` with `env`, stdio inherited, forwarding SIGINT/SIGTERM/SIGHUP; resolve with the
 * child's exit status (128 + signal number when it died from a signal). Never resolves before the
 * child has exited. Spawn failure → `Command execution failed: <cmd>`.
 */
export async function spawnWithEnv(argv: readonly string[], env: Record<string, string>, options: SpawnOptions = {}): Promise<number> {
  const [command, ...args] = argv;
  if (command === undefined || command === '') throw new FnoxError('command_not_specified', 'No command specified');
  const [{ spawn }, { constants }] = await Promise.all([import('node:child_process'), import('node:os')]);
  return new Promise<number>((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', env, ...(options.cwd ? { cwd: options.cwd } : {}) });
    const forward = (signal: NodeJS.Signals) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    };
    const handlers = FORWARDED_SIGNALS.map((signal) => {
      const handler = () => forward(signal);
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
      // Only the command name: arguments are the user's and could carry anything.
      const reason = error.code === 'ENOENT' ? 'command not found' : error.code === 'EACCES' ? 'permission denied' : (error.code ?? 'spawn failed');
      reject(
        new FnoxError('command_failed', `Command execution failed: ${command}`, {
          details: [reason],
          hint: `Check that '${command}' exists and is executable (PATH is searched; no shell is used).`,
        }),
      );
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
    return await spawnWithEnv(argv, prepared.env, { ...(options.cwd ? { cwd: options.cwd } : {}), ...(options.onSpawn ? { onSpawn: options.onSpawn } : {}) });
  } finally {
    prepared.cleanup();
  }
}
