import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { mustSucceed, REPO_ROOT, runCommand } from '@fnox/test-kit';

/**
 * `pnpm pack` a workspace package into `dest` (pnpm, not npm: it rewrites `workspace:` ranges) and
 * return the tarball's absolute path. The package must be built: packing does not build.
 */
export async function pnpmPack(packageDir: string, dest: string): Promise<string> {
  mkdirSync(dest, { recursive: true });
  const before = new Set(readdirSync(dest));
  mustSucceed(
    await runCommand('pnpm', ['pack', '--pack-destination', dest], {
      cwd: join(REPO_ROOT, packageDir),
      env: { ...process.env, OCLIF_SKIP_NEW_VERSION_CHECK: 'true', NO_COLOR: '1' },
      timeoutMs: 180_000,
    }),
    `pnpm pack ${packageDir}`,
  );
  const made = readdirSync(dest).filter((name) => name.endsWith('.tgz') && !before.has(name));
  if (made.length !== 1) throw new Error(`pnpm pack in ${packageDir} made ${made.length} tarballs`);
  return join(dest, made[0]!);
}

/** Total size in KiB of the files under `dir` (what `du -sk` reports, give or take block rounding); 0 when absent. */
export function sizeKiB(dir: string): number {
  let bytes = 0;
  const walk = (path: string) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const child = join(path, entry.name);
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile()) bytes += statSync(child).size;
    }
  };
  walk(dir);
  return Math.round(bytes / 1024);
}
