/**
 * One configured `password-store` provider. The value in fnox.toml is an entry name without the
 * prefix; the entry is `prefix + value`. Every operation runs the user's `pass`, so its gpg setup,
 * agent, git hooks and extensions apply exactly as on the command line.
 */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ProviderError, type ProviderContext, type ProviderInstance } from '@fnox/contract';
import type { PasswordStoreConfig } from './config.js';
import { NO_SECRET_KEY, notInitialised, passError, spawnError, type PassCall } from './errors.js';
import { secretKeyPresent } from './gpg-diagnose.js';
import { PassSpawnError, runPass, type PassOutput } from './run-pass.js';
import { passSettings } from './store-env.js';

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Entry names under `dir` (what `pass ls` shows), without `.gpg`; `.git` and other dot folders skipped. */
async function walkEntries(dir: string, base = ''): Promise<string[]> {
  let names;
  try {
    names = await readdir(join(dir, base), { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const entry of names.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.')) continue;
    const rel = base === '' ? entry.name : `${base}/${entry.name}`;
    if (entry.isDirectory()) out.push(...(await walkEntries(dir, rel)));
    else if (entry.isFile() && entry.name.endsWith('.gpg')) out.push(rel.slice(0, -'.gpg'.length));
  }
  return out;
}

/** Build an instance. */
export function createPasswordStoreInstance(config: PasswordStoreConfig, ctx: ProviderContext): ProviderInstance {
  const prefix = config.prefix ?? '';
  const settings = passSettings(config, ctx);
  ctx.log.debug(`password-store provider '${ctx.name}': store ${settings.storeDir}${prefix ? `, prefix '${prefix}'` : ''}`);

  async function pass(call: PassCall, args: readonly string[], input?: string): Promise<PassOutput> {
    let out: PassOutput;
    try {
      out = await runPass(args, { env: settings.env, signal: ctx.signal, ...(input === undefined ? {} : { input }) });
    } catch (error) {
      if (error instanceof PassSpawnError) throw spawnError(call, error);
      throw error;
    }
    if (out.code !== 0) {
      const initialised = existsSync(join(settings.storeDir, '.gpg-id'));
      const askKeyring = call.operation === 'show' && call.entry !== undefined && NO_SECRET_KEY.test(out.stderr);
      const present = askKeyring ? await secretKeyPresent(join(settings.storeDir, `${call.entry}.gpg`), settings.env, ctx.signal) : undefined;
      throw passError(call, out.stderr, { initialised, secretKeyPresent: present });
    }
    return out;
  }

  const call = (operation: PassCall['operation'], entry?: string, plaintext?: string): PassCall => ({
    operation,
    storeDir: settings.storeDir,
    providerName: ctx.name,
    ...(entry === undefined ? {} : { entry }),
    ...(plaintext === undefined ? {} : { plaintext }),
  });

  return {
    async get(request) {
      const entry = prefix + request.value;
      // `--` keeps an entry name that starts with a dash from being read as an option.
      const out = await pass(call('show', entry), ['show', '--', entry]);
      let text: string;
      try {
        text = UTF8.decode(out.stdout);
      } catch {
        throw new ProviderError('invalid-response', `password-store: entry '${entry}' is not valid UTF-8 text`, {
          hint: 'fnox reads text entries only; store binary data base64-encoded',
        });
      }
      // The whole entry, trimmed at both ends: what upstream returns (so `pass insert`'s trailing
      // newline is not part of the value). `line` and `json_path` pick parts of it in core.
      return text.trim();
    },

    async put(key, plaintext) {
      const entry = prefix + key;
      if (plaintext !== plaintext.trim()) {
        ctx.log.warn(`password-store: ${key} starts or ends with whitespace, which reads back trimmed (as upstream fnox reads pass entries)`);
      }
      // The value goes to stdin only: never into any child's argv.
      await pass(call('insert', entry, plaintext), ['insert', '--multiline', '--force', '--', entry], plaintext);
      return key;
    },

    async remove(request) {
      const entry = prefix + request.value;
      try {
        await pass(call('rm', entry), ['rm', '--force', '--', entry]);
      } catch (error) {
        if ((error as ProviderError).code === 'not-found') return;
        throw error;
      }
    },

    // `pass ls` prints a tree for people; the names are the store's `.gpg` files, read directly.
    async *list() {
      for (const name of await walkEntries(settings.storeDir)) {
        if (name.startsWith(prefix) && name.length > prefix.length) yield name.slice(prefix.length);
      }
    },

    // Upstream's connection test (`pass ls`), plus what `pass ls` misses: an existing folder
    // that `pass init` never ran in.
    async check() {
      await pass(call('ls'), ['ls']);
      if (!existsSync(join(settings.storeDir, '.gpg-id'))) throw notInitialised(call('ls'));
    },
  };
}
