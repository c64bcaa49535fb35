/** Temp files holding `as_file` secret values (ARCHITECTURE.md, "The resolution pipeline"): mode 0600, created exclusively. */
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';

let counter = 0;

/** `$TMPDIR` from the given environment when absolute, else the OS temp dir. */
export function tempDirFor(env: Readonly<Record<string, string | undefined>>): string {
  const dir = env.TMPDIR;
  return dir && isAbsolute(dir) ? dir : tmpdir();
}

/**
 * Write `value` to a new file `<dir>/<prefix><KEY>-<pid>-<nanos>` readable only by the user and
 * return its path. `prefix` is `fnox-` for get, `fnox-export-` for export, `fnox-exec-` for exec.
 */
export function writeSecretFile(dir: string, prefix: string, key: string, value: string): string {
  const safeKey = key.replace(/[^A-Za-z0-9_.-]/g, '_');
  for (let attempt = 0; ; attempt++) {
    const nanos = process.hrtime.bigint() + BigInt(counter++);
    const path = join(dir, `${prefix}${safeKey}-${process.pid}-${nanos}`);
    try {
      // 'wx': never follow or reuse an existing path (another user may have planted it).
      writeFileSync(path, value, { mode: 0o600, flag: 'wx' });
      return path;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 5) throw error;
    }
  }
}

/** Remove files, ignoring ones already gone; returns the paths that could not be removed. */
export function removeFiles(paths: readonly string[]): string[] {
  const failed: string[] = [];
  for (const path of paths) {
    try {
      rmSync(path, { force: true });
    } catch {
      failed.push(path);
    }
  }
  return failed;
}
