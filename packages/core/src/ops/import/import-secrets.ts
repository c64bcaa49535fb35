/**
 * `fnox import` (docs/cli-reference.md, `import`) in two steps so the host can confirm in between: {@link planImport}
 * reads, parses, filters and checks the provider; {@link applyImport} encrypts every value through
 * the provider BEFORE the file is touched, then writes all entries in one locked, atomic,
 * format-preserving write. Plaintext never reaches the config file, a log line or an error.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseToml } from '../../config/toml-read.js';
import type { SecretConfig } from '../../config/types.js';
import { writeTarget, type WriteTarget } from '../../config/write-target.js';
import { FnoxError } from '../../errors.js';
import { providerNotConfigured } from '../../resolve/provider-factory.js';
import { createProviderFactory } from '../../resolve/provider-factory.js';
import type { FnoxSession } from '../../session.js';
import { loadActiveConfig } from '../active-config.js';
import { compileFilter } from '../bulk/filter-regex.js';
import { parseImportInput, type ImportFormat } from './import-parse.js';
import { isValidSecretName } from '../write/secret-name.js';
import { readConfigText, writeEntries } from '../write/write-entries.js';

/** Options of {@link planImport}. */
export interface ImportOptions {
  readonly format?: ImportFormat;
  /** `-i PATH` (relative to cwd); undefined reads stdin. */
  readonly input?: string;
  /** `-p NAME` (required). */
  readonly provider: string;
  readonly force?: boolean;
  readonly dryRun?: boolean;
  readonly global?: boolean;
  /** `--filter REGEX`, matched against the original names. */
  readonly filter?: string;
  /** `--prefix STR`, prepended after filtering. */
  readonly prefix?: string;
}

/** What import will do. Holds plaintexts: hand it to {@link applyImport}, never print it. */
export interface ImportPlan {
  /** Names to import, in input order (after filter and prefix). */
  readonly keys: readonly string[];
  /** Display form of the active profile stack. */
  readonly profile: string;
  readonly provider: string;
  readonly global: boolean;
  readonly dryRun: boolean;
  /** @internal name → plaintext */
  readonly values: ReadonlyMap<string, string>;
}

/** What {@link applyImport} wrote. */
export interface ImportResult {
  readonly count: number;
  readonly profile: string;
  readonly provider: string;
  readonly global: boolean;
  readonly file: string;
}

async function readInput(session: FnoxSession, options: ImportOptions): Promise<string> {
  if (options.input === undefined) return (await session.io.readAll()).toString('utf8');
  const path = resolve(session.cwd, options.input);
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new FnoxError('io', `Failed to read import source: ${options.input}`, { cause: error, hint: 'Check the path given to --input.' });
  }
}

/**
 * Read and check everything; returns undefined when nothing is left to import (`No secrets to
 * import`). Order of checks follows Rust: parse errors, then the stdin rule, then filtering, then
 * the provider (so an unknown provider is not reported when nothing is left).
 */
export async function planImport(session: FnoxSession, options: ImportOptions): Promise<ImportPlan | undefined> {
  const source = options.input ?? '<stdin>';
  const text = await readInput(session, options);
  const parsed = await parseImportInput(text, options.format ?? 'env', source, session.log);
  if (options.input === undefined && !options.force && !options.dryRun) {
    throw new FnoxError('import_stdin_requires_force', 'When importing from stdin, --force or --dry-run is required');
  }
  const matches = compileFilter(options.filter);
  const values = new Map<string, string>();
  for (const [key, value] of parsed) if (!matches || matches(key)) values.set(`${options.prefix ?? ''}${key}`, value);
  if (values.size === 0) return undefined;

  const effective = loadActiveConfig(session);
  const entry = effective.providers.get(options.provider);
  if (!entry) throw providerNotConfigured(effective, options.provider);
  const definition = await session.registry.load(entry.config.type);
  if (definition.mode !== 'encrypt') {
    throw new FnoxError('provider_unsupported', `Provider '${options.provider}' cannot be used for import`, {
      hint:
        definition.mode === 'store'
          ? "Remote storage providers are not yet supported for import. Use an encryption provider like 'age' instead."
          : 'Provider does not support encryption or remote storage.',
    });
  }
  const invalid = [...values.keys()].filter((key) => !isValidSecretName(key));
  if (invalid.length > 0) {
    const shown = invalid.slice(0, 5).map((k) => `'${k.replace(/[^\x20-\x7e]/g, '?')}'`).join(', ');
    throw new FnoxError('invalid_secret_name', `Cannot import ${invalid.length} name(s) that are not valid environment variable names: ${shown}${invalid.length > 5 ? ', ...' : ''}`, {
      hint: 'Leave them out with --filter, or rename them in the input.',
    });
  }
  return {
    keys: [...values.keys()],
    profile: effective.profileLabel,
    provider: options.provider,
    global: Boolean(options.global),
    dryRun: Boolean(options.dryRun),
    values,
  };
}

/** The entry already in the target section, so metadata (description, if_missing, ...) is kept. */
function existingEntry(target: WriteTarget, text: string, key: string): SecretConfig {
  if (text === '') return {};
  let node: unknown = parseToml(text, target.file);
  for (const segment of [...target.secretsSection, key]) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[segment] : undefined;
  return typeof node === 'object' && node !== null && !Array.isArray(node) ? (node as SecretConfig) : {};
}

/** Encrypt every value, then write all entries at once (see module comment). */
export async function applyImport(session: FnoxSession, plan: ImportPlan): Promise<ImportResult> {
  const target = writeTarget(session, { global: plan.global });
  const effective = loadActiveConfig(session);
  const factory = createProviderFactory(session, effective);
  const ciphertexts = new Map<string, string>();
  try {
    const { instance } = await factory.instance(plan.provider);
    if (typeof instance.put !== 'function') throw new FnoxError('provider_unsupported', `Provider '${plan.provider}' cannot be used for import`);
    for (const key of plan.keys) {
      const stored = await instance.put(key, plan.values.get(key)!);
      if (typeof stored !== 'string') throw new FnoxError('provider_encrypt', `Provider '${plan.provider}' returned nothing to store for '${key}'`);
      ciphertexts.set(key, stored);
    }
  } finally {
    await factory.dispose();
  }
  const text = readConfigText(target.file);
  const writes = plan.keys.map((key) => {
    // A stale `sync` cache would shadow the imported value on every read, so it goes.
    const { sync: _stale, ...kept } = existingEntry(target, text, key);
    return { file: target.file, section: target.secretsSection, key, entry: { ...kept, provider: plan.provider, value: ciphertexts.get(key)! } };
  });
  await writeEntries(writes, { createDirs: target.global, env: session.env, signal: session.signal });
  return { count: plan.keys.length, profile: plan.profile, provider: plan.provider, global: target.global, file: target.file };
}
