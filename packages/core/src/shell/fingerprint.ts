/**
 * What the prompt hook watches (docs/shell-integration.md): the directory, every candidate config file in it and
 * its ancestors plus the global config, and the `FNOX_*` variables. Also the keyed hashes that
 * let the session remember exported values without holding them.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { candidateFileNames, globalConfigPath } from '../config/files.js';
import type { FileStamp } from './session-state.js';

/** A watched path and its mtime in ms when it exists. */
export interface WatchedFile {
  readonly path: string;
  /** Undefined when the path does not exist. */
  readonly mtimeMs?: number;
  /** Exact mtime in ns (for the shell's stamp files); undefined when absent. */
  readonly mtimeNs?: bigint;
}

/**
 * Every path whose appearance, disappearance or modification must reload: the candidate
 * names for `stack` in `cwd` and each ancestor (nearest first), then the global config.
 * Ancestors above a `root = true` directory are watched too: cheap, and it keeps the list a pure
 * function of the directory (a file gaining `root = true` changes its own mtime anyway).
 */
export function watchedPaths(cwd: string, stack: readonly string[], env: NodeJS.ProcessEnv): string[] {
  const names = candidateFileNames(stack);
  const out: string[] = [];
  let dir = resolve(cwd);
  for (;;) {
    for (const name of names) out.push(join(dir, name));
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  const global = globalConfigPath(env);
  if (!out.includes(global)) out.push(global);
  return out;
}

/** Stat every watched path (following symlinks, as loading does). */
export function statWatched(paths: readonly string[]): WatchedFile[] {
  return paths.map((path) => {
    try {
      const stat = statSync(path, { bigint: true, throwIfNoEntry: false });
      if (!stat) return { path };
      return { path, mtimeMs: Number(stat.mtimeNs) / 1e6, mtimeNs: stat.mtimeNs };
    } catch {
      // Unreadable parent (EACCES): treat as absent; loading would not see it either.
      return { path };
    }
  });
}

/** The (path, mtime-ms) pairs of the existing watched files, for the session. */
export function fileStamps(watched: readonly WatchedFile[]): FileStamp[] {
  return watched.filter((file) => file.mtimeMs !== undefined).map((file) => [file.path, file.mtimeMs!] as const);
}

/** True when two file fingerprints are the same set of (path, mtime). */
export function sameFileStamps(a: readonly FileStamp[], b: readonly FileStamp[]): boolean {
  if (a.length !== b.length) return false;
  return a.every(([path, mtime], i) => b[i]?.[0] === path && b[i]?.[1] === mtime);
}

/** A fresh per-session key (base64url, 256 bits). */
export function newSessionKey(): string {
  return randomBytes(32).toString('base64url');
}

/** HMAC-SHA256 of the NUL-joined parts under the session key, truncated to 128 bits (base64url). */
export function keyedHash(key: string, ...parts: readonly string[]): string {
  const hmac = createHmac('sha256', Buffer.from(key, 'base64url'));
  for (const part of parts) hmac.update(part, 'utf8').update('\0');
  return hmac.digest().subarray(0, 16).toString('base64url');
}

/** Keyed hash of an exported variable: its name, whether it is a file path, and the value. */
export function secretHash(key: string, name: string, value: string, asFile: boolean): string {
  return keyedHash(key, 'secret', name, asFile ? 'file' : 'value', value);
}

/** Keyed hash of every `FNOX_*` variable of `env` (sorted by name). Values such as FNOX_AGE_KEY stay out of the session. */
export function envFingerprint(key: string, env: Readonly<Record<string, string | undefined>>): string {
  const names = Object.keys(env)
    .filter((name) => name.startsWith('FNOX_') && env[name] !== undefined)
    .sort();
  return keyedHash(key, 'env', ...names.flatMap((name) => [name, env[name]!]));
}
