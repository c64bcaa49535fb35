/**
 * Format-preserving edits of secret entries, producing what upstream fnox (toml_edit) writes
 * (docs/configuration.md): new or rewritten inline entries as `KEY= { provider = ..., value = ... }`, table-style
 * entries edited field by field, new entries appended to the target table (created if missing).
 *
 * toml-edit-js does the structural work (where a key goes, which tables get created), but it
 * decorates values differently from upstream (it copies neighbours' spacing and trailing comments),
 * and it panics when adding a value to a table that only holds sub-tables. So each value is first
 * written as a unique placeholder string, and the placeholder's line is then rewritten to upstream's
 * exact shape; the one panicking layout is handled by a direct text insertion. Every result is
 * re-parsed and compared with the intended document before anyone writes it.
 */
import { randomBytes } from 'node:crypto';
import { FnoxError } from '../errors.js';
import { keepLineEnds } from './line-ends.js';
import { locateKeys, pathId, type LocationIndex } from './locate.js';
import { SECRET_KEYS } from './schema.js';
import { editToml, tomlKeyRepr, tomlValueRepr } from './toml-edit.js';
import { parseToml, type TomlTable } from './toml-read.js';
import type { SecretConfig } from './types.js';

/** A secret's fields in the order Rust writes them, unset ones dropped. */
export function orderedSecretFields(entry: SecretConfig): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const source = entry as Record<string, unknown>;
  for (const key of SECRET_KEYS) {
    const value = source[key];
    if (value === undefined || (key === 'as_file' && value === false)) continue;
    out[key] = key === 'sync' ? { provider: (value as { provider: string }).provider, value: (value as { value: string }).value } : value;
  }
  return out;
}

export const isTable = (v: unknown): v is TomlTable => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);

export function at(doc: TomlTable, path: readonly string[]): unknown {
  let node: unknown = doc;
  for (const segment of path) node = isTable(node) ? node[segment] : undefined;
  return node;
}

/** Character offset of a 1-based line/col. */
function offsetOf(text: string, line: number, col: number): number {
  let offset = 0;
  for (let n = 1; n < line; n++) offset = text.indexOf('\n', offset) + 1;
  return offset + col - 1;
}

/** How an entry is written: `[a.b]` header table, `k = { ... }` inline table, or dotted `k.x = ...` keys. */
function styleOf(text: string, index: LocationIndex, path: readonly string[]): 'header' | 'inline' | 'dotted' | 'value' {
  const loc = index.get(pathId(path));
  if (!loc) return 'header';
  if (text[offsetOf(text, loc.key.line, loc.key.col)] === '[') return 'header';
  if (loc.key.line === loc.value.line && loc.key.col === loc.value.col) return 'dotted';
  return text[offsetOf(text, loc.value.line, loc.value.col)] === '{' ? 'inline' : 'value';
}

/** Whether toml_edit sees key/values directly in the table at `path` (not only sub-tables). */
function hasDirectValues(text: string, index: LocationIndex, table: TomlTable, path: readonly string[]): boolean {
  return Object.keys(table).some((key) => styleOf(text, index, [...path, key]) !== 'header');
}

/** Length of a TOML key (bare or quoted) at the start of `line`. */
function keyLength(line: string): number {
  const q = line[0];
  if (q === '"' || q === "'") {
    for (let i = 1; i < line.length; i++) {
      if (q === '"' && line[i] === '\\') i++;
      else if (line[i] === q) return i + 1;
    }
    return line.length;
  }
  return /^[A-Za-z0-9_-]*/.exec(line)![0].length;
}

/**
 * Replace the line holding `"<placeholder>"`: `entry` mode writes `KEY= <repr>` (upstream's shape
 * for inline secrets), `field` mode keeps `key =` as it was and writes ` <repr>` after it. Either way
 * whatever followed the value (a copied trailing comment) goes, as toml_edit's fresh values have none.
 */
function replacePlaceholder(text: string, placeholder: string, repr: string, mode: 'entry' | 'field'): string {
  return replacePlaceholderLine(text, placeholder, repr, mode).text;
}

/**
 * {@link replacePlaceholder}, also giving where a following top-level line would start: the offset
 * after the rewritten line's newline (none when the line is indented or last).
 */
function replacePlaceholderLine(
  text: string,
  placeholder: string,
  repr: string,
  mode: 'entry' | 'field',
): { text: string; next?: AppendPoint } {
  const quoted = `"${placeholder}"`;
  const index = text.indexOf(quoted);
  if (index < 0 || text.indexOf(quoted, index + 1) >= 0) throw new FnoxError('internal', 'TOML edit placeholder not found exactly once');
  const start = text.lastIndexOf('\n', index) + 1;
  const newline = text.indexOf('\n', index);
  const end = newline < 0 ? text.length : text[newline - 1] === '\r' ? newline - 1 : newline;
  const line = text.slice(start, index);
  const indent = /^[ \t]*/.exec(line)![0];
  let head: string;
  if (mode === 'entry') {
    const key = line.slice(indent.length, indent.length + keyLength(line.slice(indent.length)));
    head = `${indent}${key}=`;
  } else {
    head = line.slice(0, line.lastIndexOf('=') + 1);
  }
  const out = `${text.slice(0, start)}${head} ${repr}${text.slice(end)}`;
  const lineEnd = start + head.length + 1 + repr.length;
  const eol = out.startsWith('\r\n', lineEnd) ? '\r\n' : out.startsWith('\n', lineEnd) ? '\n' : undefined;
  return { text: out, ...(eol && indent === '' ? { next: { offset: lineEnd + eol.length } } : {}) };
}

