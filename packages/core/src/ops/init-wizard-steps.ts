/**
 * The side effects that follow the `fnox init` wizard's questions (docs/cli-reference.md, `init`): saving a generated
 * age key and testing the new provider's connection before the config is written.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { effectiveConfig } from '../config/effective.js';
import type { MergedConfig, ProviderConfig, Sourced } from '../config/types.js';
import { FnoxError } from '../errors.js';
import { createProviderFactory } from '../resolve/provider-factory.js';
import { errorMessage } from '../resolve/provider-step.js';
import type { FnoxSession } from '../session.js';
import type { InitProvider } from './init-config.js';
import type { AgeKeyPair } from './init-wizard.js';

/** The text of an age identity file, shaped like `age-keygen` output so age tools read it too. */
export function ageKeyFileText(key: AgeKeyPair, now: Date = new Date()): string {
  return `# created: ${now.toISOString().replace(/\.\d{3}Z$/, 'Z')}\n# public key: ${key.recipient}\n${key.identity}\n`;
}

/**
 * Write a generated key to `path` with mode 0600 (directory 0700 when created). Never overwrites:
 * a key that appeared meanwhile may already protect secrets.
 */
export function writeAgeKeyFile(path: string, key: AgeKeyPair): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  try {
    writeFileSync(path, ageKeyFileText(key), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    const exists = (error as NodeJS.ErrnoException).code === 'EEXIST';
    throw new FnoxError('io', exists ? `Age key file '${path}' already exists; not overwriting it` : `Could not write the age key to '${path}'`, {
      cause: error,
      hint: exists ? 'Run fnox init again and enter the recipient of that key.' : 'Check the permissions of the directory.',
    });
  }
}

/**
 * Build the new provider through the same factory the other commands use and run its `check()`
 * (a provider without one passes once it builds). The config is assembled in memory, as if read
 * from `file`, so relative paths resolve where the file will be. Returns the error message, or
 * undefined on success; never throws for a provider failure (the wizard only warns).
 */
export async function testInitProvider(session: FnoxSession, file: string, provider: InitProvider): Promise<string | undefined> {
  const entry: Sourced<ProviderConfig> = { name: provider.name, config: { type: provider.type, ...provider.fields }, source: { file } };
  const merged: MergedConfig = { root: false, providers: new Map([[provider.name, entry]]), secrets: new Map(), profiles: new Map(), files: [file] };
  const factory = createProviderFactory(session, effectiveConfig(merged, []));
  try {
    const { instance } = await factory.instance(provider.name);
    if (typeof instance.check === 'function') await instance.check();
    return undefined;
  } catch (error) {
    return errorMessage(error);
  } finally {
    await factory.dispose();
  }
}
