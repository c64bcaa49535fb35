/**
 * `fnox hook-env` (docs/shell-integration.md): what the prompt hook evaluates when the shell's own check saw a
 * change. Never fails on config or provider problems: it prints one line on stderr, treats the
 * directory as having no secrets, and keeps the session and the shell consistent.
 */
import { resolve } from 'node:path';
import { toFnoxError } from '../errors.js';
import { profileStack } from '../config/profiles.js';
import { tempDirFor, removeFiles, writeSecretFile } from '../resolve/temp-files.js';
import type { FnoxSession } from '../session.js';
import { diffSecrets, type LoadedSecret } from '../shell/diff.js';
import { envFingerprint, fileStamps, newSessionKey, sameFileStamps, statWatched, watchedPaths, type WatchedFile } from '../shell/fingerprint.js';
import { changeLines, fingerprintLines } from '../shell/hook-output.js';
import { exportLine, isShellVariableName } from '../shell/quote.js';
import { decodeSession, encodeSession, type SessionState } from '../shell/session-state.js';
import { detectHookShell, type ShellName } from '../shell/shells.js';
import { ensureStampDir } from '../shell/stamps.js';
import { debugSummary, normalSummary, shellOutputLevel, summaryWidth } from '../shell/summary.js';

/** Options of {@link hookEnv}. */
export interface HookEnvOptions {
  /** `-s SHELL`; omitted → `$FNOX_SHELL`, else basename of `$SHELL`, else bash. */
  readonly shell?: string;
  /** Width of stderr when it is a terminal (for the summary line). */
  readonly ttyColumns?: number;
}

/** What to print: `stdout` for the shell to evaluate, `stderr` for the user (may be empty). */
export interface HookEnvResult {
  readonly stdout: string;
  readonly stderr: string;
}

/** The env = true secrets of the directory, resolved; none when no config file is in reach. */
async function loadSecrets(
  session: FnoxSession,
  stack: readonly string[],
  watched: readonly WatchedFile[],
  previousKeys: readonly string[],
  warn: (line: string) => void,
): Promise<{ loaded: LoadedSecret[]; config?: string }> {
  // The nearest existing candidate (watched is nearest-first, global last): none → nothing to load.
  const config = watched.find((file) => file.mtimeNs !== undefined)?.path;
  if (config === undefined) return { loaded: [] };
  // Lazy: the early-exit path above never pays for TOML parsing or the resolver.
  const [{ loadConfigSync }, { effectiveConfig }, { noDefaultsEnabled }, { secretsFor }, { resolveSecrets }] = await Promise.all([
    import('../config/load.js'),
    import('../config/effective.js'),
    import('../config/profiles.js'),
    import('../resolve/env-mode.js'),
    import('../resolve/resolver.js'),
  ]);
  const merged = loadConfigSync(session, { stack });
  const effective = effectiveConfig(merged, stack, { noDefaults: noDefaultsEnabled(session) });
  const secrets = secretsFor(effective, 'hook-env');
  // What fnox itself exported last time must not come back through the environment fallback
  // (a stale value, or an as_file path taken for the value).
  const env: Record<string, string | undefined> = { ...session.env };
  for (const key of previousKeys) delete env[key];
  const { values } = await resolveSecrets(session, effective, secrets, { env });
  const loaded: LoadedSecret[] = [];
  for (const [key, value] of values) {
    if (value === undefined) continue;
    if (!isShellVariableName(key) || key === '__FNOX_SESSION') {
      warn(`fnox: secret '${key}' is not a valid shell variable name; not exported`);
      continue;
    }
    loaded.push({ key, value, asFile: secrets.get(key)?.config.as_file === true });
  }
  return { loaded, config };
}

/** The environment as the shell will have it after evaluating the output. */
function envAfter(env: NodeJS.ProcessEnv, sets: readonly (readonly [string, string])[], unsets: readonly string[]): NodeJS.ProcessEnv {
  const out = { ...env };
  for (const key of unsets) delete out[key];
  for (const [key, value] of sets) out[key] = value;
  return out;
}

