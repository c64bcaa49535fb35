/**
 * A small YAML emitter for `export -f yaml`: a mapping of mappings of strings/integers, with the
 * scalar-style choices of serde_yaml + libyaml (what upstream fnox prints): plain when safe,
 * single-quoted for values that would read back as null/bool/number or need quoting, double-quoted
 * for control characters, literal blocks for multi-line values.
 */

const NEEDS_TYPE_QUOTES = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?(?:0x[0-9a-fA-F_]+|0o[0-7_]+|0b[01_]+|[0-9][0-9_]*)|[-+]?(?:\.inf|\.Inf|\.INF)|\.nan|\.NaN|\.NAN|[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?)$/;

function isPrintable(cp: number): boolean {
  return (
    cp === 0x0a ||
    (cp >= 0x20 && cp <= 0x7e) ||
    cp === 0x85 ||
    (cp >= 0xa0 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

interface Analysis {
  readonly multiline: boolean;
  readonly blockPlain: boolean;
  readonly single: boolean;
  readonly block: boolean;
}

/** libyaml's analysis of what styles can carry a scalar (block context). */
function analyze(value: string): Analysis {
  if (value === '') return { multiline: false, blockPlain: true, single: true, block: false };
  const chars = [...value];
  let blockIndicators = value.startsWith('---') || value.startsWith('...');
  let special = false;
  let lineBreaks = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;
  let precededByWhitespace = true;
  const isBreak = (c: string | undefined) => c === '\n' || c === '\r' || c === '\u0085' || c === '\u2028' || c === '\u2029';
  const isBlank = (c: string | undefined) => c === undefined || c === ' ' || c === '\t' || isBreak(c);
  chars.forEach((c, i) => {
    const first = i === 0;
    const last = i === chars.length - 1;
    const followedByWhitespace = isBlank(chars[i + 1]);
    if (first) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) blockIndicators = true;
      if ((c === '?' || c === ':' || c === '-') && followedByWhitespace) blockIndicators = true;
    } else if ((c === ':' && followedByWhitespace) || (c === '#' && precededByWhitespace)) {
      blockIndicators = true;
    }
    if (!isPrintable(c.codePointAt(0) ?? 0)) special = true;
    if (isBreak(c)) lineBreaks = true;
    if (c === ' ') {
      if (first) leadingSpace = true;
      if (last) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(c)) {
      if (first) leadingBreak = true;
      if (last) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousBreak = true;
      previousSpace = false;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlank(c);
  });
  let blockPlain = true;
  let single = true;
  let block = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) blockPlain = false;
  if (trailingSpace) block = false;
  if (breakSpace) blockPlain = single = false;
  if (spaceBreak || special) blockPlain = single = block = false;
  if (lineBreaks) blockPlain = false;
  if (blockIndicators) blockPlain = false;
  return { multiline: lineBreaks, blockPlain, single, block };
}

function doubleQuoted(value: string): string {
  let out = '"';
  for (const c of value) {
    const cp = c.codePointAt(0) ?? 0;
    const named: Record<string, string> = { '\0': '\\0', '\x07': '\\a', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\v': '\\v', '\f': '\\f', '\r': '\\r', '\x1b': '\\e', '"': '\\"', '\\': '\\\\', '\u0085': '\\N', '\u00a0': '\\_', '\u2028': '\\L', '\u2029': '\\P' };
    if (named[c]) out += named[c];
    else if (isPrintable(cp) && cp !== 0xfeff) out += c;
    else if (cp <= 0xff) out += `\\x${cp.toString(16).toUpperCase().padStart(2, '0')}`;
    else if (cp <= 0xffff) out += `\\u${cp.toString(16).toUpperCase().padStart(4, '0')}`;
    else out += `\\U${cp.toString(16).toUpperCase().padStart(8, '0')}`;
  }
  return `${out}"`;
}

function literal(value: string, indent: number): string {
  const pad = ' '.repeat(indent);
  const chomp = value.endsWith('\n') ? (value.endsWith('\n\n') || value === '\n' ? '+' : '') : '-';
  const indicator = value.startsWith(' ') || value.startsWith('\n') ? String(2) : '';
  const body = value.endsWith('\n') ? value.slice(0, -1) : value;
  const lines = body.split('\n').map((line) => (line === '' ? '' : pad + line));
  return `|${indicator}${chomp}\n${lines.join('\n')}`;
}

/** One scalar; `key` for mapping keys (no block styles), `indent` for literal block content. */
export function yamlScalar(value: string, options: { key?: boolean; indent?: number } = {}): string {
  if (value === '' || NEEDS_TYPE_QUOTES.test(value)) return `'${value}'`;
  const a = analyze(value);
  if (value.includes('\n') && !options.key) {
    if (a.block) return literal(value, options.indent ?? 2);
    return doubleQuoted(value);
  }
  if (a.blockPlain && !a.multiline) return value;
  if (a.single && !(options.key && a.multiline)) return `'${value.replaceAll("'", "''")}'`;
  return doubleQuoted(value);
}

/** A YAML document of top-level keys each mapping to a flat map of strings or integers. */
export function toYaml(doc: ReadonlyArray<readonly [string, ReadonlyArray<readonly [string, string | number]>]>): string {
  let out = '';
  for (const [section, entries] of doc) {
    if (entries.length === 0) {
      out += `${yamlScalar(section, { key: true })}: {}\n`;
      continue;
    }
    out += `${yamlScalar(section, { key: true })}:\n`;
    for (const [key, value] of entries) {
      const rendered = typeof value === 'number' ? String(value) : yamlScalar(value, { indent: 4 });
      out += `  ${yamlScalar(key, { key: true })}: ${rendered}\n`;
    }
  }
  return out;
}
