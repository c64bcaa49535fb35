import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CONTRACT_VERSION,
  isProviderDefinition,
  providerDefinitionVersion,
  readProviderManifests,
  type BrandedProviderDefinition,
  type PluginDescriptor,
  type ProviderIndexEntry,
  type ProviderManifestReport,
} from '@fnox/contract';
import { FnoxError } from '../errors.js';
import { providerNotInstalled, providerPackageFor } from './catalog.js';

/** The built-in providers, present in every index. */
export const BUILTIN_PROVIDER_ENTRIES: readonly ProviderIndexEntry[] = [
  {
    type: 'plain',
    packageName: '@fnox/core',
    version: undefined,
    root: '',
    entry: 'builtin:plain',
    mode: 'encrypt',
    title: 'Plain text',
    summary: 'The value in fnox.toml is the secret itself (not encrypted)',
    contract: CONTRACT_VERSION,
    origin: 'builtin',
  },
];

/** Finds provider definitions by type and imports each one only when first used. */
export interface ProviderRegistry {
  /** What discovery found, with the built-in providers included. */
  readonly report: ProviderManifestReport;
  /** The index entry of a usable type. */
  entry(type: string): ProviderIndexEntry | undefined;
  /** Import (once) and verify the definition of `type`; throws a {@link FnoxError} when it cannot be used. */
  load(type: string): Promise<BrandedProviderDefinition>;
}

/** Options of {@link createProviderRegistry}. */
export interface ProviderRegistryOptions {
  /** Packages to read `fnox` manifests from (oclif plugins, or an app's dependencies). */
  readonly plugins?: Iterable<PluginDescriptor>;
  /** An already computed report (e.g. cached); wins over `plugins`. */
  readonly report?: ProviderManifestReport;
  /**
   * How to import an entry module, given its absolute path (default: `import()` of its file URL);
   * injectable for tests and for the CLI's loader, which mostly needs no URL at all.
   */
  readonly importModule?: (path: string, entry: ProviderIndexEntry) => Promise<unknown>;
}

/** Add the built-in providers to a report; a package claiming a built-in type is a conflict the built-in wins. */
export function withBuiltins(report: ProviderManifestReport): ProviderManifestReport {
  const providers = { ...report.providers };
  const conflicts = [...report.conflicts];
  for (const builtin of BUILTIN_PROVIDER_ENTRIES) {
    const claimed = providers[builtin.type];
    if (claimed && claimed.origin !== 'builtin') {
      conflicts.push({
        type: builtin.type,
        packages: [
          { name: builtin.packageName, origin: 'builtin' },
          { name: claimed.packageName, origin: claimed.origin },
        ],
        winner: builtin.packageName,
      });
    }
    providers[builtin.type] = builtin;
  }
  return { providers, conflicts, warnings: report.warnings };
}

/**
 * Drop claims on a first-party type (age, aws-kms, aws-sm, keychain, password-store: the catalog's own rows) from any package but its own, in every
 * discovery path (oclif plugins, the fast path, an app's dependencies): a plugin that calls
 * itself `age` would otherwise receive the plaintext of `fnox set`.
 */
export function withoutImpostors(plugins: Iterable<PluginDescriptor>): { plugins: PluginDescriptor[]; warnings: string[] } {
  const kept: PluginDescriptor[] = [];
  const warnings: string[] = [];
  for (const plugin of plugins) {
    const field = plugin.pjson.fnox as { providers?: Record<string, unknown> } | undefined;
    const claimed = field && typeof field === 'object' && field.providers && typeof field.providers === 'object' ? field.providers : undefined;
    const stolen = Object.keys(claimed ?? {}).filter((type) => {
      const owner = providerPackageFor(type);
      return owner !== undefined && owner !== plugin.name;
    });
    if (stolen.length === 0) {
      kept.push(plugin);
      continue;
    }
    const providers = Object.fromEntries(Object.entries(claimed!).filter(([type]) => !stolen.includes(type)));
    for (const type of stolen) {
      warnings.push(`${plugin.name}: provider type '${type}' belongs to ${providerPackageFor(type)}; skipped`);
    }
    kept.push({ ...plugin, pjson: { ...plugin.pjson, fnox: { ...field, providers } } });
  }
  return { plugins: kept, warnings };
}

function readReport(plugins: Iterable<PluginDescriptor>): ProviderManifestReport {
  const safe = withoutImpostors(plugins);
  const report = readProviderManifests(safe.plugins);
  return safe.warnings.length === 0 ? report : { ...report, warnings: [...safe.warnings, ...report.warnings] };
}

async function importBuiltin(entry: string): Promise<unknown> {
  if (entry === 'builtin:plain') return import('./plain.js');
  throw new Error(`unknown builtin ${entry}`);
}

/** Create a registry over discovered provider manifests. Nothing is imported until {@link ProviderRegistry.load}. */
export function createProviderRegistry(options: ProviderRegistryOptions = {}): ProviderRegistry {
  const report = withBuiltins(options.report ?? readReport(options.plugins ?? []));
  const importModule = options.importModule ?? ((path: string) => import(pathToFileURL(path).href));
  const loaded = new Map<string, Promise<BrandedProviderDefinition>>();

  async function loadUncached(type: string): Promise<BrandedProviderDefinition> {
    const entry = report.providers[type];
    if (!entry) {
      const conflict = report.conflicts.find((c) => c.type === type && !c.winner);
      if (conflict) {
        const names = conflict.packages.map((p) => `${p.name} (${p.origin})`).join(' and ');
        throw new FnoxError('provider_conflict', `Provider type '${type}' is provided by more than one plugin: ${names}`);
      }
      throw providerNotInstalled(type);
    }
    let mod: unknown;
    try {
      mod =
        entry.origin === 'builtin'
          ? await importBuiltin(entry.entry)
          : await importModule(join(entry.root, entry.entry), entry);
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      throw new FnoxError('provider_invalid_plugin', `Could not load provider '${type}' from ${entry.packageName}: ${reason}`, {
        cause: error,
      });
    }
    const definition = (mod as { default?: unknown } | undefined)?.default;
    const invalid = (why: string) =>
      new FnoxError('provider_invalid_plugin', `Provider '${type}' from ${entry.packageName} ${why}`);
    if (!isProviderDefinition(definition)) throw invalid('does not default-export a definition made with defineProvider()');
    const version = providerDefinitionVersion(definition);
    if (version !== CONTRACT_VERSION) {
      throw invalid(`was built for provider contract ${String(version)}; this fnox supports contract ${CONTRACT_VERSION}`);
    }
    if (definition.type !== type) throw invalid(`declares type '${definition.type}' in code but '${type}' in package.json`);
    if (definition.mode !== entry.mode) {
      throw invalid(`declares mode '${definition.mode}' in code but '${entry.mode}' in package.json`);
    }
    return definition;
  }

  return {
    report,
    entry: (type) => report.providers[type],
    load(type) {
      let pending = loaded.get(type);
      if (!pending) {
        pending = loadUncached(type);
        loaded.set(type, pending);
      }
      return pending;
    },
  };
}
