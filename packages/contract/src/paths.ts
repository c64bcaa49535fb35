import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Expand a leading `~` or `~/` in a path a user wrote (a provider's file field, `import`,
 * `FNOX_AGE_KEY_FILE`) with `HOME` from `env` (a provider passes `ctx.env`), else the OS home.
 * Any other path, `~user/…` included, is returned unchanged. The one implementation fnox and its
 * providers share, so `~` means the same everywhere.
 */
export function expandHome(path: string, env: Readonly<Record<string, string | undefined>> = process.env): string {
  if (path !== '~' && !path.startsWith('~/')) return path;
  const home = env.HOME || homedir();
  return path === '~' ? home : join(home, path.slice(2));
}
