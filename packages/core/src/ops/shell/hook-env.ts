/**
 * `fnox hook-env` (docs/shell-integration.md): what the prompt hook evaluates when the shell's own
 * check saw a change, and what a script may `eval` on its own. Never fails on config or provider
 * problems: it prints one line on stderr, treats the directory as having no secrets, and keeps the
 * session and the shell consistent. A run that takes longer than the hook's deadline keeps the
 * previous environment and says so.
 */
import { resolve } from 'node:path';
import { toFnoxError } from '../../errors.js';
import { profileStack } from '../../config/profiles.js';
import { escapeControls } from '../../format/terminal-text.js';
import { tempDirFor, removeFiles, writeSecretFile } from '../../resolve/temp-files.js';
import { envNamePolicy } from '../../security/env-names.js';
import type { FnoxSession } from '../../session.js';
import { diffSecrets, type LoadedSecret } from '../../shell/diff.js';
import { envFingerprint, fileStamps, newSessionKey, sameFileStamps, statWatched, watchedPaths, type WatchedFile } from '../../shell/fingerprint.js';
import { hookDeadlineMs, withDeadline } from '../../shell/hook-deadline.js';
import { changeLines, fingerprintLines } from '../../shell/hook-output.js';
import { exportLine } from '../../shell/quote.js';
import { decodeSession, encodeSession, type SessionState } from '../../shell/session-state.js';
import { detectHookShell, hasPromptFingerprint, type ShellName } from '../../shell/shells.js';
import { ensureStampDir } from '../../shell/stamps.js';
import { debugSummary, normalSummary, shellOutputLevel, summaryWidth } from '../../shell/summary.js';
import { untrustedNotices } from '../../trust/hook-notice.js';
import { trustDir } from '../../trust/trust-dir.js';
import type { TrustVerdict } from '../../trust/verdict.js';

/** Options of {@link hookEnv}. */
export interface HookEnvOptions {
  /** `-s SHELL`; omitted → `$FNOX_SHELL`, else basename of `$SHELL`, else bash. */
  readonly shell?: string;
  /** Width of stderr when it is a terminal (for the summary line). */
  readonly ttyColumns?: number;
  /**
   * `--fingerprint`: the activated prompt hook asks for the lines its no-process check needs.
   * Without it the output stands alone (valid in a shell that never ran `activate`).
   */
  readonly fingerprint?: boolean;
}

/** What to print: `stdout` for the shell to evaluate, `stderr` for the user (may be empty). */
export interface HookEnvResult {
  readonly stdout: string;
  readonly stderr: string;
  /** The deadline passed while loading: work may still be pending, the caller should exit now. */
  readonly timedOut?: boolean;
}

/** The config loading part: the env = true secrets of the directory, resolved; none when no config file is in reach. */
async function loadSecrets(
  session: FnoxSession,
  stack: readonly string[],
  watched: readonly WatchedFile[],
  fallbackEnv: Record<string, string | undefined>,
): Promise<{ values: Map<string, string | undefined>; asFile: Set<string>; config?: string; trust?: ReadonlyMap<string, TrustVerdict> }> {
  // The nearest existing candidate (watched is nearest-first, global last): none → nothing to load.
  const config = watched.find((file) => file.mtimeNs !== undefined)?.path;
  if (config === undefined) return { values: new Map(), asFile: new Set() };
  // Lazy: the early-exit path above never pays for TOML parsing or the resolver.
  const [{ loadConfigSync }, { effectiveConfig }, { noDefaultsEnabled }, { secretsFor }, { resolveSecrets }] = await Promise.all([
    import('../../config/load.js'),
    import('../../config/effective.js'),
    import('../../config/profiles.js'),
    import('../../resolve/env-mode.js'),
    import('../../resolve/resolver.js'),
  ]);
  // Trust: untrusted files contribute nothing to the shell (docs/security.md).
  const merged = loadConfigSync(session, { stack, onlyTrusted: true });
  const effective = effectiveConfig(merged, stack, { noDefaults: noDefaultsEnabled(session) });
  const secrets = secretsFor(effective, 'hook-env');
  const { values } = await resolveSecrets(session, effective, secrets, { env: fallbackEnv });
  const asFile = new Set([...secrets].filter(([, entry]) => entry.config.as_file === true).map(([key]) => key));
  return { values, asFile, config, trust: merged.trust };
}

/** The exporting part: drop names that may not reach a shell (one warning each), keep config order. */
function exportable(values: ReadonlyMap<string, string | undefined>, asFile: ReadonlySet<string>, env: NodeJS.ProcessEnv, warn: (line: string) => void): LoadedSecret[] {
  const policy = envNamePolicy(env);
  const loaded: LoadedSecret[] = [];
  for (const [key, value] of values) {
    if (value === undefined) continue;
    const refusal = policy.refusal(key);
    if (refusal) {
      warn(policy.warning(key, refusal));
      continue;
    }
    loaded.push({ key, value, asFile: asFile.has(key) });
  }
  return loaded;
}

/** The environment as the shell will have it after evaluating the output. */
function envAfter(env: NodeJS.ProcessEnv, sets: readonly (readonly [string, string])[], unsets: readonly string[]): NodeJS.ProcessEnv {
  const out = { ...env };
  for (const key of unsets) delete out[key];
  for (const [key, value] of sets) out[key] = value;
  return out;
}

/** The file to name in the summary: relative to the directory when inside it. */
function shownPath(cwd: string, file: string): string {
  return file.startsWith(`${cwd}/`) ? file.slice(cwd.length + 1) : file;
}

/**
 * Run the hook: compare with `__FNOX_SESSION`, and when the directory, a watched file or an
 * `FNOX_*` variable changed, load and diff. `-c` and `-P` are ignored: the stack comes from
 * FNOX_PROFILE and discovery starts at the session's cwd. Throws only for an unsupported shell.
 */
