/**
 * Parsing `fnox import` input (docs/cli-reference.md, `import`): dotenv lines, or a top-level mapping of JSON, YAML or
 * TOML. Result: ordered name → value pairs (strings as-is; null/bool/number as their JSON text).
 * Parse errors name the location but never echo the input: an import file is full of secrets.
 */
import { parseToml } from '../../config/toml-read.js';
import type { Logger } from '../../session.js';
import { importParseFailure, lineColumn, mappingValues } from './import-mapping.js';
import { parseYamlMapping } from './import-yaml.js';

/** Input formats of `fnox import`. */
export const IMPORT_FORMATS = ['env', 'json', 'yaml', 'toml'] as const;
/** One of {@link IMPORT_FORMATS}. */
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

const UNESCAPE: Record<string, string> = { '\\': '\\', '"': '"', n: '\n', r: '\r', t: '\t' };

/** A `"..."` dotenv value: `\\ \" \n \r \t` unescaped, any other escape kept verbatim. */
function unescapeDouble(inner: string): string {
  return inner.replace(/\\(.)/gs, (whole, c: string) => UNESCAPE[c] ?? whole);
}

/** Parse dotenv text: `KEY=value`, optional `export `, quotes, `#` comment lines. */
export function parseDotenv(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('export ')) line = line.slice('export '.length);
    const eq = line.indexOf('=');
    if (eq < 0) continue;
    const key = line.slice(0, eq).trim();
    let value = line.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = unescapeDouble(value.slice(1, -1));
    else if (value.length >= 2 && value.startsWith("'") && value.endsWith("'")) value = value.slice(1, -1);
    if (key !== '') out.set(key, value);
  }
  return out;
}

function parseJson(text: string, source: string, log: Logger): Map<string, string> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : 'invalid JSON';
    const position = /at position (\d+)/.exec(message);
    // The engine's message may quote input text; keep only its first words, never the input.
    const reason =
      /^(Unexpected (?:end of JSON input|token|non-whitespace character)|Expected [^,]*?(?= in JSON| after|$)|Bad control character|Unterminated string|Bad escaped character)/.exec(
        message,
      )?.[0] ?? 'invalid JSON';
    throw importParseFailure('JSON', source, reason, position ? lineColumn(text, Number(position[1])) : undefined);
  }
  return mappingValues(doc, 'JSON', source, log);
}

function parseTomlInput(text: string, source: string, log: Logger): Map<string, string> {
  let doc: unknown;
  try {
    doc = parseToml(text, source);
  } catch (error) {
    const message = error instanceof Error ? error.message : 'invalid TOML';
    const located = /^.*:(\d+):(\d+): invalid TOML: (.*)$/.exec(message);
    if (located) throw importParseFailure('TOML', source, located[3]!, { line: Number(located[1]), col: Number(located[2]) });
    throw importParseFailure('TOML', source, 'invalid TOML');
  }
  return mappingValues(doc, 'TOML', source, log);
}

/** Parse `text` in `format`; `source` names the input in errors (a path or `<stdin>`). */
export async function parseImportInput(text: string, format: ImportFormat, source: string, log: Logger): Promise<Map<string, string>> {
  switch (format) {
    case 'env':
      return parseDotenv(text);
    case 'json':
      return parseJson(text, source, log);
    case 'toml':
      return parseTomlInput(text, source, log);
    case 'yaml':
      return parseYamlMapping(text, source, log);
  }
}
