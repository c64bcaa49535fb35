import { CONTRACT_VERSION, type ProviderMode } from './provider.js';

/** One provider type as declared in a package's `package.json` under `fnox.providers`. */
export interface ProviderManifestEntry {
  /** Module path relative to the package root whose default export is a branded definition. */
  readonly entry: string;
  /**
   * Optional CommonJS twin of `entry` (contract 1.2): `module.exports` is the same definition, and
   * the module never calls `import()`. fnox's hot path loads it with V8 code cache on a Node that
   * can `require()` ES modules; everything else imports `entry`.
   */
  readonly require?: string;
  /** Must equal the definition's `mode`. */
  readonly mode: ProviderMode;
  /** Display name, e.g. `AWS KMS`. */
  readonly title?: string;
  /** One line saying what the provider does. */
  readonly summary?: string;
}

/** The `fnox` field of a provider package's `package.json`. */
export interface FnoxPackageField {
  /** Contract major version the package was built against. */
  readonly contract: number;
  /** Provider types this package provides, keyed by type name. */
  readonly providers: Readonly<Record<string, ProviderManifestEntry>>;
}

/**
 * Where a provider package came from. `core` ships with the CLI, `user` was installed with
 * `fnox plugins install`, `link` with `fnox plugins link`, `dependency` is a dependency of a Node
 * app using the library, `builtin` lives inside core (`plain`).
 */
export type ProviderOrigin = 'builtin' | 'core' | 'user' | 'link' | 'dependency';

/** The part of an oclif plugin (or any package) that manifest reading needs. Pure data. */
export interface PluginDescriptor {
  readonly name: string;
  readonly version?: string;
  /** Absolute directory of the package. */
  readonly root: string;
  /** oclif plugin type (`core`, `user`, `link`, `dev`) or a {@link ProviderOrigin}. */
  readonly type: string;
  /** The parsed package.json. */
  readonly pjson: { readonly fnox?: unknown } & Record<string, unknown>;
}

/** One usable provider type in the index. */
export interface ProviderIndexEntry {
  readonly type: string;
  readonly packageName: string;
  readonly version: string | undefined;
  readonly root: string;
  readonly entry: string;
  /** {@link ProviderManifestEntry.require}, when declared and valid. */
  readonly require?: string;
  readonly mode: ProviderMode;
  readonly title: string;
  readonly summary: string;
  readonly contract: number;
  readonly origin: ProviderOrigin;
}

/** Two or more packages declaring the same type. */
export interface ProviderConflict {
  readonly type: string;
  readonly packages: readonly { readonly name: string; readonly origin: ProviderOrigin }[];
  /** The package that won (a core plugin beats user/link ones); absent when nobody may win. */
  readonly winner?: string;
}

/** What {@link readProviderManifests} found. Plain data, safe to serialise and cache. */
export interface ProviderManifestReport {
  /** Usable types, keyed by type name. */
  readonly providers: Readonly<Record<string, ProviderIndexEntry>>;
  /** Types declared more than once; a conflict without `winner` makes the type unusable. */
  readonly conflicts: readonly ProviderConflict[];
  /** Packages or entries skipped, one human-readable line each. */
  readonly warnings: readonly string[];
}

/** Contract majors this version of the contract can load. */
export const SUPPORTED_CONTRACTS: readonly number[] = [CONTRACT_VERSION];

const TYPE_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MODES: readonly string[] = ['encrypt', 'store', 'read'];

function originOf(type: string): ProviderOrigin {
  switch (type) {
    case 'user':
    case 'link':
    case 'builtin':
    case 'dependency':
      return type;
    default:
      return 'core'; // oclif's `core` and `dev` (the CLI itself)
  }
}

const PRIORITY: Record<ProviderOrigin, number> = { builtin: 3, core: 2, dependency: 1, user: 1, link: 1 };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `./`-relative and without `..`: a manifest may only name files inside its own package. */
function insidePackage(path: string): boolean {
  return path.startsWith('./') && !path.split(/[\\/]/).includes('..');
}