/** Upstream's placement for a value added to a table that has only sub-tables (see module comment). */
function insertIntoSubtableOnlyTable(text: string, index: LocationIndex, table: TomlTable, section: readonly string[], line: string): string {
  const header = section.map(tomlKeyRepr).join('.');
  const headerLoc = index.get(pathId(section));
  const lines = text.split('\n');
  if (headerLoc && text[offsetOf(text, headerLoc.key.line, headerLoc.key.col)] === '[') {
    // Explicit `[section]` header: the value goes right after the header line.
    lines.splice(headerLoc.key.line, 0, line);
    return lines.join('\n');
  }
  // Implicit table: toml_edit prints `[section]` with its values just before the first sub-table's leading comments.
  const firstChild = Math.min(...Object.keys(table).map((key) => index.get(pathId([...section, key]))?.key.line ?? Infinity));
  let insertAt = firstChild - 1;
  while (insertAt > 0 && /^\s*(#.*)?\r?$/.test(lines[insertAt - 1]!)) insertAt--;
  // toml_edit omits the blank line before the first thing it prints (root values count).
  const prefix = lines.slice(0, insertAt).some((l) => !/^\s*(#.*)?\r?$/.test(l)) ? '\n' : '';
  const block = `${prefix}[${header}]\n${line}`;
  lines.splice(insertAt, 0, ...block.split('\n'));
  return lines.join('\n');
}

export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isTable(value)) return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  return JSON.stringify(value instanceof Date ? value.toISOString() : value);
}

/**
 * Refuse to hand back text whose parsed form differs from the intended document. Text that does
 * not parse at all is the same failure: its parse error would point into fnox's candidate (which
 * holds the new value) as if the user's file were broken.
 */
export function verify(result: string, expected: TomlTable, file: string): string {
  let actual: TomlTable | undefined;
  try {
    actual = parseToml(result, file);
  } catch {
    actual = undefined;
  }
  if (actual === undefined || canonical(actual) !== canonical(expected)) {
    throw new FnoxError('config_write_failed', `Could not edit ${file}: the edited file did not match the intended change; nothing was written`, {
      hint: 'This is a bug in fnox; the file was left unchanged. Edit the file by hand and report the problem.',
    });
  }
  return result;
}

export function setIn(doc: TomlTable, path: readonly string[], value: unknown): void {
  let node = doc;
  for (const segment of path.slice(0, -1)) {
    if (!isTable(node[segment])) node[segment] = {};
    node = node[segment] as TomlTable;
  }
  if (value === undefined) delete node[path[path.length - 1]!];
  else node[path[path.length - 1]!] = value;
}

/** Where the next new entry of a table goes after a new inline entry was appended to it. */
export interface AppendPoint {
  readonly offset: number;
}

/** {@link setSecretInText} without its final check; `next` when `key` was appended as a new inline entry. */
export async function placeSecret(
  text: string,
  section: readonly string[],
  key: string,
  entry: SecretConfig,
  file: string,
): Promise<{ text: string; next?: AppendPoint }> {
  const doc = parseToml(text, file);
  const fields = orderedSecretFields(entry);
  const index = locateKeys(text);
  const path = [...section, key];
  const existing = at(doc, path);
  const placeholder = `__fnox_placeholder_${randomBytes(12).toString('hex')}__`;
  const style = existing === undefined ? 'new' : styleOf(text, index, path);

  if (style === 'header' || style === 'dotted') {
    let out = text;
    const current = existing as TomlTable;
    for (const field of SECRET_KEYS) {
      if (fields[field] === undefined) {
        if (current[field] !== undefined) out = await editToml(out, [...path, field], undefined, file);
        continue;
      }
      if (current[field] === undefined && !hasDirectValues(out, locateKeys(out), at(parseToml(out, file), path) as TomlTable, path)) {
        throw new FnoxError('config_write_failed', `Could not edit ${file}: [${path.join('.')}] holds only sub-tables; add the field by hand`);
      }
      out = await editToml(out, [...path, field], placeholder, file);
      out = replacePlaceholder(out, placeholder, await tomlValueRepr(fields[field]), 'field');
    }
    return { text: out };
  }

  const repr = await tomlValueRepr(fields);
  const table = at(doc, section);
  if (existing === undefined && isTable(table) && Object.keys(table).length > 0 && !hasDirectValues(text, index, table, section)) {
    return { text: keepLineEnds(text, insertIntoSubtableOnlyTable(text, index, table, section, `${tomlKeyRepr(key)}= ${repr}`)) };
  }
  const placed = replacePlaceholderLine(await editToml(text, path, placeholder, file), placeholder, repr, 'entry');
  return style === 'new' && placed.next ? placed : { text: placed.text };
}

/** Whether the table at `section` is written as a `[section]` header table in `text`. */
export function isHeaderTable(text: string, section: readonly string[]): boolean {
  return styleOf(text, locateKeys(text), section) === 'header';
}

/**
 * Write `entry` as secret `key` of the table at `section` (`['secrets']` or
 * `['profiles', P, 'secrets']`) in `text`, the way upstream does. `text` must be valid TOML.
 */
export async function setSecretInText(text: string, section: readonly string[], key: string, entry: SecretConfig, file: string): Promise<string> {
  const expected = parseToml(text, file);
  setIn(expected, [...section, key], structuredClone(orderedSecretFields(entry)));
  return verify((await placeSecret(text, section, key, entry, file)).text, expected, file);
}

/** Remove secret `key` from the table at `section`; returns undefined when it is not there. */
export async function removeSecretFromText(text: string, section: readonly string[], key: string, file: string): Promise<string | undefined> {
  const doc = parseToml(text, file);
  if (at(doc, [...section, key]) === undefined) return undefined;
  const expected = parseToml(text, file);
  setIn(expected, [...section, key], undefined);
  return verify(await editToml(text, [...section, key], undefined, file), expected, file);
}
