/**
 * Replacing a small file fnox owns (an export, a trust record, a code cache): the bytes go to a
 * temp file beside the target, created with O_EXCL and O_NOFOLLOW (so no planted file or link is
 * ever written through) and mode 0600 until `mode` is applied on the descriptor, then renamed over
 * the target. A reader sees the old file or the new one, never half; a link swapped in at the
 * target is replaced, not followed. Config files have their own writer (lock, owner, symlinks kept).
 */
import { closeSync, constants, fchmodSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Options of {@link replaceFileSync}. */
export interface ReplaceFileOptions {
  /** The new file's mode (default 0600). */
  readonly mode?: number;
  /** fsync the data before the rename, so a crash leaves the old file or the whole new one. */
  readonly fsync?: boolean;
}

/**
 * Write `data` to `path` as described above. On failure the temp file is removed and the error
 * (an OS error: ENOSPC, EACCES, ENOENT for a missing directory) is thrown as it came.
 */
export function replaceFileSync(path: string, data: Uint8Array | string, options: ReplaceFileOptions = {}): void {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const unique = `${process.pid}.${Date.now().toString(36)}.${Math.random().toString(36).slice(2)}`;
  // At most 32 characters of the name (128 bytes of UTF-8): a target name near the 255-byte limit
  // must still leave room for the temp file's own.
  const temp = join(dirname(path), `.${basename(path).slice(0, 32)}.${unique}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o600);
    if (options.mode !== undefined && options.mode !== 0o600) fchmodSync(fd, options.mode);
    for (let written = 0; written < bytes.length;) written += writeSync(fd, bytes, written, bytes.length - written);
    if (options.fsync) fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, path);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(temp);
    } catch {
      // Not created, or already renamed.
    }
    throw error;
  }
}
