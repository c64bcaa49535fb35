/**
 * Layering of config files: an overlay's whole secret/provider/lease entry replaces
 * the base's (no field merge), an overridden name keeps the position it had in the base; every
 * other top-level key follows its merge rule in the key table (config/keys.ts).
 */
import { ROOT_FIELDS, type MergeRule } from './keys.js';
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
    root: false,
    imports: [],
    files: [file],
    providers: sourced(config.providers, top),
    secrets: sourced(config.secrets, top),
    profiles,
    leases: sourced(config.leases, top),
  };
  const fields = layer as unknown as Record<string, unknown>;
  for (const row of ROOT_FIELDS) {
    const value = (config as unknown as Record<string, unknown>)[row.field!];
    if (value === undefined) continue;
    fields[row.field!] = row.sourced ? { name: value, source: top } : Array.isArray(value) ? [...value] : value;
  }
  return layer;
}

/** One top-level value of a nearer file (`near`) over a farther one's, by its merge rule in {@link CONFIG_KEYS}. */
function mergeField(rule: MergeRule, far: unknown, near: unknown): unknown {
  if (near === undefined) return far;
  switch (rule) {
    case 'any':
      return far === true || near === true;
    case 'union':
      return [...((far as unknown[] | undefined) ?? []), ...(near as unknown[]).filter((entry) => !((far as unknown[] | undefined) ?? []).includes(entry))];
    case 'fields':
      return { ...(far as object | undefined), ...(near as object) };
    default:
      return near; // nearest, whole
  }
}

function replaceEntries<T>(base: Map<string, T>, overlay: ReadonlyMap<string, T>): void {
  // Map#set on an existing key keeps its position: exactly the "overridden key keeps its place" rule.
  for (const [name, entry] of overlay) base.set(name, entry);
}

/** Apply `overlay` on top of `base` (mutating and returning `base`). */
export function overlayLayer(base: Layer, overlay: Layer): Layer {
  for (const file of overlay.files) if (!base.files.includes(file)) base.files.push(file);
  const into = base as unknown as Record<string, unknown>;
  const from = overlay as unknown as Record<string, unknown>;
  for (const row of ROOT_FIELDS) into[row.field!] = mergeField(row.merge, into[row.field!], from[row.field!]);
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
  return base;
}
