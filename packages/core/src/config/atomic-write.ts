/**
 * Crash-safe config writes (ARCHITECTURE.md, "Packages and their boundaries": each concept is written once): under a `<file>.lock` (O_EXCL, stale when its pid is
 * gone, bounded wait), write a temp file in the same directory, fsync it, rename it over the
 * target (keeping the original mode), fsync the directory. A reader sees the old or the new file,
 * never a truncated one.
 */
import { closeSync, fchmodSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { FnoxError } from '../errors.js';

/** Options of {@link withFileLock}. */
export interface LockOptions {
  /** Give up after this long (ms); default 20 s. */
  readonly timeoutMs?: number;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Remove a lock whose owner is gone. Returns true when the lock was stale (and removed). */
function clearStaleLock(lock: string): boolean {
  let content: string;
  try {
    content = readFileSync(lock, 'utf8');
  } catch {
    return false;
  }
  const pid = Number.parseInt(content.trim(), 10);
  if (content.trim() === '') {
    // A lock without a pid was caught between create and write; only stale if it is old.
    const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
    if (age < 2_000) return false;
  } else if (pidAlive(pid)) {
    return false;
  }
  try {
    unlinkSync(lock);
  } catch {
    // Someone else removed it first; either way it is gone.
  }
  return true;
}

/** Run `fn` while holding `<file>.lock`. */
export async function withFileLock<T>(file: string, fn: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const lock = `${file}.lock`;
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  let fd: number | undefined;
  for (let attempt = 0; fd === undefined; attempt++) {
    try {
      fd = openSync(lock, 'wx', 0o600);
      writeSync(fd, `${process.pid}\n`);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') {
        throw new FnoxError('config_write_failed', `Could not lock ${file} for writing (${code ?? 'error'})`, { cause: error });
      }
      if (clearStaleLock(lock)) continue;
      if (Date.now() > deadline) {
        throw new FnoxError('config_locked', `Timed out waiting for the lock on ${file}`, {
          hint: `Another fnox is writing this file. If none is running, remove ${lock}.`,
        });
      }
      await sleep(Math.min(10 + attempt * 5, 100) + Math.random() * 10);
    }
  }
  try {
    return await fn();
  } finally {
    closeSync(fd);
    try {
      unlinkSync(lock);
    } catch {
      // Already gone: nothing to release.
    }
  }
}

/** Replace `file` with `content` atomically; creates parent directories when asked. */
export function atomicWriteFile(file: string, content: string, options: { createDir?: boolean } = {}): void {
  const dir = dirname(file);
  if (options.createDir) mkdirSync(dir, { recursive: true });
  const mode = statSync(file, { throwIfNoEntry: false })?.mode;
  const temp = join(dir, `.${basename(file)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'wx', mode === undefined ? 0o644 : mode & 0o7777);
    // open() applies the umask; the original mode must survive exactly (0600 files stay 0600).
    if (mode !== undefined) fchmodSync(fd, mode & 0o7777);
    const bytes = Buffer.from(content, 'utf8');
    for (let written = 0; written < bytes.length; ) written += writeSync(fd, bytes, written, bytes.length - written);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, file);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(temp);
    } catch {
      // The temp file may not exist.
    }
    throw new FnoxError('config_write_failed', `Failed to write configuration file: ${file}`, { cause: error });
  }
  try {
    const dirFd = openSync(dir, 'r');
    fsyncSync(dirFd);
    closeSync(dirFd);
  } catch {
    // Directory fsync is best effort (not supported on every filesystem).
  }
}
