/**
 * Layering of config files (docs/configuration.md, "How files are found"): an overlay's whole secret/provider/lease entry replaces
 * the base's (no field merge), an overridden name keeps the position it had in the base, scalars
 * are overlay-wins, `root` is OR-ed, `import` lists are unioned.
 */
import type { FileConfig } from './schema.js';
import type { ProviderConfig, SecretConfig, Sourced, SourceRef } from './types.js';

type Lease = Readonly<Record<string, unknown>>;

/** A mutable profile section while layering. */
export interface ProfileLayer {
  providers: Map<string, Sourced<ProviderConfig>>;
  secrets: Map<string, Sourced<SecretConfig>>;
  leases: Map<string, Sourced<Lease>>;
  defaultProvider?: { name: string; source: SourceRef };
}

/** Files merged so far; structurally a {@link MergedConfig}. */
export interface Layer {
  root: boolean;
  imports: string[];
  files: string[];
  defaultProvider?: { name: string; source: SourceRef };
  ifMissing?: FileConfig['ifMissing'];
  env?: FileConfig['env'];
  promptAuth?: boolean;
  ageKeyFile?: string;
  providers: Map<string, Sourced<ProviderConfig>>;
  secrets: Map<string, Sourced<SecretConfig>>;
  profiles: Map<string, ProfileLayer>;
  leases: Map<string, Sourced<Lease>>;
  mcp?: Record<string, unknown>;
  daemon?: Record<string, unknown>;
  proxy?: Record<string, unknown>;
}

/** A layer with nothing in it. */
export function emptyLayer(): Layer {
  return { root: false, imports: [], files: [], providers: new Map(), secrets: new Map(), profiles: new Map(), leases: new Map() };
}

function sourced<T>(entries: Map<string, T>, source: SourceRef): Map<string, Sourced<T>> {
  const out = new Map<string, Sourced<T>>();
  for (const [name, config] of entries) out.set(name, { name, config, source });
  return out;
}

/** The layer of one file, every entry remembering the file (and profile section) it came from. */
export function layerOf(config: FileConfig): Layer {
  const file = config.file;
  const top: SourceRef = { file };
  const profiles = new Map<string, ProfileLayer>();
  for (const [name, profile] of config.profiles) {
    const source: SourceRef = { file, profile: name };
    profiles.set(name, {
      providers: sourced(profile.providers, source),
      secrets: sourced(profile.secrets, source),
      leases: sourced(profile.leases, source),
      ...(profile.defaultProvider !== undefined ? { defaultProvider: { name: profile.defaultProvider, source } } : {}),
    });
  }
  const layer: Layer = {
    root: config.root === true,
    imports: [...config.import],
    files: [file],
    providers: sourced(config.providers, top),
    secrets: sourced(config.secrets, top),
    profiles,
    leases: sourced(config.leases, top),
  };
  if (config.defaultProvider !== undefined) layer.defaultProvider = { name: config.defaultProvider, source: top };
  if (config.ifMissing !== undefined) layer.ifMissing = config.ifMissing;
  if (config.env !== undefined) layer.env = config.env;
  if (config.promptAuth !== undefined) layer.promptAuth = config.promptAuth;
  if (config.ageKeyFile !== undefined) layer.ageKeyFile = config.ageKeyFile;
  if (config.mcp) layer.mcp = config.mcp;
  if (config.daemon) layer.daemon = config.daemon;
  if (config.proxy) layer.proxy = config.proxy;
  return layer;
}

function replaceEntries<T>(base: Map<string, T>, overlay: ReadonlyMap<string, T>): void {
  // Map#set on an existing key keeps its position: exactly the "overridden key keeps its place" rule.
  for (const [name, entry] of overlay) base.set(name, entry);
}

/** Apply `overlay` on top of `base` (mutating and returning `base`). */
export function overlayLayer(base: Layer, overlay: Layer): Layer {
  base.root ||= overlay.root;
  for (const entry of overlay.imports) if (!base.imports.includes(entry)) base.imports.push(entry);
  for (const file of overlay.files) if (!base.files.includes(file)) base.files.push(file);
  if (overlay.defaultProvider) base.defaultProvider = overlay.defaultProvider;
  if (overlay.ifMissing !== undefined) base.ifMissing = overlay.ifMissing;
  if (overlay.env !== undefined) base.env = overlay.env;
  if (overlay.promptAuth !== undefined) base.promptAuth = overlay.promptAuth;
  if (overlay.ageKeyFile !== undefined) base.ageKeyFile = overlay.ageKeyFile;
  replaceEntries(base.providers, overlay.providers);
  replaceEntries(base.secrets, overlay.secrets);
  replaceEntries(base.leases, overlay.leases);
  for (const [name, profile] of overlay.profiles) {
    const target = base.profiles.get(name);
    if (!target) {
      base.profiles.set(name, { ...profile, providers: new Map(profile.providers), secrets: new Map(profile.secrets), leases: new Map(profile.leases) });
      continue;
    }
    replaceEntries(target.providers, profile.providers);
    replaceEntries(target.secrets, profile.secrets);
    replaceEntries(target.leases, profile.leases);
    if (profile.defaultProvider) target.defaultProvider = profile.defaultProvider;
  }
  if (overlay.mcp) base.mcp = { ...base.mcp, ...overlay.mcp };
  if (overlay.daemon) base.daemon = { ...base.daemon, ...overlay.daemon };
  if (overlay.proxy) base.proxy = overlay.proxy;
  return base;
}
