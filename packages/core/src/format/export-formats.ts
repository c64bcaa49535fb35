/** The text of `fnox export` in each format (docs/cli-reference.md, `export`). */
import { posixQuote } from './shell-quote.js';
import { toToml } from './toml-out.js';
import { toYaml } from './yaml.js';

/** `export -f` values. There is no `dotenv`: `env` is the dotenv form. */
export const EXPORT_FORMATS = ['env', 'shell', 'json', 'yaml', 'toml'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What is exported: values in config order plus metadata. */
export interface ExportData {
  /** KEY → value (or the temp-file path of an `as_file` secret); keys with no value are absent. */
  readonly secrets: ReadonlyArray<readonly [string, string]>;
  /** Display form of the profile stack, e.g. `default` or `aws,prod`. */
  readonly profile: string;
  /** RFC 3339 UTC timestamp, see {@link rfc3339}. */
  readonly exportedAt: string;
}

/** `2024-05-01T12:00:00.123+00:00` (fraction omitted when zero), as chrono's `to_rfc3339()` prints UTC. */
export function rfc3339(date: Date): string {
  const iso = date.toISOString(); // 2024-05-01T12:00:00.123Z
  const ms = date.getUTCMilliseconds();
  return `${iso.slice(0, 19)}${ms === 0 ? '' : iso.slice(19, 23)}+00:00`;
}

/** dotenv quoting: bare if non-empty and only `[A-Za-z0-9_./:-]`, else `"…"` with `\\ \" \n \r \t` escaped. */
export function dotenvQuote(value: string): string {
  if (value !== '' && /^[A-Za-z0-9_./:-]+$/.test(value)) return value;
  const escaped = value.replace(/[\\"\n\r\t]/g, (c) => ({ '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c] as string);
  return `"${escaped}"`;
}

function header(data: ExportData): string {
  return `# Exported from profile: ${data.profile}\n# Exported at: ${data.exportedAt}\n# Total secrets: ${data.secrets.length}\n\n`;
}

function structured(data: ExportData): [string, [string, string | number][]][] {
  return [
    ['secrets', data.secrets.map(([k, v]) => [k, v])],
    [
      'metadata',
      [
        ['profile', data.profile],
        ['exported_at', data.exportedAt],
        ['total_secrets', data.secrets.length],
      ],
    ],
  ];
}

/** serde_json's pretty form, written by hand so key order is config order even for numeric-looking keys. */
function toJson(data: ExportData): string {
  const q = (s: string) => JSON.stringify(s);
  const secrets =
    data.secrets.length === 0 ? '{}' : `{\n${data.secrets.map(([k, v]) => `    ${q(k)}: ${q(v)}`).join(',\n')}\n  }`;
  const metadata = `{\n    "profile": ${q(data.profile)},\n    "exported_at": ${q(data.exportedAt)},\n    "total_secrets": ${data.secrets.length}\n  }`;
  return `{\n  "secrets": ${secrets},\n  "metadata": ${metadata}\n}`;
}

/** Render `data` as `format`. `header` adds the comment block to `env`/`shell` only. */
export function formatExport(data: ExportData, format: ExportFormat, options: { header?: boolean } = {}): string {
  switch (format) {
    case 'env':
      return (options.header ? header(data) : '') + data.secrets.map(([k, v]) => `${k}=${dotenvQuote(v)}\n`).join('');
    case 'shell':
      return (options.header ? header(data) : '') + data.secrets.map(([k, v]) => `export ${k}=${posixQuote(v)}\n`).join('');
    case 'json':
      return toJson(data);
    case 'yaml':
      return toYaml(structured(data));
    case 'toml':
      return toToml(structured(data));
  }
}
