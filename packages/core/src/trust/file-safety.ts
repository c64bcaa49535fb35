/**
 * Files another user controls (git's CVE-2022-24765 lesson): a config owned by someone else
 * (root excepted), or in a directory someone else owns or may write to without the sticky bit,
 * can be replaced behind the user's back, so `fnox trust` refuses it without `--force`.
 */
import { statSync } from 'node:fs';
import { dirname } from 'node:path';

/** Why trusting the file at `realPath` is unsafe for user `uid`, or undefined when it is not. */
export function unsafeOwnership(realPath: string, uid: number | undefined = process.getuid?.()): string | undefined {
  if (uid === undefined) return undefined; // no uids on this platform
  const file = statSync(realPath);
  if (file.uid !== uid && file.uid !== 0) return `it is owned by another user (uid ${file.uid})`;
  const dir = dirname(realPath);
  const parent = statSync(dir);
  if (parent.uid !== uid && parent.uid !== 0) return `its directory ${dir} is owned by another user (uid ${parent.uid})`;
  const sticky = (parent.mode & 0o1000) !== 0;
  if ((parent.mode & 0o022) !== 0 && !sticky) {
    const who = (parent.mode & 0o002) !== 0 ? 'anyone' : 'its group';
    return `its directory ${dir} is writable by ${who} (no sticky bit), so the file can be replaced`;
  }
  return undefined;
}
