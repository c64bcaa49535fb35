/**
 * Format-preserving edits of provider tables for `provider add/remove`. Rust rewrites the whole
 * file (losing comments); we keep every other byte. A new provider is written as a
 * `[providers.NAME]` header table (Rust's shape) right after the last table of the same section,
 * else at the end of the file; only if that cannot express the change (an inline `providers = {...}`)
 * does toml_edit place it inline. Every result is re-parsed and compared with the intended document.
 */
import { editToml, tomlKeyRepr, tomlValueRepr } from '../../config/toml-edit.js';
import { parseToml, type TomlTable } from '../../config/toml-read.js';
import { FnoxError } from '../../errors.js';

const isTable = (v: unknown): v is TomlTable => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (isTable(value)) return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  return typeof value === 'bigint' ? value.toString() : JSON.stringify(value);
}

/** The value at `path` of a parsed document. */
export function tomlAt(doc: unknown, path: readonly string[]): unknown {
  let node = doc;
  for (const segment of path) node = isTable(node) ? node[segment] : undefined;
  return node;
}

function withValue(doc: TomlTable, path: readonly string[], value: unknown): TomlTable {
  const copy = structuredClone(doc);
  let node = copy;
  for (const segment of path.slice(0, -1)) {
    if (!isTable(node[segment])) node[segment] = {};
    node = node[segment] as TomlTable;
  }
  if (value === undefined) delete node[path[path.length - 1]!];
  else node[path[path.length - 1]!] = value;
  return copy;
}

/** `doc` without tables left empty (an implicit `[providers]` vanishes with its last sub-table). */
function pruneEmpty(value: unknown): unknown {
  if (!isTable(value)) return value;
  const out: TomlTable = {};
  for (const [key, child] of Object.entries(value)) {
    const pruned = pruneEmpty(child);
    if (!(isTable(pruned) && Object.keys(pruned).length === 0)) out[key] = pruned as TomlTable[string];
  }
  return out;
}

function matches(text: string, expected: TomlTable, file: string, ignoreEmptyTables = false): boolean {
  try {
    const actual = parseToml(text, file);
    if (ignoreEmptyTables) return canonical(pruneEmpty(actual)) === canonical(pruneEmpty(expected));
    return canonical(actual) === canonical(expected);
  } catch {
    return false;
  }
}

/** The key path of a `[a."b c".d]` header line, or undefined for other lines (incl. `[[...]]`). */
function headerPath(line: string): string[] | undefined {
  const m = /^\s*\[(?!\[)(.*)\]\s*(#.*)?$/.exec(line);
  if (!m) return undefined;
  const parts: string[] = [];
  const re = /\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*(\.|$)/gy;
  let found: RegExpExecArray | null;
  let consumed = 0;
  while (consumed < m[1]!.length && (found = re.exec(m[1]!))) {
    parts.push(found[1] !== undefined ? JSON.parse(`"${found[1]}"`) : (found[2] ?? found[3]!));
    consumed = re.lastIndex;
  }
  return consumed === m[1]!.length ? parts : undefined;
}

/** Insert `block` after the last table of `section` (before the comments of the next header), or at the end. */
function placeBlock(text: string, section: readonly string[], block: string): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r?\n/);
  const within = (path: string[] | undefined) => path !== undefined && path.length >= section.length && section.every((s, i) => path[i] === s);
  let last = -1;
  lines.forEach((line, i) => {
    if (within(headerPath(line))) last = i;
  });
  let at = lines.length;
  if (last >= 0) {
    let next = last + 1;
    while (next < lines.length && headerPath(lines[next]!) === undefined && !/^\s*\[\[/.test(lines[next]!)) next++;
    at = next;
    while (at > last + 1 && /^\s*(#.*)?$/.test(lines[at - 1]!)) at--;
  }
  if (at === lines.length) {
    while (at > 0 && lines[at - 1] === '') at--;
    const head = lines.slice(0, at);
    return `${head.length > 0 ? `${head.join(eol)}${eol}${eol}` : ''}${block.split('\n').join(eol)}${eol}`;
  }
  const before = lines.slice(0, at);
  const after = lines.slice(at);
  return [...before, '', ...block.split('\n'), ...(after[0] === '' ? [] : ['']), ...after].join(eol);
}

/** Add provider `name` with `fields` to the table at `section` (`['providers']` or `['profiles', P, 'providers']`). */
export async function addProviderToText(text: string, section: readonly string[], name: string, fields: Readonly<Record<string, unknown>>, file: string): Promise<string> {
  const doc = text.trim() === '' ? {} : parseToml(text, file);
  const expected = withValue(doc, [...section, name], { ...fields });
  const header = `[${[...section, name].map(tomlKeyRepr).join('.')}]`;
  const body: string[] = [];
  for (const [key, value] of Object.entries(fields)) body.push(`${tomlKeyRepr(key)} = ${await tomlValueRepr(value)}`);
  const block = [header, ...body].join('\n');
  for (const candidate of [placeBlock(text, section, block), placeBlock(text, [], block)]) {
    if (matches(candidate, expected, file)) return candidate;
  }
  const inline = await editToml(text, [...section, name], { ...fields }, file);
  if (matches(inline, expected, file)) return inline;
  throw new FnoxError('config_write_failed', `Could not edit ${file}: adding provider '${name}' did not produce the intended document; nothing was written`, {
    hint: 'Add the provider table by hand.',
  });
}

/** Remove provider `name` from `section`; undefined when it is not there. */
export async function removeProviderFromText(text: string, section: readonly string[], name: string, file: string): Promise<string | undefined> {
  const doc = text.trim() === '' ? {} : parseToml(text, file);
  if (tomlAt(doc, [...section, name]) === undefined) return undefined;
  const expected = withValue(doc, [...section, name], undefined);
  let out = await editToml(text, [...section, name], undefined, file);
  // toml_edit keeps the blank line that separated the removed first table from the next one.
  if (!/^\r?\n/.test(text)) out = out.replace(/^(\r?\n)+/, '');
  // Removing the only `[providers.X]` table also drops the implicit `providers` table around it.
  if (!matches(out, expected, file, true)) {
    throw new FnoxError('config_write_failed', `Could not edit ${file}: removing provider '${name}' did not produce the intended document; nothing was written`);
  }
  return out;
}
