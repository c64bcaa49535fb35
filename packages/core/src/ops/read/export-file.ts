/**
 * `fnox export -o FILE`: the file holds every secret, so it is written owner-only and never through
 * a link someone planted. An existing symlink (or anything but a regular file) is refused; the text
 * is written with replaceFileSync (an O_EXCL temp file beside FILE, fsynced, renamed over it: a link
 * swapped in meanwhile is replaced, not followed). An existing file keeps its mode when stricter
 * than 0600, and is never made looser.
 */
import { lstatSync } from 'node:fs';
import { replaceFileSync } from '@fnox/contract';
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
  try {
    replaceFileSync(path, text, { mode: existing ? existing.mode & 0o600 : 0o600, fsync: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOSPC') throw error;
    throw new FnoxError('io', `Failed to write export file: ${path}`, { cause: error });
  }
}
