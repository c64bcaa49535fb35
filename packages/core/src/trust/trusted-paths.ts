/**
 * `FNOX_TRUSTED_CONFIG_PATHS`: `:`-separated path prefixes whose config files are trusted without a
 * record (CI, dev containers, scripts). Set by the user only: fnox never exports an `FNOX_*` name
 * from a config file, so no fnox.toml can widen it (see docs/security.md).
 */
import { realpathSync } from 'node:fs';
import { isAbsolute, resolve, sep } from 'node:path';

/** A path with symlinks resolved when it exists, else just normalised. */
export function realPathOf(path: string): string {
  try {
    return realpathSync.native(path);
  } catch {
    return resolve(path);
  }
}

/** The prefixes of `FNOX_TRUSTED_CONFIG_PATHS`, as real paths; relative or empty entries are ignored. */
export function trustedPrefixes(env: NodeJS.ProcessEnv): string[] {
  const raw = env.FNOX_TRUSTED_CONFIG_PATHS;
  if (!raw) return [];
  return raw
    .split(':')
    .filter((entry) => entry !== '' && isAbsolute(entry))
    .map(realPathOf);
}

/** True when `realPath` is `prefix` or inside it, on path-segment boundaries (`/a/b` does not cover `/a/bc`). */
export function isUnder(realPath: string, prefix: string): boolean {
  if (realPath === prefix) return true;
  const base = prefix.endsWith(sep) ? prefix : `${prefix}${sep}`;
  return realPath.startsWith(base);
}

/** The `FNOX_TRUSTED_CONFIG_PATHS` prefix covering `realPath`, if any. */
export function trustedPrefixOf(realPath: string, env: NodeJS.ProcessEnv): string | undefined {
  return trustedPrefixes(env).find((prefix) => isUnder(realPath, prefix));
}
