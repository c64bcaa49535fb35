/**
 * Strict validation of one parsed config file into typed tables, as Rust's "deny unknown fields"
 * does. Every error names `file:line:col` and the key; unknown keys get a "did you
 * mean". Tables Rust tolerates extra keys in (`sync`, `[leases.*]`) and provider fields (checked by
 * the provider's own schema when it is built) are kept raw.
 */
import { FnoxError } from '../errors.js';
import { locateKeys, pathId, type LocationIndex } from './locate.js';
import { CONFIG_KEYS, keysIn, ROOT_FIELDS, type ConfigKey } from './keys.js';
import { closestKey } from './suggest-key.js';
import type { EnvMode, IfMissing, ProviderConfig, SecretConfig } from './types.js';
import type { TomlTable } from './toml-read.js';

/** A `[profiles.NAME]` table of one file. */
export interface FileProfile {
  readonly providers: Map<string, ProviderConfig>;
  readonly secrets: Map<string, SecretConfig>;
  readonly defaultProvider?: string;
  readonly leases: Map<string, Record<string, unknown>>;
}

/** One config file after validation. */
export interface FileConfig {
  readonly file: string;
  /** `import`. */
  readonly imports: readonly string[];
  readonly root?: boolean;
  readonly defaultProvider?: string;
  readonly ifMissing?: IfMissing;
  readonly env?: EnvMode;
  readonly promptAuth?: boolean;
  readonly ageKeyFile?: string;
  readonly providers: Map<string, ProviderConfig>;
  readonly secrets: Map<string, SecretConfig>;
  readonly profiles: Map<string, FileProfile>;
  readonly leases: Map<string, Record<string, unknown>>;
  readonly mcp?: Record<string, unknown>;
  readonly daemon?: Record<string, unknown>;
  readonly proxy?: Record<string, unknown>;
}

const SCALAR_KINDS: ReadonlySet<string> = new Set(['string', 'boolean', 'path-list', 'if-missing', 'env-mode']);
const names = (rows: readonly ConfigKey[]): readonly string[] => rows.map((row) => row.key);
/** Keys allowed at the top level, in a secret (in the order Rust writes them) and in a profile: from {@link CONFIG_KEYS}. */
export const TOP_LEVEL_KEYS = names(keysIn('root'));
export const SECRET_KEYS = names(keysIn('secret'));
export const PROFILE_KEYS = names(keysIn('profile'));
const SECRET_SCALARS = keysIn('secret').filter((row) => SCALAR_KINDS.has(row.kind));
const PROXY_RULE_KEYS = ['secret', 'domain', 'env', 'header', 'methods', 'paths', 'placeholder'];
const IF_MISSING_VALUES = ['error', 'warn', 'ignore'];

const isTable = (v: unknown): v is TomlTable => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);

/** Validates one file; locations are computed only when an error needs one. */
class FileValidator {
  private index: LocationIndex | undefined;
  constructor(private readonly text: string, private readonly file: string) {}

  fail(path: readonly string[], message: string, hint: string, at: 'key' | 'value' = 'value'): never {
    this.index ??= locateKeys(this.text);
    let loc;
    for (let n = path.length; n > 0 && !loc; n--) loc = this.index.get(pathId(path.slice(0, n)));
    const pos = loc ? loc[at] : { line: 1, col: 1 };
    throw new FnoxError('config_invalid_toml', `${this.file}:${pos.line}:${pos.col}: ${message}`, { hint });
  }

  keys(table: TomlTable, path: readonly string[], allowed: readonly string[], where: string): void {
    for (const key of Object.keys(table)) {
      if (allowed.includes(key)) continue;
      const guess = closestKey(key, allowed);
      this.fail(
        [...path, key],
        `unknown key \`${key}\` ${where}${guess ? `; did you mean \`${guess}\`?` : ''}`,
        `Allowed keys ${where}: ${allowed.join(', ')}.`,
        'key',
      );
    }
  }

  name(path: readonly string[], kind: string): void {
    if (path[path.length - 1] === '') this.fail(path, `empty ${kind} name`, `Give the ${kind} a name, e.g. [${kind === 'secret' ? 'secrets.MY_SECRET' : `${kind}s.NAME`}].`, 'key');
  }

  str(table: TomlTable, key: string, path: readonly string[]): string | undefined {
    const v = table[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'string') this.fail([...path, key], `\`${[...path, key].join('.')}\` must be a string`, 'Quote the value: key = "text".');
    return v;
  }

