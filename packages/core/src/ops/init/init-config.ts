/**
 * `fnox init` (docs/cli-reference.md, `init`): create a config file — empty with --skip-wizard / no TTY, or holding one
 * provider (made default) and optionally an example secret from the wizard. Never overwrites
 * without `force`.
 */
import { resolve } from 'node:path';
import { withFileLock } from '../../config/atomic-write.js';
import { commitConfigWrite } from '../../config/commit-write.js';
import { globalConfigPath, pathExists } from '../../config/files.js';
import { tomlKeyRepr, tomlValueRepr } from '../../config/toml-edit.js';
import { FnoxError } from '../../errors.js';
import type { FnoxSession } from '../../session.js';

/** A provider chosen in the wizard. */
export interface InitProvider {
  readonly name: string;
  readonly type: string;
  /** The provider's own fields, in the order to write them. */
  readonly fields?: Readonly<Record<string, unknown>>;
}

/** Options of {@link initConfig}. */
export interface InitOptions {
  readonly force?: boolean;
  readonly global?: boolean;
  readonly provider?: InitProvider;
  /** An example secret to add (name and description; no value). */
  readonly exampleSecret?: { readonly name: string; readonly description?: string };
}

/** Result of {@link initConfig}. */
export interface InitResult {
  readonly file: string;
  readonly global: boolean;
}

/** The file `init` writes: `--global` → global config; else `-c` (default fnox.toml) relative to cwd. */
export function initTarget(session: FnoxSession, global?: boolean): string {
  return global ? globalConfigPath(session.env) : resolve(session.cwd, session.options.config ?? 'fnox.toml');
}

/** The text of a new config, shaped as Rust's whole-file writer shapes it. */
export async function initConfigText(options: InitOptions): Promise<string> {
  const provider = options.provider;
  if (!provider) return '';
  const lines = [`default_provider = ${await tomlValueRepr(provider.name)}`, '', `[providers.${tomlKeyRepr(provider.name)}]`, `type = ${await tomlValueRepr(provider.type)}`];
  for (const [field, value] of Object.entries(provider.fields ?? {})) lines.push(`${tomlKeyRepr(field)} = ${await tomlValueRepr(value)}`);
  if (options.exampleSecret) {
    const fields: Record<string, string> = { provider: provider.name };
    if (options.exampleSecret.description) fields.description = options.exampleSecret.description;
    lines.push('', '[secrets]', `${tomlKeyRepr(options.exampleSecret.name)} = ${await tomlValueRepr(fields)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Create the config file. */
export async function initConfig(session: FnoxSession, options: InitOptions = {}): Promise<InitResult> {
  const file = initTarget(session, options.global);
  if (pathExists(file) && !options.force) {
    throw new FnoxError('config_exists', `Configuration file '${file}' already exists. Use --force to overwrite.`);
  }
  const text = await initConfigText(options);
  const { mkdirSync } = await import('node:fs');
  const { dirname } = await import('node:path');
  mkdirSync(dirname(file), { recursive: true });
  await withFileLock(file, async () => {
    if (pathExists(file) && !options.force) {
      throw new FnoxError('config_exists', `Configuration file '${file}' already exists. Use --force to overwrite.`);
    }
    await commitConfigWrite(session.env, file, text);
  });
  return { file, global: Boolean(options.global) };
}
