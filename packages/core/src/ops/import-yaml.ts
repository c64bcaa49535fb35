/**
 * A small YAML reader for `fnox import yaml`: just the subset a secrets file uses, a top-level
 * mapping of scalars. Supported: plain, 'single' and "double" quoted scalars, comments, a leading
 * `---`, and block scalars (`|`, `>`, with `-`/`+` chomping). Nested mappings and sequences are
 * skipped with a warning (as for JSON/TOML); anchors, aliases, tags, flow collections spanning
 * lines, multi-line plain or quoted scalars and multiple documents are refused with a clear error
 * rather than guessed at. No dependency: the lockfile is shared and this is all import needs.
 */
import { FnoxError } from '../errors.js';
import type { Logger } from '../session.js';
import { mappingValues } from './import-parse.js';

class YamlError extends Error {
  constructor(
    readonly reason: string,
    readonly line: number,
  ) {
    super(reason);
  }
}

const NESTED = Symbol('nested');

const indentOf = (line: string): number => /^ */.exec(line)![0].length;
const isBlank = (line: string): boolean => /^\s*(#.*)?$/.test(line);

/** A YAML 1.2 core-schema plain scalar: null, bool, int, float, else the string itself. */
function plainScalar(text: string, lineNo: number): unknown {
  if (/^[&*!]/.test(text)) throw new YamlError('anchors, aliases and tags are not supported', lineNo);
  if (/^[[{]/.test(text)) return NESTED;
  if (/^[|>]/.test(text)) throw new YamlError('unexpected block scalar indicator', lineNo);
  if (text === '' || text === '~' || /^(null|Null|NULL)$/.test(text)) return null;
  if (/^(true|True|TRUE)$/.test(text)) return true;
  if (/^(false|False|FALSE)$/.test(text)) return false;
  if (/^[-+]?[0-9]+$/.test(text)) {
    const n = Number(text);
    return Number.isSafeInteger(n) ? n : text;
  }
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(text)) return Number(text);
  return text;
}

/** Strip a ` #comment` from a plain scalar. */
function withoutComment(text: string): string {
  const at = text.search(/\s#/);
  return (at < 0 ? text : text.slice(0, at)).trim();
}

function doubleQuoted(body: string, lineNo: number): string {
  const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0', '"': '"', '\\': '\\', '/': '/', ' ': ' ', e: '\x1b', a: '\x07', b: '\b', f: '\f', v: '\v' };
  return body.replace(/\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)/g, (_, esc: string) => {
    if (/^[xuU]/.test(esc) && esc.length > 1) return String.fromCodePoint(Number.parseInt(esc.slice(1), 16));
    const out = escapes[esc];
    if (out === undefined) throw new YamlError(`unknown escape \\${esc[0] === undefined ? '' : '?'} in a double-quoted string`, lineNo);
    return out;
  });
}

/** A quoted scalar starting at `text[0]`; returns the value and whatever follows it. */
function quoted(text: string, lineNo: number): { value: string; rest: string } {
  const q = text[0]!;
  for (let i = 1; i < text.length; i++) {
    if (q === '"' && text[i] === '\\') {
      i++;
      continue;
    }
    if (text[i] !== q) continue;
    if (q === "'" && text[i + 1] === "'") {
      i++;
      continue;
    }
    const body = text.slice(1, i);
    return { value: q === '"' ? doubleQuoted(body, lineNo) : body.replaceAll("''", "'"), rest: text.slice(i + 1) };
  }
  throw new YamlError('quoted strings spanning several lines are not supported', lineNo);
}

/** A block scalar (`|` literal or `>` folded) whose content lines are `lines`. */
function blockScalar(header: string, lines: readonly string[], lineNo: number): string {
  const m = /^([|>])([-+]?)([1-9]?)([-+]?)$/.exec(header);
  if (!m) throw new YamlError(`unsupported block scalar header '${header.replace(/[^|>+\-0-9]/g, '?')}'`, lineNo);
  const chomp = m[2] || m[4];
  const explicit = m[3] ? Number(m[3]) : undefined;
  const firstContent = lines.find((l) => l.trim() !== '');
  const indent = explicit ?? (firstContent === undefined ? 0 : indentOf(firstContent));
  const body = lines.map((l) => (l.trim() === '' ? '' : l.slice(indent)));
  let text: string;
  if (m[1] === '|') {
    text = body.join('\n');
  } else {
    // Folding: a break between two text lines becomes a space; a blank line is a break (the
    // break before it is dropped); more-indented lines keep their breaks.
    text = '';
    let prev: 'start' | 'text' | 'blank' | 'more' = 'start';
    for (const line of body) {
      if (line === '') {
        text += '\n';
        prev = 'blank';
      } else if (/^\s/.test(line) || prev === 'more') {
        text += prev === 'start' || prev === 'blank' ? line : `\n${line}`;
        prev = /^\s/.test(line) ? 'more' : 'text';
      } else {
        text += prev === 'text' ? ` ${line}` : line;
        prev = 'text';
      }
    }
  }
  const trimmed = text.replace(/\n+$/, '');
  if (chomp === '-') return trimmed;
  if (chomp === '+') return `${text}\n`;
  return trimmed === '' ? '' : `${trimmed}\n`;
}

function parseKey(line: string, lineNo: number): { key: string; rest: string } {
  if (line[0] === '"' || line[0] === "'") {
    const { value, rest } = quoted(line, lineNo);
    const colon = /^\s*:(\s|$)/.exec(rest);
    if (!colon) throw new YamlError('expected ":" after a quoted key', lineNo);
    return { key: value, rest: rest.slice(colon[0].length) };
  }
  if (/^[?&*!]/.test(line)) throw new YamlError('complex keys, anchors, aliases and tags are not supported', lineNo);
  const colon = /:(\s|$)/.exec(line);
  if (!colon) throw new YamlError('expected "key: value"', lineNo);
  return { key: line.slice(0, colon.index).trim(), rest: line.slice(colon.index + colon[0].length) };
}

function parseDocument(text: string): Record<string, unknown> | null {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const doc: Record<string, unknown> = {};
  let sawKey = false;
  let i = 0;
  while (i < lines.length && isBlank(lines[i]!)) i++;
  if (i < lines.length && /^---(\s|$)/.test(lines[i]!)) {
    if (lines[i]!.slice(3).trim() !== '' && !lines[i]!.slice(3).trim().startsWith('#')) throw new YamlError('content after "---" is not supported', i + 1);
    i++;
  }
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    const lineNo = i + 1;
    if (isBlank(line)) continue;
    if (/^\.\.\.(\s|$)/.test(line)) {
      if (lines.slice(i + 1).some((l) => !isBlank(l))) throw new YamlError('multiple documents are not supported', lineNo);
      break;
    }
    if (/^---(\s|$)/.test(line)) throw new YamlError('multiple documents are not supported', lineNo);
    if (indentOf(line) > 0 || line.startsWith('\t')) throw new YamlError('unexpected indentation', lineNo);
    if (/^-(\s|$)/.test(line)) throw new YamlError('the top level must be a mapping of names to values, not a sequence', lineNo);
    if (/^%/.test(line)) throw new YamlError('directives are not supported', lineNo);
    const { key, rest } = parseKey(line, lineNo);
    sawKey = true;
    // Lines belonging to this entry: indented ones, plus a compact sequence ("- x" at column 0).
    let end = i + 1;
    while (end < lines.length && (lines[end]!.trim() === '' || indentOf(lines[end]!) > 0 || /^#/.test(lines[end]!))) end++;
    const trailingBlank = (to: number) => {
      let t = to;
      while (t > i + 1 && isBlank(lines[t - 1]!) && indentOf(lines[t - 1]!) === 0) t--;
      return t;
    };
    const value = rest.trim();
    if (/^[|>]/.test(value)) {
      // A block scalar ends at the first line back at column 0 (a comment there included).
      let stop = i + 1;
      while (stop < lines.length && (lines[stop]!.trim() === '' || indentOf(lines[stop]!) > 0)) stop++;
      doc[key] = blockScalar(withoutComment(value), lines.slice(i + 1, stop).map((l) => l.replace(/\s+$/, (s) => (l.trim() === '' ? '' : s))), lineNo);
      i = stop - 1;
      continue;
    }
    const childLines = lines.slice(i + 1, trailingBlank(end)).filter((l) => !isBlank(l));
    let parsed: unknown;
    if (value.startsWith('"') || value.startsWith("'")) {
      const q = quoted(value, lineNo);
      const after = q.rest.trim();
      if (after !== '' && !after.startsWith('#')) throw new YamlError('unexpected text after a quoted value', lineNo);
      parsed = q.value;
    } else {
      parsed = plainScalar(withoutComment(value), lineNo);
    }
    if (childLines.length > 0) {
      const first = childLines[0]!.trim();
      const nested = (parsed === null && (/^-(\s|$)/.test(first) || /^("[^"]*"|'[^']*'|[^\s#][^:#]*):(\s|$)/.test(first))) || parsed === NESTED;
      if (!nested) throw new YamlError('multi-line plain scalars are not supported; quote the value or use a block scalar (|)', i + 2);
      parsed = NESTED;
    } else {
      while (end < lines.length && /^-(\s|$)/.test(lines[end]!) && parsed === null) {
        parsed = NESTED;
        end++;
        while (end < lines.length && (lines[end]!.trim() === '' || indentOf(lines[end]!) > 0 || /^-(\s|$)/.test(lines[end]!))) end++;
      }
    }
    if (parsed === NESTED && typeof value === 'string' && /^[[{]/.test(value) && childLines.length > 0) {
      throw new YamlError('flow collections spanning several lines are not supported', lineNo);
    }
    doc[key] = parsed === NESTED ? { nested: true } : parsed;
    i = end - 1;
  }
  return sawKey ? doc : null;
}

/**
 * Parse the top-level mapping of a YAML document into name → value text (see module comment).
 * Errors give the line, never the content.
 */
export function parseYamlMapping(text: string, source: string, log: Logger): Map<string, string> {
  let doc: Record<string, unknown> | null;
  try {
    doc = parseDocument(text);
  } catch (error) {
    if (!(error instanceof YamlError)) throw error;
    throw new FnoxError('import_parse_failed', `Failed to parse YAML input at ${source}:${error.line}: ${error.reason}`, {
      hint: 'fnox reads a top-level mapping of names to scalar values; convert other YAML to JSON and use `fnox import json`.',
    });
  }
  return mappingValues(doc, 'YAML', source, log);
}
