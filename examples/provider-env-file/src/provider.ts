import { defineProvider, fieldsSchema, ProviderError, type ProviderInstance } from '@fnox/contract';
import type { EnvFile } from './env-file.js';

/**
 * The provider table: `[providers.NAME] type = "env-file"` plus these fields. `fieldsSchema` needs
 * no dependency, rejects unknown fields like the rest of fnox.toml, and lets `fnox schema` publish
 * the fields as JSON Schema. Any Standard Schema (zod, valibot, arktype) works too.
 */
export const configSchema = fieldsSchema({
  path: {
    kind: 'string',
    required: true,
    description: 'The dotenv file to read, relative to the fnox.toml that declares the provider; ~ is expanded',
    // Contract 1.1 field metadata: the wizard's question, the placeholder `fnox provider add`
    // writes, and a format the wizard checks answers against.
    prompt: 'dotenv file (relative to fnox.toml)',
    example: '.env',
    pattern: { regex: '\\S', message: 'Enter a file path.' },
  },
});

/**
 * `env-file`: the value stored in fnox.toml is the NAME of a variable in a dotenv file, e.g.
 * `DATABASE_URL = { provider = "local", value = "DATABASE_URL" }`. Read-only (`mode: 'read'`), so
 * there is no `put`: `fnox set` refuses to write through it.
 */
export default defineProvider({
  type: 'env-file',
  mode: 'read',
  configSchema,
  // Contract 1.1: how `fnox init` presents the type.
  setup: {
    category: 'Local',
    defaultName: 'local',
    text: ['Values are read from a dotenv file (NAME=value lines); fnox.toml holds only the names.', 'fnox set cannot write through it: edit the file itself.'],
  },
  // Contract 1.1: look around before the wizard asks, e.g. propose a .env that already exists.
  async suggestConfig(ctx) {
    const { suggestEnvFile } = await import('./setup.js');
    return suggestEnvFile(ctx.configDir);
  },
  create(config, ctx): ProviderInstance {
    // One read per instance (fnox creates an instance per command), shared by every secret.
    let file: Promise<EnvFile> | undefined;
    const load = () =>
      // Loaded on first use: listing providers or resolving other types never pays for this module.
      (file ??= import('./env-file.js').then(({ readEnvFile }) => readEnvFile(config.path, ctx.configDir)));

    return {
      async get({ key, value }) {
        const { path, values } = await load();
        const found = values.get(value);
        if (found === undefined) {
          throw new ProviderError('not-found', `'${value}' is not defined in ${path} (secret ${key})`, {
            hint: `Add ${value}=... to ${path}, or fix the value of ${key} in fnox.toml`,
          });
        }
        return found;
      },

      async *list() {
        yield* (await load()).values.keys();
      },

      async check() {
        await load();
      },

      // Contract 1.1: what `fnox doctor` shows for this provider. Cheap and offline: only whether
      // the file is there, never its contents.
      async diagnose() {
        const { envFileStatus } = await import('./setup.js');
        return envFileStatus(config.path, ctx.configDir);
      },

      async dispose() {
        file = undefined;
      },
    };
  },
});
