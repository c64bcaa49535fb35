/**
 * Every key fnox.toml may hold, once: what it is, how files layer it, what it means and where it
 * may appear. The validator (allowed keys and scalar checks), the layering of files, the JSON
 * Schema (`fnox schema`) and the key reference in docs/configuration.md are all derived from this
 * table. A new top-level scalar is one row here, plus the behaviour that reads it. Pure data: it
 * is part of the fast path's config loading.
 */

/** Where a key may appear: the top level, `[profiles.NAME]`, a secret, or every provider table. */
export type KeyScope = 'root' | 'profile' | 'secret' | 'provider';

/**
 * The value a key takes. Scalars (`string`, `boolean`, `path-list`, `if-missing`, `env-mode`) are
 * checked and layered generically; the others have their own code (named tables, `line`, `sync`,
 * strict tables listing their `fields`).
 */
export type KeyKind = 'string' | 'boolean' | 'path-list' | 'if-missing' | 'env-mode' | 'line' | 'sync' | 'named-tables' | 'strict-table' | 'kept-table';

/**
 * How a nearer file's value combines with a farther one's (docs/configuration.md, Merge rules).
 * `nearest`: the nearest file that sets it wins. `any`: true if any file sets it. `union`: lists
 * joined, duplicates dropped. `entries`: named entries replaced whole, keeping their first
 * position. `fields`: a table merged field by field. `whole`: a table replaced whole. `none`:
 * not layered on its own (part of a secret or provider entry).
 */
export type MergeRule = 'nearest' | 'any' | 'union' | 'entries' | 'fields' | 'whole' | 'none';

/** A text that may differ by scope (`providers` at the top level vs in a profile). */
export type ScopedText = string | Partial<Record<KeyScope, string>>;

/** One key of fnox.toml. */
export interface ConfigKey {
  readonly key: string;
  readonly kind: KeyKind;
  readonly merge: MergeRule;
  readonly where: readonly KeyScope[];
  /** One line for editors (the JSON Schema `description`). */
  readonly summary?: ScopedText;
  /** The type column and the meaning column of the docs' key reference (Markdown). */
  readonly docType: string;
  readonly doc: ScopedText;
  /** The camelCase property of the validated file and the merged config, for top-level scalars. */
  readonly field?: string;
  /** Kept with the file it came from (`{ name, source }` in the merged config). */
  readonly sourced?: boolean;
  /** For `strict-table`: the keys the table allows. */
  readonly fields?: readonly string[];
  /** A JSON Schema fragment, when the kind alone does not say enough. */
  readonly schema?: Readonly<Record<string, unknown>>;
}

const LATER = 'Features of the original fnox that this version parses and preserves but does not act on.';

/**
 * The table. Its order is the order keys are written and listed in each scope (a secret's fields
 * in the order Rust writes them).
 */
