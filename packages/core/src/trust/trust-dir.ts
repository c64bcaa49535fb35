/**
 * Where trust is recorded: outside every repository, in fnox's data directory
 * (`$XDG_DATA_HOME/fnox/trust`, else `~/.local/share/fnox/trust`). One record file per trusted
 * config file, named by the SHA-256 of the file's real path, so a lookup is one small read.
 */
import { createHash } from 'node:crypto';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

/** The trust directory for `env` (a relative or empty XDG_DATA_HOME is ignored, as XDG says). */
export function trustDir(env: NodeJS.ProcessEnv): string {
  const xdg = env.XDG_DATA_HOME;
  const data = xdg && isAbsolute(xdg) ? xdg : join(env.HOME || homedir(), '.local', 'share');
  return join(data, 'fnox', 'trust');
}

/** SHA-256 (hex) of a file's bytes: what a trust record binds to. */
export function contentDigest(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The record file of the config file at `realPath`. */
export function recordPath(env: NodeJS.ProcessEnv, realPath: string): string {
  return join(trustDir(env), `${contentDigest(realPath)}.json`);
}