  bool(table: TomlTable, key: string, path: readonly string[]): boolean | undefined {
    const v = table[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'boolean') this.fail([...path, key], `\`${[...path, key].join('.')}\` must be true or false`, 'Write true or false without quotes.');
    return v;
  }

  ifMissing(table: TomlTable, path: readonly string[]): IfMissing | undefined {
    const v = this.str(table, 'if_missing', path);
    if (v !== undefined && !IF_MISSING_VALUES.includes(v)) {
      this.fail([...path, 'if_missing'], `\`${[...path, 'if_missing'].join('.')}\` must be "error", "warn" or "ignore"`, 'Use if_missing = "error", "warn" or "ignore".');
    }
    return v as IfMissing | undefined;
  }

  env(table: TomlTable, path: readonly string[]): EnvMode | undefined {
    const v = table.env;
    if (v === undefined || v === true || v === false || v === 'exec') return v;
    return this.fail([...path, 'env'], `\`${[...path, 'env'].join('.')}\` must be true, false or "exec"`, 'Use env = true, env = false or env = "exec".');
  }

  /** Check one scalar key of `table` by its kind in {@link CONFIG_KEYS}. */
  scalar(row: ConfigKey, table: TomlTable, path: readonly string[]): unknown {
    switch (row.kind) {
      case 'string':
        return this.str(table, row.key, path);
      case 'boolean':
        return this.bool(table, row.key, path);
      case 'if-missing':
        return this.ifMissing(table, path);
      case 'env-mode':
        return this.env(table, path);
      case 'path-list': {
        const v = table[row.key];
        if (v !== undefined && (!Array.isArray(v) || v.some((entry) => typeof entry !== 'string'))) {
          this.fail([...path, row.key], `\`${row.key}\` must be a list of file paths`, `Write ${row.key} = ["other.toml"].`);
        }
        return v;
      }
      default:
        throw new Error(`not a scalar kind: ${row.kind}`);
    }
  }

  tableAt(v: unknown, path: readonly string[], what: string, hint: string): TomlTable {
    if (!isTable(v)) this.fail(path, `\`${path.join('.')}\` must be a table (${what})`, hint);
    return v;
  }

  // An empty secret or provider name (`"" = {...}`, `[providers.""]`) is accepted, as upstream
  // accepts it (its own `set` can write one); commands that need a name refuse it where used.
  secret(raw: unknown, path: readonly string[]): SecretConfig {
    const name = path[path.length - 1]!;
    if (!isTable(raw)) {
      this.fail(path, `secret '${name}' must be a table, not a ${Array.isArray(raw) ? 'list' : typeof raw}`, `Write it as ${name} = { provider = "...", value = "..." } or ${name} = { default = "..." }.`);
    }
    this.keys(raw, path, SECRET_KEYS, `in secret '${name}'`);
    const out: Record<string, unknown> = {};
    for (const row of SECRET_SCALARS) {
      const v = this.scalar(row, raw, path);
      if (v !== undefined) out[row.key] = v;
    }
    if (raw.line !== undefined) {
      const line = raw.line;
      if (typeof line !== 'number' || !Number.isInteger(line) || line < 1) {
        this.fail([...path, 'line'], `\`${[...path, 'line'].join('.')}\` must be a 1-indexed line number (an integer ≥ 1)`, 'Use line = 1 for the first line of the value.');
      }
      out.line = line;
    }
    if (raw.sync !== undefined) {
      const sync = this.tableAt(raw.sync, [...path, 'sync'], 'sync = { provider = "...", value = "..." }', 'Write sync = { provider = "NAME", value = "..." }.');
      const provider = this.str(sync, 'provider', [...path, 'sync']);
      const value = this.str(sync, 'value', [...path, 'sync']);
      if (provider === undefined || value === undefined) {
        this.fail([...path, 'sync'], `\`${[...path, 'sync'].join('.')}\` needs both provider and value`, 'Write sync = { provider = "NAME", value = "..." }.');
      }
      out.sync = { ...sync, provider, value };
    }
    return out as SecretConfig;
  }

