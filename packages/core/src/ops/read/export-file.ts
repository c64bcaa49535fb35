/**
 * `fnox export -o FILE`: the file holds every secret, so it is written owner-only and never through
 * a link someone planted. An existing symlink (or anything but a regular file) is refused; the text
 * goes to a temp file created with O_EXCL (mode 0600) in the same directory, is fsynced, then
 * renamed over FILE (rename replaces a link swapped in meanwhile instead of following it). An
 * existing file keeps its mode when stricter than 0600, and is never made looser.
 */
import { closeSync, constants, fchmodSync, fsyncSync, lstatSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { FnoxError } from '../../errors.js';

/** Write `text` to `path` as described above. */
export function writeExportFile(path: string, text: string): void {
  const existing = lstatSync(path, { throwIfNoEntry: false });
  if (existing?.isSymbolicLink()) {
    throw new FnoxError('io', `Refusing to write export file through a symbolic link: ${path}`, {
      hint: 'Remove the link or choose another path; fnox never writes secrets through a link.',
    });
  }
  if (existing && !existing.isFile()) {
    throw new FnoxError('input_not_regular_file', `Refusing to write export file: ${path} is not a regular file`);
  }
  const mode = existing ? existing.mode & 0o600 : 0o600;
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o600);
    fchmodSync(fd, mode);
    const bytes = Buffer.from(text, 'utf8');
    for (let written = 0; written < bytes.length; ) written += writeSync(fd, bytes, written, bytes.length - written);
    fsyncSync(fd);
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
    if ((error as NodeJS.ErrnoException).code === 'ENOSPC') throw error;
    throw new FnoxError('io', `Failed to write export file: ${path}`, { cause: error });
  }
}
