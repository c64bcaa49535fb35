/**
 * What every structured `fnox import` format shares (docs/cli-reference.md, `import`): a top-level
 * mapping becomes ordered name → string pairs (strings as-is; null/bool/number as their JSON text;
 * nested values skipped with a warning), and a parse error names the location but never echoes the
 * input, because an import file is full of secrets.
 */
import { FnoxError } from '../../errors.js';
import type { Logger } from '../../session.js';

/** 1-based line and column of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, col: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

/** The `import_parse_failed` error: `at SOURCE:LINE:COL` when the location is known. */
export function importParseFailure(format: string, source: string, reason: string, at?: { line: number; col?: number }): FnoxError {
  const where = at ? ` at ${source}:${at.line}${at.col === undefined ? '' : `:${at.col}`}` : ` in ${source}`;
  return new FnoxError('import_parse_failed', `Failed to parse ${format} input${where}: ${reason}`, {
    hint: `Check that the input is valid ${format} with a mapping (name → value) at the top level.`,
  });
}

/** Turn a parsed top-level mapping into name → string, warning about (and skipping) nested values. */
export function mappingValues(doc: unknown, format: string, source: string, log: Logger): Map<string, string> {
  if (doc === null || doc === undefined) return new Map();
  if (typeof doc !== 'object' || Array.isArray(doc)) throw importParseFailure(format, source, 'the top level must be a mapping of names to values');
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(doc as Record<string, unknown>)) {
    if (typeof value === 'string') out.set(key, value);
    else if (value === null || typeof value === 'boolean' || typeof value === 'number') out.set(key, JSON.stringify(value));
    else if (typeof value === 'bigint') out.set(key, value.toString());
    else if (value instanceof Date) out.set(key, value.toISOString());
    else log.warn(`WARN Skipping non-string value for key '${key}'`);
  }
  return out;
}