/**
 * Run the hook: compare with `__FNOX_SESSION`, and when the directory, a watched file or an
 * `FNOX_*` variable changed, load and diff. `-c` and `-P` are ignored: the stack comes from
 * FNOX_PROFILE and discovery starts at the session's cwd. Throws only for an unsupported shell.
 */
export async function hookEnv(session: FnoxSession, options: HookEnvOptions): Promise<HookEnvResult> {
  const env = session.env;
  const shell: ShellName = detectHookShell(options.shell, env);
  const level = shellOutputLevel(env.FNOX_SHELL_OUTPUT);
  const errors: string[] = [];
  const debug = (line: string) => {
    if (level === 'debug') errors.push(line);
  };
  // Never interactive: the hook runs at every shell prompt, where an auth prompt (docs/configuration.md, "Authentication prompt")
  // would block the user's terminal.
  const hookSession: FnoxSession = {
    ...session,
    options: { ...session.options, config: undefined, profiles: [], nonInteractive: true },
    stdinIsTTY: false,
  };
  const cwd = resolve(session.cwd);
  debug(`fnox: hook-env running in ${cwd}`);

  const old = decodeSession(env.__FNOX_SESSION);
  const key = old.key ?? newSessionKey();
  const stack = profileStack(hookSession);
  // Stat before loading: an edit racing with this run then shows up as a change next prompt.
  const watched = statWatched(watchedPaths(cwd, stack, env));
  const files = fileStamps(watched);
  const tmp = old.tmp ?? tempDirFor(env);
  const stamps = ensureStampDir(tmp, old.stamps);

  const unchanged =
    old.key !== undefined && old.dir === cwd && sameFileStamps(old.files, files) && old.env === envFingerprint(key, env);
  if (unchanged) {
    debug('fnox: early exit - no changes detected');
    // Only the shell's fingerprint was stale (a child shell, a vanished stamp directory): refresh it.
    const session = old.stamps === stamps ? '' : exportLine(shell, '__FNOX_SESSION', encodeSession({ ...old, stamps }));
    return { stdout: session + fingerprintLines(shell, watched, stamps), stderr: lines(errors) };
  }
  debug('fnox: changes detected, loading secrets');

  let loaded: LoadedSecret[] = [];
  let config: string | undefined;
  try {
    ({ loaded, config } = await loadSecrets(hookSession, stack, watched, old.secrets.map(([name]) => name), (line) => errors.push(line)));
  } catch (error) {
    // One line, and only a FnoxError's message: other errors' text could hold anything.
    const fnoxError = toFnoxError(error);
    const detail = fnoxError.details.length > 0 ? `: ${fnoxError.details.join('; ')}` : '';
    const message = `${fnoxError.message}${detail}`.replace(/[\r\n]+/g, ' ');
    errors.push(`fnox: secrets not loaded: ${message.length > 400 ? `${message.slice(0, 397)}...` : message}`);
    loaded = [];
  }

  const diff = diffSecrets(old, key, loaded, (name, value) => writeSecretFile(tmp, 'fnox-hook-', name, value));
  removeFiles(diff.obsoleteFiles.filter((path) => path.slice(path.lastIndexOf('/') + 1).startsWith('fnox-hook-')));
  const state: SessionState = {
    dir: cwd,
    config,
    files,
    env: envFingerprint(key, envAfter(env, diff.sets, diff.unsets)),
    key,
    secrets: diff.secrets,
    asFiles: diff.asFiles,
    tmp,
    stamps,
  };
  const stdout = changeLines(shell, diff.sets, diff.unsets, encodeSession(state)) + fingerprintLines(shell, watched, stamps);

  const added = diff.sets.map(([name]) => name);
  if (level === 'normal') {
    const summary = normalSummary(added, diff.unsets, summaryWidth(options.ttyColumns, env));
    if (summary) errors.push(summary);
  } else if (level === 'debug') {
    errors.push(...debugSummary(added, diff.unsets));
  }
  return { stdout, stderr: lines(errors) };
}

function lines(list: readonly string[]): string {
  return list.length === 0 ? '' : `${list.join('\n')}\n`;
}