export const CONFIG_KEYS: readonly ConfigKey[] = [
  {
    key: 'import',
    kind: 'path-list',
    merge: 'union',
    where: ['root'],
    field: 'imports',
    summary: 'Other config files merged under this one, relative to this file.',
    docType: 'list of paths',
    doc: "Other config files merged *under* this one. Relative to this file's directory; `~` is expanded. Imports are not followed recursively, and when two imports define the same name the **first** listed wins. A missing file is an error.",
  },
  {
    key: 'root',
    kind: 'boolean',
    merge: 'any',
    where: ['root'],
    field: 'root',
    summary: 'Stop looking for config files in parent directories here.',
    docType: 'bool',
    doc: 'Stop looking in parent directories after this one (the global config still loads). Must come before the first `[table]` of the file, like every top-level key.',
  },
  {
    key: 'provider',
    kind: 'string',
    merge: 'none',
    where: ['secret'],
    summary: 'Provider name (a key of [providers]); default: default_provider, or the only provider.',
    docType: 'string',
    doc: 'Name of the provider that holds the value.',
  },
  {
    key: 'value',
    kind: 'string',
    merge: 'none',
    where: ['secret'],
    summary: 'Input for the provider: ciphertext (encrypting providers) or a remote name. Never the value itself.',
    docType: 'string',
    doc: 'What that provider needs: ciphertext (age, aws-kms), a remote name (aws-sm), the value itself (plain). Written by `fnox set`.',
  },
  {
    key: 'json_path',
    kind: 'string',
    merge: 'none',
    where: ['secret'],
    summary: 'Parse the resolved value as JSON and take this dotted path.',
    docType: 'string',
    doc: 'Parse the value as JSON and take a member: `"pool.max"`; `\\.` for a literal dot; objects only, no array indexes. Strings come out as-is, other values as compact JSON.',
    schema: { type: 'string', minLength: 1 },
  },
  {
    key: 'line',
    kind: 'line',
    merge: 'none',
    where: ['secret'],
    summary: 'Take this line (1 = first) of the resolved value.',
    docType: 'integer ≥ 1',
    doc: 'Take the Nth line of the value. Cannot be combined with `json_path`.',
    schema: { type: 'integer', minimum: 1 },
  },
  {
    key: 'description',
    kind: 'string',
    merge: 'none',
    where: ['secret'],
    summary: 'Free text, shown by fnox list.',
    docType: 'string',
    doc: 'Shown by `fnox list`.',
  },
  {
    key: 'default',
    kind: 'string',
    merge: 'none',
    where: ['secret'],
    summary: 'Fallback value; may reference other secrets as ${NAME}.',
    docType: 'string',
    doc: 'Fallback used when there is no provider value. May reference other secrets as `${NAME}`. Stored in plaintext.',
  },
  {
    key: 'default_provider',
    kind: 'string',
    merge: 'nearest',
    where: ['root', 'profile'],
    field: 'defaultProvider',
    sourced: true,
    summary: { root: 'Provider used by secrets that name none.', profile: 'Default provider while this profile is active.' },
    docType: 'string',
    doc: 'Provider used by secrets that have a `value` but no `provider`. Without it, a config with exactly one provider uses that one.',
  },
  {
    key: 'if_missing',
    kind: 'if-missing',
    merge: 'nearest',
    where: ['root', 'secret'],
    field: 'ifMissing',
    docType: '`"error"`, `"warn"`, `"ignore"`',
    doc: { root: 'What happens when a secret resolves to nothing (see [below](#if_missing)).', secret: "This secret's policy when it resolves to nothing." },
  },
  {
    key: 'env',
    kind: 'env-mode',
    merge: 'nearest',
    where: ['root', 'secret'],
    field: 'env',
    docType: '`true`, `false`, `"exec"`',
    doc: {
      root: 'Default injection mode of secrets that do not set `env`.',
      secret: 'Where it is injected (see [below](#env)). Default: the top-level `env`, else `true`.',
    },
  },
  {
    key: 'as_file',
    kind: 'boolean',
    merge: 'none',
    where: ['secret'],
    summary: 'Inject the path of a 0600 temp file holding the value instead of the value.',
    docType: 'bool',
    doc: 'Inject the path of a temporary file (mode 0600) holding the value, instead of the value.',
  },
  {
    key: 'sync',
    kind: 'sync',
    merge: 'none',
    where: ['secret'],
    summary: 'Local encrypted cache written by fnox sync; used instead of provider/value when present.',
    docType: '`{ provider, value }`',
    doc: 'A local encrypted copy written by `fnox sync`; when present, reads use it instead of `provider`/`value`.',
    schema: { required: ['provider', 'value'], properties: { provider: { type: 'string' }, value: { type: 'string' } } },
  },
  {
    key: 'type',
    kind: 'string',
    merge: 'none',
    where: ['provider'],
    docType: 'string',
    doc: 'The provider type: the package that handles the table (`fnox providers` lists the installed ones).',
  },
  {
    key: 'auth_command',
    kind: 'string',
    merge: 'none',
    where: ['provider'],
    summary: 'Command offered after an authentication failure; "" disables the prompt.',
    docType: 'string',
    doc: 'The command offered after an authentication failure, replacing the type\'s default such as `aws sso login`; `""` turns the offer off for this provider.',
  },
  {
    key: 'daemon_cache',
    kind: 'boolean',
    merge: 'none',
    where: ['secret', 'provider'],
    summary: { secret: 'Opt this secret out of daemon caching.', provider: "Opt this provider's secrets out of daemon caching." },
    docType: 'bool',
    doc: 'Parsed and preserved; unused.',
  },
  {
    key: 'providers',
    kind: 'named-tables',
    merge: 'entries',
    where: ['root', 'profile'],
    summary: { root: 'Named providers; secrets refer to them by name.', profile: 'Providers added or overridden in this profile.' },
    docType: 'tables',
    doc: '`[providers.NAME]`, see [Providers](#providers).',
    schema: { $ref: 'provider' },
  },
  {
    key: 'secrets',
    kind: 'named-tables',
    merge: 'entries',
    where: ['root', 'profile'],
    summary: { root: 'Secrets of the default profile, by environment variable name.', profile: 'Secrets added or overridden in this profile.' },
    docType: 'tables',
    doc: '`[secrets]` entries, see [Secrets](#secrets).',
    schema: { $ref: 'secret' },
  },
  {
    key: 'profiles',
    kind: 'named-tables',
    merge: 'entries',
    where: ['root'],
    summary: 'Profile overlays by name.',
    docType: 'tables',
    doc: '`[profiles.NAME]`, see [Profiles](profiles.md).',
    schema: { $ref: 'profile' },
  },
  {
    key: 'age_key_file',
    kind: 'string',
    merge: 'nearest',
    where: ['root'],
    field: 'ageKeyFile',
    summary: 'Accepted for compatibility; not used for decryption (use FNOX_AGE_KEY_FILE or key_file).',
    docType: 'path',
    doc: "Accepted for compatibility and ignored (as in the original). Use the age provider's `key_file`.",
  },
  {
    key: 'prompt_auth',
    kind: 'boolean',
    merge: 'nearest',
    where: ['root'],
    field: 'promptAuth',
    summary: "Offer to run a provider's auth command after an authentication failure.",
    docType: 'bool',
    doc: 'After a provider fails to authenticate, offer to run its auth command (e.g. `aws sso login`) and retry (default `true`; see [Authentication prompt](#authentication-prompt)). `FNOX_PROMPT_AUTH` overrides it.',
  },
  {
    key: 'leases',
    kind: 'named-tables',
    merge: 'entries',
    where: ['root', 'profile'],
    summary: 'Credential lease backends (not used by this fnox yet; kept as written).',
    docType: 'tables',
    doc: LATER,
    schema: { $ref: 'lease' },
  },
  {
    key: 'mcp',
    kind: 'strict-table',
    merge: 'fields',
    where: ['root'],
    field: 'mcp',
    fields: ['tools', 'exec_timeout_secs', 'redact_output', 'secrets'],
    summary: 'MCP server settings (not used by this fnox yet; kept as written).',
    docType: 'table',
    doc: LATER,
    schema: {
      properties: {
        tools: { type: 'array', items: { enum: ['get_secret', 'exec'] } },
        exec_timeout_secs: { type: 'integer', minimum: 1 },
        redact_output: { type: 'boolean' },
        secrets: { type: 'array', items: { type: 'string' } },
      },
    },
  },
  {
    key: 'daemon',
    kind: 'strict-table',
    merge: 'fields',
    where: ['root'],
    field: 'daemon',
    fields: ['enabled', 'idle_timeout'],
    summary: 'Per-user cache daemon (not used by this fnox yet; kept as written).',
    docType: 'table',
    doc: LATER,
    schema: { properties: { enabled: { type: 'boolean' }, idle_timeout: { type: 'string' } } },
  },
  {
    key: 'proxy',
    kind: 'strict-table',
    merge: 'whole',
    where: ['root'],
    field: 'proxy',
    fields: ['egress', 'audit', 'rules'],
    summary: 'Credential proxy (not used by this fnox yet; kept as written).',
    docType: 'table',
    doc: LATER,
    schema: {
      properties: {
        egress: { enum: ['strict', 'permissive'] },
        audit: { type: 'boolean' },
        rules: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['secret', 'domain'],
            properties: {
              secret: { type: 'string' },
              domain: { type: 'string' },
              env: { type: 'string' },
              header: { type: 'string' },
              methods: { type: 'array', items: { type: 'string' } },
              paths: { type: 'array', items: { type: 'string' } },
              placeholder: { type: 'string' },
            },
          },
        },
      },
    },
  },
];

/** The rows allowed in `scope`, in table order. */
export function keysIn(scope: KeyScope): readonly ConfigKey[] {
  return CONFIG_KEYS.filter((row) => row.where.includes(scope));
}

/** The text of `scope` (a scoped text without that scope falls back to its first entry). */
export function scopedText(text: ScopedText | undefined, scope: KeyScope): string | undefined {
  if (text === undefined || typeof text === 'string') return text;
  return text[scope] ?? Object.values(text)[0];
}

/** Top-level keys with a generic check and merge: scalars and strict tables (`field` set). */
export const ROOT_FIELDS: readonly ConfigKey[] = keysIn('root').filter((row) => row.field !== undefined);
