import { join } from 'node:path';
import { mustSucceed, REPO_ROOT, runCommand } from '@fnox/test-kit';
import { pnpmPack } from '../ecosystem/pack.js';
import type { LocalRegistry } from './local-registry.js';
import { isBuilt, PUBLISHED, unpack, type Packed } from './packed.js';

/**
 * Pack every published package as a release would (`pnpm pack`: `workspace:` ranges become real
 * versions, `files` decides the contents) and unpack a copy for inspection. Packages must be built:
 * turbo builds them first because the CLI lists them as (dev) dependencies.
 */
export async function packAll(work: string): Promise<Map<string, Packed>> {
  const unbuilt = Object.keys(PUBLISHED).filter((dir) => !isBuilt(REPO_ROOT, dir));
  if (unbuilt.length > 0) throw new Error(`not built: ${unbuilt.join(', ')} (run the turbo build first)`);
  const packed = new Map<string, Packed>();
  for (const [dir, name] of Object.entries(PUBLISHED)) {
    const tarball = await pnpmPack(dir, join(work, 'packs'));
    packed.set(name, await unpack(tarball, join(work, 'unpacked', name)));
  }
  return packed;
}

/** `npm publish` each tarball to the local registry, as its author would. */
export async function publishAll(registry: LocalRegistry, packed: Map<string, Packed>, work: string): Promise<void> {
  const env = { PATH: process.env.PATH, HOME: work, ...registry.npmEnv(registry.publishNpmrc) };
  for (const { tarball, pjson } of packed.values()) {
    // A tarball publish runs no lifecycle scripts: what was packed is what users get.
    mustSucceed(
      await runCommand('npm', ['publish', tarball, '--access=public', '--tag=latest'], { cwd: work, env, timeoutMs: 120_000 }),
      `npm publish ${pjson.name}`,
    );
  }
}
