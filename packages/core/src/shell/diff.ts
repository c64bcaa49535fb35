/**
 * What a hook-env run changes: keys that are new or whose value changed are (re)set, keys of the
 * previous run no longer loaded get back the value the user had before fnox set them (or are
 * unset when they had none; left alone when the user has changed them since), and `as_file` temp
 * files follow their secret (a new file when the value changes, the old one deleted).
 */
import { existsSync } from 'node:fs';
import { secretHash } from './fingerprint.js';
import type { SessionState } from './session-state.js';

/** A secret this run loaded, in config order. */
export interface LoadedSecret {
  readonly key: string;
  readonly value: string;
  /** `as_file = true`: the variable holds the path of a `fnox-hook-*` file with the value. */
  readonly asFile: boolean;
}

/** The changes to print and the new session entries. */
export interface HookDiff {
  /** KEY → what the shell variable is set to (the value, or a temp file path), config order. */
  readonly sets: readonly (readonly [string, string])[];
  /** Keys to unset, in the previous session's order. */
  readonly unsets: readonly string[];
  /** Keys given back the user's earlier value (set lines after {@link sets}). */
  readonly restores: readonly (readonly [string, string])[];
  /** Every key fnox stopped setting (restored, unset, or left as the user changed it), for the summary. */
  readonly released: readonly string[];
  /** The new session's KEY → the user's earlier value list. */
  readonly saved: readonly (readonly [string, string])[];
  /** The new session's KEY → hash list. */
  readonly secrets: readonly (readonly [string, string])[];
  /** The new session's KEY → temp file list. */
  readonly asFiles: readonly (readonly [string, string])[];
  /** Temp files of the previous session no longer referenced (to delete). */
  readonly obsoleteFiles: readonly string[];
}

/**
 * Diff `loaded` against `old` under the session `key`. `writeFile(key, value)` creates the temp
 * file of an `as_file` secret that is new or changed (or whose file has vanished) and returns its path.
 */
export function diffSecrets(
  old: SessionState,
  key: string,
  loaded: readonly LoadedSecret[],
  writeFile: (name: string, value: string) => string,
  env: Readonly<Record<string, string | undefined>> = {},
): HookDiff {
  const oldHashes = new Map(old.secrets);
  const oldFiles = new Map(old.asFiles);
  const oldSaved = new Map(old.saved);
  const saved: [string, string][] = [];
  const sets: [string, string][] = [];
  const secrets: [string, string][] = [];
  const asFiles: [string, string][] = [];
  const kept = new Set<string>();
  for (const secret of loaded) {
    const hash = secretHash(key, secret.key, secret.value, secret.asFile);
    const previousFile = oldFiles.get(secret.key);
    const unchanged = oldHashes.get(secret.key) === hash && (!secret.asFile || (previousFile !== undefined && existsSync(previousFile)));
    secrets.push([secret.key, hash]);
    const before = oldHashes.has(secret.key) ? oldSaved.get(secret.key) : env[secret.key];
    if (before !== undefined) saved.push([secret.key, before]);
    if (secret.asFile) {
      const path = unchanged ? previousFile! : writeFile(secret.key, secret.value);
      asFiles.push([secret.key, path]);
      kept.add(path);
      if (!unchanged) sets.push([secret.key, path]);
    } else if (!unchanged) {
      sets.push([secret.key, secret.value]);
    }
  }
  const loadedKeys = new Set(loaded.map((secret) => secret.key));
  const released = old.secrets.map(([name]) => name).filter((name) => !loadedKeys.has(name));
  const unsets: string[] = [];
  const restores: [string, string][] = [];
  for (const [name, hash] of old.secrets) {
    if (loadedKeys.has(name)) continue;
    const current = env[name];
    const ours = oldFiles.has(name) ? current === oldFiles.get(name) : current !== undefined && secretHash(key, name, current, false) === hash;
    // The user set it since: theirs now, not ours to restore or unset.
    if (!ours && current !== undefined) continue;
    const before = oldSaved.get(name);
    if (before !== undefined) restores.push([name, before]);
    else unsets.push(name);
  }
  const obsoleteFiles = old.asFiles.map(([, path]) => path).filter((path) => !kept.has(path));
  return { sets, unsets, restores, released, secrets, asFiles, saved, obsoleteFiles };
}