  provider(raw: unknown, path: readonly string[]): ProviderConfig {
    const name = path[path.length - 1]!;
    const table = this.tableAt(raw, path, 'a provider', `Write it as [providers.${name}] with type = "...".`);
    if (table.type === undefined) this.fail(path, `provider '${name}' has no \`type\``, `Add type = "age", "aws-kms", "aws-sm" or "plain" to [providers.${name}].`, 'key');
    this.str(table, 'type', path);
    this.str(table, 'auth_command', path);
    this.bool(table, 'daemon_cache', path);
    return { ...table } as ProviderConfig;
  }

  named<T>(raw: unknown, path: readonly string[], what: string, each: (v: unknown, p: readonly string[]) => T): Map<string, T> {
    const out = new Map<string, T>();
    if (raw === undefined) return out;
    const table = this.tableAt(raw, path, what, `Write [${path.join('.')}.NAME] tables.`);
    for (const [key, value] of Object.entries(table)) out.set(key, each(value, [...path, key]));
    return out;
  }

  lease = (raw: unknown, path: readonly string[]): Record<string, unknown> => {
    const table = this.tableAt(raw, path, 'a lease backend', 'Write [leases.NAME] with type = "...".');
    this.str(table, 'type', path);
    return { ...table };
  };

  strict(raw: unknown, path: readonly string[], allowed: readonly string[]): Record<string, unknown> | undefined {
    if (raw === undefined) return undefined;
    const table = this.tableAt(raw, path, path.join('.'), `Write [${path.join('.')}] as a table.`);
    this.keys(table, path, allowed, `in [${path.join('.')}]`);
    return { ...table };
  }

  profile(raw: unknown, path: readonly string[]): FileProfile {
    const name = path[path.length - 1]!;
    this.name(path, 'profile');
    const table = this.tableAt(raw, path, 'a profile', `Write [profiles.${name}.secrets] / [profiles.${name}.providers].`);
    this.keys(table, path, PROFILE_KEYS, `in [profiles.${name}]`);
    const defaultProvider = this.str(table, 'default_provider', path);
    return {
      providers: this.named(table.providers, [...path, 'providers'], 'providers', (v, p) => this.provider(v, p)),
      secrets: this.named(table.secrets, [...path, 'secrets'], 'secrets', (v, p) => this.secret(v, p)),
      leases: this.named(table.leases, [...path, 'leases'], 'leases', this.lease),
      ...(defaultProvider !== undefined ? { defaultProvider } : {}),
    };
  }

  document(doc: TomlTable): FileConfig {
    this.keys(doc, [], TOP_LEVEL_KEYS, 'at the top level');
    const out: Record<string, unknown> = {
      file: this.file,
      imports: [],
      providers: this.named(doc.providers, ['providers'], 'providers', (v, p) => this.provider(v, p)),
      secrets: this.named(doc.secrets, ['secrets'], 'secrets', (v, p) => this.secret(v, p)),
      profiles: this.named(doc.profiles, ['profiles'], 'profiles', (v, p) => this.profile(v, p)),
      leases: this.named(doc.leases, ['leases'], 'leases', this.lease),
    };
    for (const row of ROOT_FIELDS) {
      const v = row.kind === 'strict-table' ? this.strict(doc[row.key], [row.key], row.fields ?? []) : this.scalar(row, doc, []);
      if (v !== undefined) out[row.field!] = v;
    }
    const rules = (out.proxy as Record<string, unknown> | undefined)?.rules;
    if (rules !== undefined) {
      if (!Array.isArray(rules)) this.fail(['proxy', 'rules'], '`proxy.rules` must be a list of tables', 'Use [[proxy.rules]] tables.');
      rules.forEach((rule, i) => this.strict(rule, ['proxy', 'rules', String(i)], PROXY_RULE_KEYS));
    }
    return out as unknown as FileConfig;
  }
}

/** Validate a parsed document read from `file` (whose source is `text`, for error positions). */
export function validateFile(doc: TomlTable, text: string, file: string): FileConfig {
  return new FileValidator(text, file).document(doc);
}