function readOne(plugin: PluginDescriptor, warnings: string[]): ProviderIndexEntry[] {
  const field = plugin.pjson.fnox;
  if (field === undefined) return [];
  if (!isRecord(field) || !isRecord(field.providers)) {
    warnings.push(`${plugin.name}: the "fnox" field of package.json has no "providers" table; skipped`);
    return [];
  }
  const contract = field.contract;
  if (typeof contract !== 'number' || !SUPPORTED_CONTRACTS.includes(contract)) {
    warnings.push(
      `${plugin.name}: built for fnox provider contract ${String(contract)}, this fnox supports contract ${SUPPORTED_CONTRACTS.join(', ')}; its providers are skipped`,
    );
    return [];
  }
  const out: ProviderIndexEntry[] = [];
  for (const [type, raw] of Object.entries(field.providers)) {
    if (!TYPE_NAME.test(type)) {
      warnings.push(`${plugin.name}: provider type '${type}' is not kebab-case; skipped`);
      continue;
    }
    if (!isRecord(raw) || typeof raw.entry !== 'string' || typeof raw.mode !== 'string' || !MODES.includes(raw.mode)) {
      warnings.push(`${plugin.name}: provider '${type}' needs "entry" (a path) and "mode" (encrypt, store or read); skipped`);
      continue;
    }
    if (!insidePackage(raw.entry)) {
      warnings.push(`${plugin.name}: provider '${type}' entry must be a path inside the package starting with ./; skipped`);
      continue;
    }
    const cjs = raw.require;
    if (cjs !== undefined && (typeof cjs !== 'string' || !insidePackage(cjs))) {
      warnings.push(`${plugin.name}: provider '${type}' "require" must be a path inside the package starting with ./; ignored`);
    }
    out.push({
      type,
      packageName: plugin.name,
      version: plugin.version,
      root: plugin.root,
      entry: raw.entry,
      ...(typeof cjs === 'string' && insidePackage(cjs) ? { require: cjs } : {}),
      mode: raw.mode as ProviderMode,
      title: typeof raw.title === 'string' ? raw.title : type,
      summary: typeof raw.summary === 'string' ? raw.summary : '',
      contract,
      origin: originOf(plugin.type),
    });
  }
  return out;
}

/**
 * Build the provider index from package manifests, importing no code. A core plugin beats a user,
 * linked or dependency package declaring the same type; two non-core packages claiming one type
 * make that type unusable (a secrets tool must never let a plugin silently shadow a provider).
 */
export function readProviderManifests(plugins: Iterable<PluginDescriptor>): ProviderManifestReport {
  const warnings: string[] = [];
  const claims = new Map<string, ProviderIndexEntry[]>();
  for (const plugin of plugins) {
    for (const entry of readOne(plugin, warnings)) {
      const list = claims.get(entry.type) ?? [];
      if (!list.some((e) => e.packageName === entry.packageName)) list.push(entry);
      claims.set(entry.type, list);
    }
  }
  const providers: Record<string, ProviderIndexEntry> = {};
  const conflicts: ProviderConflict[] = [];
  for (const [type, list] of claims) {
    const first = list[0];
    if (list.length === 1 && first) {
      providers[type] = first;
      continue;
    }
    const best = Math.max(...list.map((e) => PRIORITY[e.origin]));
    const top = list.filter((e) => PRIORITY[e.origin] === best);
    const packages = list.map((e) => ({ name: e.packageName, origin: e.origin }));
    const winner = top.length === 1 ? top[0] : undefined;
    if (winner && best > PRIORITY.user) {
      providers[type] = winner;
      conflicts.push({ type, packages, winner: winner.packageName });
    } else {
      conflicts.push({ type, packages });
    }
  }
  return { providers, conflicts, warnings };
}
