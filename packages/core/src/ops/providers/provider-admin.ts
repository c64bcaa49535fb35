/**
 * `fnox provider add/remove/list/test` (docs/cli-reference.md, `provider`). add/remove edit only their target file
 * (format-preserving, locked, atomic); like Rust they still require a loadable config first.
 * Only `-P` flags choose the write profile for add/remove (`FNOX_PROFILE` is ignored there).
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { withFileLock } from '../../config/atomic-write.js';
import { commitConfigWrite } from '../../config/commit-write.js';
import { pathExists } from '../../config/files.js';
import { loadConfigSync } from '../../config/load.js';
import { DEFAULT_PROFILE } from '../../config/profiles.js';
import { writeTarget } from '../../config/write-target.js';
import { FnoxError } from '../../errors.js';
import { createProviderFactory } from '../../resolve/provider-factory.js';
import { errorMessage } from '../../resolve/provider-step.js';
import type { FnoxSession } from '../../session.js';
import { loadActiveConfig } from '../active-config.js';
import { providerTemplate } from './provider-template.js';
import { addProviderToText, removeProviderFromText, tomlAt } from './provider-table-edit.js';
import { parseToml } from '../../config/toml-read.js';
import { readConfigText } from '../write/write-entries.js';

/** Where add/remove write: the file and the providers table inside it. */
export interface ProviderWriteTarget {
  readonly file: string;
  readonly section: readonly string[];
  readonly profile: string;
  readonly global: boolean;
}

/**
 * The target of add/remove: the write target (docs/configuration.md, "Where `set` and `remove` write") with the stack taken from `-P` only; a non-default write profile
 * always nests under `[profiles.P.providers]` (even in a profile file), `--global` never does.
 */
export function providerWriteTarget(session: FnoxSession, global?: boolean): ProviderWriteTarget {
  const withoutEnvProfile: FnoxSession = { ...session, env: { ...session.env, FNOX_PROFILE: undefined } };
  const target = writeTarget(withoutEnvProfile, { global });
  const nested = !global && target.profile !== DEFAULT_PROFILE;
  return { file: target.file, section: nested ? ['profiles', target.profile, 'providers'] : ['providers'], profile: target.profile, global: Boolean(global) };
}

/** Result of {@link addProvider} / {@link removeProvider}. */
export interface ProviderEditResult extends ProviderWriteTarget {
  readonly name: string;
  /** The `type` written (add only). */
  readonly type?: string;
}

/** Add a provider table from its template (docs/cli-reference.md, `provider`). */
export async function addProvider(session: FnoxSession, options: { name: string; type: string; global?: boolean; vault?: string }): Promise<ProviderEditResult> {
  const fields = await providerTemplate(session.registry, options.type, options.vault);
  loadConfigSync(session);
  const target = providerWriteTarget(session, options.global);
  if (target.global) mkdirSync(dirname(target.file), { recursive: true });
  await withFileLock(target.file, async () => {
    const text = readConfigText(target.file);
    if (text.trim() !== '' && tomlAt(parseToml(text, target.file), [...target.section, options.name]) !== undefined) {
      throw new FnoxError('config_invalid', `Provider '${options.name}' already exists`, {
        hint: `Pick another name, or remove it first with \`fnox provider remove ${options.name}\`.`,
      });
    }
    await commitConfigWrite(session.env, target.file, await addProviderToText(text, target.section, options.name, fields, target.file));
  });
  return { ...target, name: options.name, type: fields.type as string };
}

/** Remove a provider table; secrets still naming it are not checked (as in Rust). */
export async function removeProvider(session: FnoxSession, options: { name: string; global?: boolean }): Promise<ProviderEditResult> {
  loadConfigSync(session);
  const target = providerWriteTarget(session, options.global);
  if (!pathExists(target.file)) throw new FnoxError('config_not_found', `Config file '${target.file}' not found`);
  await withFileLock(target.file, async () => {
    const updated = await removeProviderFromText(readConfigText(target.file), target.section, options.name, target.file);
    if (updated === undefined) {
      throw new FnoxError('config_invalid', `Provider '${options.name}' not found`, { hint: `Run \`fnox provider list\` to see the providers of ${target.file}.` });
    }
    await commitConfigWrite(session.env, target.file, updated);
  });
  return { ...target, name: options.name };
}

/** One effective provider. */
export interface ProviderListing {
  readonly name: string;
  readonly type: string;
  readonly source?: string;
}

/** Effective providers of the active stack, sorted by name. */
export function listProviders(session: FnoxSession): ProviderListing[] {
  const effective = loadActiveConfig(session);
  return [...effective.providers.values()]
    .map((p) => ({ name: p.name, type: p.config.type, ...(p.source.file !== undefined ? { source: p.source.file } : {}) }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Outcome of testing one provider. */
export interface ProviderTestResult {
  readonly name: string;
  readonly ok: boolean;
  /** One-line error message when not ok (never a secret value). */
  readonly error?: string;
  /** The error itself, for the single-provider form to rethrow. */
  readonly cause?: unknown;
}

/** Build each provider and run its `check()` (a provider without one passes once it builds). */
export async function testProviders(session: FnoxSession, names?: readonly string[]): Promise<ProviderTestResult[]> {
  const effective = loadActiveConfig(session);
  const chosen = names ?? [...effective.providers.keys()];
  for (const name of chosen) {
    if (!effective.providers.has(name)) {
      throw new FnoxError('config_invalid', `Provider '${name}' not found`, {
        hint: `Configured providers: ${[...effective.providers.keys()].join(', ') || '(none)'}.`,
      });
    }
  }
  const factory = createProviderFactory(session, effective);
  const results: ProviderTestResult[] = [];
  try {
    for (const name of chosen) {
      try {
        const { instance } = await factory.instance(name);
        if (typeof instance.check === 'function') await instance.check();
        results.push({ name, ok: true });
      } catch (error) {
        results.push({ name, ok: false, error: errorMessage(error), cause: error });
      }
    }
  } finally {
    await factory.dispose();
  }
  return results;
}
