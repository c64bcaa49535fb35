/**
 * What a hook-env run changes (docs/shell-integration.md step 3): keys that are new or whose value changed are
 * (re)set, keys of the previous run no longer loaded are unset, and `as_file` temp files follow
 * their secret (a new file when the value changes, the old one deleted).
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
): HookDiff {
  const oldHashes = new Map(old.secrets);
  const oldFiles = new Map(old.asFiles);
  const sets: [string, string][] = [];
  const secrets: [string, string][] = [];
  const asFiles: [string, string][] = [];
  const kept = new Set<string>();
  for (const secret of loaded) {
    const hash = secretHash(key, secret.key, secret.value, secret.asFile);
    const previousFile = oldFiles.get(secret.key);
    const unchanged = oldHashes.get(secret.key) === hash && (!secret.asFile || (previousFile !== undefined && existsSync(previousFile)));
    secrets.push([secret.key, hash]);
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
  const unsets = old.secrets.map(([name]) => name).filter((name) => !loadedKeys.has(name));
  const obsoleteFiles = old.asFiles.map(([, path]) => path).filter((path) => !kept.has(path));
  return { sets, unsets, secrets, asFiles, obsoleteFiles };
}
