/**
 * Crash-safe config writes (see docs/security.md, "Writes keep the user's file"). Under a lock
 * on the file's real path (proper-lockfile: a `<file>.lock` directory made with mkdir, kept fresh
 * by its mtime, so it also works across machines on a shared file system), write-file-atomic
 * writes a temp file beside the real target, fsyncs it, keeps the target's owner, group and mode,
 * and renames it over the target; then the directory is fsynced so the rename itself survives a
 * power cut. A symlinked fnox.toml (dotfiles) is written through to its target and stays a link.
 * A reader sees the old or the new file, never a truncated one. Loaded only by write commands.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, realpathSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import lockfile from 'proper-lockfile';
import writeFileAtomic from 'write-file-atomic';
import { FnoxError } from '../errors.js';

/** Options of {@link withFileLock}. */
export interface LockOptions {
  /** Give up after this long (ms); default 20 s. */
  readonly timeoutMs?: number;
}

/** A lock untouched this long (ms) belongs to a dead process (its owner refreshes it every second). */
const LOCK_STALE_MS = 5_000;

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * The path writes really go to: a symlink's final target, or (for a file not created yet) the
 * real directory plus the name. Two links to one file therefore share one lock.
 */
export function realTarget(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    try {
      return join(realpathSync(dirname(file)), basename(file));
    } catch {
      return file;
    }
  }
}

/** Run `fn` while holding the lock on `file` (see module comment). */
export async function withFileLock<T>(file: string, fn: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const target = realTarget(file);
  const lockPath = `${target}.lock`;
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  let release: (() => Promise<void>) | undefined;
  for (let attempt = 0; release === undefined; attempt++) {
    try {
      release = await lockfile.lock(target, {
        realpath: false,
        lockfilePath: lockPath,
        stale: LOCK_STALE_MS,
        update: 1_000,
        retries: 0,
        // A lock taken over by another process after a stall: the write itself is atomic either way.
        onCompromised: () => undefined,
      });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ELOCKED') {
        throw new FnoxError('config_write_failed', `Could not lock ${file} for writing (${code ?? 'error'})`, { cause: error });
      }
      if (Date.now() > deadline) {
        throw new FnoxError('config_locked', `Timed out waiting for the lock on ${file}`, {
          hint: `Another fnox is writing this file. If none is running, remove the directory ${lockPath}.`,
        });
      }
      await sleep(Math.min(10 + attempt * 5, 100) + Math.random() * 10);
    }
  }
  try {
    return await fn();
  } finally {
    await release().catch(() => undefined);
  }
}

/** fsync a directory, so a rename inside it is on disk. Best effort: not every file system can. */
export function fsyncDirectory(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Directory fsync is not supported everywhere (some network and FUSE file systems).
  }
}

/** Replace `file` with `content` atomically (see module comment); creates parent directories when asked. */
export function atomicWriteFile(file: string, content: string, options: { createDir?: boolean } = {}): void {
  if (options.createDir) mkdirSync(dirname(file), { recursive: true });
  const target = realTarget(file);
  try {
    // Writes to `target`: the link stays a link; owner, group and mode are copied from the old file.
    writeFileAtomic.sync(target, content, { encoding: 'utf8', fsync: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOSPC') {
      throw new FnoxError('io_no_space', `No space left on device while writing ${file}`, { cause: error });
    }
    throw new FnoxError('config_write_failed', `Failed to write configuration file: ${file}`, { cause: error });
  }
  // write-file-atomic fsyncs the file but not the directory holding the rename.
  fsyncDirectory(dirname(target));
}
