import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import type { ProviderContext } from '@fnox/contract';
import type { PasswordStoreConfig } from './config.js';

/** Where the store is and how pass runs, for one provider instance. */
export interface PassSettings {
  /** The environment every `pass` child gets (the caller's, plus the store overrides). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The store directory pass will use (for `list` and for messages). */
  readonly storeDir: string;
}

function home(env: ProviderContext['env']): string {
  return env.HOME ?? homedir();
}

/** `~/x` against HOME, a relative path against the declaring fnox.toml's directory. */
function expand(path: string, ctx: ProviderContext): string {
  if (path === '~' || path.startsWith('~/')) return join(home(ctx.env), path.slice(1));
  return isAbsolute(path) ? path : resolve(ctx.configDir, path);
}

/**
 * The store directory and gpg options as upstream picks them: the provider's field, else
 * `FNOX_PASSWORD_STORE_DIR` / `FNOX_PASSWORD_STORE_GPG_OPTS`, else the variables pass itself reads.
 */
export function passSettings(config: PasswordStoreConfig, ctx: ProviderContext): PassSettings {
  const env: Record<string, string | undefined> = { ...ctx.env };
  const dir = config.store_dir ?? ctx.env.FNOX_PASSWORD_STORE_DIR ?? ctx.env.PASSWORD_STORE_DIR;
  const storeDir = dir === undefined || dir === '' ? join(home(ctx.env), '.password-store') : expand(dir, ctx);
  if (dir !== undefined && dir !== '') env.PASSWORD_STORE_DIR = storeDir;
  const gpgOpts = config.gpg_opts ?? ctx.env.FNOX_PASSWORD_STORE_GPG_OPTS;
  if (gpgOpts !== undefined) env.PASSWORD_STORE_GPG_OPTS = gpgOpts;
  return { env, storeDir };
}