export async function hookEnv(session: FnoxSession, options: HookEnvOptions): Promise<HookEnvResult> {
  const env = session.env;
  const shell: ShellName = detectHookShell(options.shell, env);
  const fingerprint = options.fingerprint === true && hasPromptFingerprint(shell);
  const level = shellOutputLevel(env.FNOX_SHELL_OUTPUT);
  const errors: string[] = [];
  const debug = (line: string) => {
    if (level === 'debug') errors.push(line);
  };
  // Never interactive: the hook runs at every shell prompt, where an auth prompt would block the terminal.
  const hookSession: FnoxSession = {
    ...session,
    options: { ...session.options, config: undefined, profiles: [], nonInteractive: true },
    stdinIsTTY: false,
  };
  const cwd = resolve(session.cwd);
  debug(`fnox: hook-env running in ${escapeControls(cwd)}`);

  const old = decodeSession(env.__FNOX_SESSION);
  const key = old.key ?? newSessionKey();
  const stack = profileStack(hookSession);
  // Stat before loading: an edit racing with this run then shows up as a change next prompt.
  const candidates = statWatched(watchedPaths(cwd, stack, env));
  // Trust: the trust directory is watched too, so `fnox trust` takes effect at the next prompt.
  const watched = [...candidates, ...statWatched([trustDir(env)])];
  const files = fileStamps(watched);
  const tmp = old.tmp ?? tempDirFor(env);
  // Stamp files exist only for a prompt hook that compares them; a standalone run creates none.
  const stamps = fingerprint ? ensureStampDir(tmp, old.stamps) : old.stamps;
  // A directory made by this run belongs to the shell evaluating it (removed when it exits); one
  // inherited from a parent shell's session stays the parent's.
  const created = fingerprint && stamps !== undefined && stamps !== old.stamps;
  const fingerprintText = () => (fingerprint ? fingerprintLines(shell, watched, stamps, created) : '');

  const unchanged =
    old.key !== undefined && old.dir === cwd && sameFileStamps(old.files, files) && old.env === envFingerprint(key, env);
  if (unchanged) {
    debug('fnox: early exit - no changes detected');
    // Only the shell's fingerprint was stale (a child shell, a vanished stamp directory): refresh it.
    const refreshed = old.stamps === stamps ? '' : exportLine(shell, '__FNOX_SESSION', encodeSession({ ...old, stamps }));
    return { stdout: refreshed + fingerprintText(), stderr: lines(errors) };
  }
  debug('fnox: changes detected, loading secrets');

  // What fnox itself exported last time must not come back through the environment fallback
  // (a stale value, or an as_file path taken for the value): the user's own earlier value does.
  const saved = new Map(old.saved);
  const fallbackEnv: Record<string, string | undefined> = { ...env };
  for (const [name] of old.secrets) fallbackEnv[name] = saved.get(name);

  const deadline = hookDeadlineMs(env);
  let loaded: LoadedSecret[] = [];
  let config: string | undefined;
  let trust: ReadonlyMap<string, TrustVerdict> | undefined;
  try {
    const result = await withDeadline(loadSecrets(hookSession, stack, candidates, fallbackEnv), deadline);
    if (result === 'timeout') {
      errors.push(
        `fnox: secrets not reloaded: loading took longer than ${deadline / 1000}s (FNOX_HOOK_TIMEOUT); keeping the previous environment, will retry at the next prompt`,
      );
      return { stdout: '', stderr: lines(errors), timedOut: true };
    }
    config = result.config;
    trust = result.trust;
    loaded = exportable(result.values, result.asFile, env, (line) => errors.push(line));
  } catch (error) {
    // One line, and only a FnoxError's message: other errors' text could hold anything.
    const fnoxError = toFnoxError(error);
    const detail = fnoxError.details.length > 0 ? `: ${fnoxError.details.join('; ')}` : '';
    const message = escapeControls(`${fnoxError.message}${detail}`);
    errors.push(`fnox: secrets not loaded: ${message.length > 400 ? `${message.slice(0, 397)}...` : message}`);
    loaded = [];
  }

  // Trust: one line per untrusted file, once per content of that file.
  const notices = untrustedNotices(trust?.values() ?? [], old.untrusted ?? [], key);
  if (level !== 'none') errors.push(...notices.lines);

  const diff = diffSecrets(old, key, loaded, (name, value) => writeSecretFile(tmp, 'fnox-hook-', name, value), env);
  removeFiles(diff.obsoleteFiles.filter((path) => path.slice(path.lastIndexOf('/') + 1).startsWith('fnox-hook-')));
  const sets = [...diff.sets, ...diff.restores];
  const state: SessionState = {
    dir: cwd,
    config,
    files,
    env: envFingerprint(key, envAfter(env, sets, diff.unsets)),
    key,
    secrets: diff.secrets,
    asFiles: diff.asFiles,
    saved: diff.saved,
    tmp,
    stamps,
    untrusted: notices.reported,
  };
  const stdout = changeLines(shell, sets, diff.unsets, encodeSession(state)) + fingerprintText();

  const added = diff.sets.map(([name]) => name);
  if (level === 'normal') {
    const summary = normalSummary(added, diff.released, summaryWidth(options.ttyColumns, env), config && added.length > 0 ? shownPath(cwd, config) : undefined);
    if (summary) errors.push(summary);
  } else if (level === 'debug') {
    errors.push(...debugSummary(added, diff.released));
  }
  return { stdout, stderr: lines(errors) };
}

function lines(list: readonly string[]): string {
  return list.length === 0 ? '' : `${list.join('\n')}\n`;
}
