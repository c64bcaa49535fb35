/**
 * A small TOML writer for `export -f toml`: tables of strings/integers, with toml_edit's string
 * style choices (what upstream fnox prints): basic strings with escapes, literal strings when the
 * value has a backslash and no control characters, triple-quoted forms for newlines.
 */

const BARE_KEY = /^[A-Za-z0-9_-]+$/;

function basic(value: string, multiline: boolean): string {
  let out = '';
  for (const c of value) {
    const cp = c.codePointAt(0) ?? 0;
    if (c === '\b') out += '\\b';
    else if (c === '\t') out += '\\t';
    else if (c === '\n') out += multiline ? '\n' : '\\n';
    else if (c === '\f') out += '\\f';
    else if (c === '\r') out += '\\r';
    else if (c === '"') out += '\\"';
    else if (c === '\\') out += '\\\\';
    else if (cp <= 0x1f || cp === 0x7f) out += `\\u${cp.toString(16).toUpperCase().padStart(4, '0')}`;
    else out += c;
  }
  return multiline ? `"""\n${out}"""` : `"${out}"`;
}

/** A TOML string literal for `value`, choosing the style as toml_edit does. */
export function tomlString(value: string): string {
  const multiline = value.includes('\n');
  let literalOk = value.includes('\\');
  let run = 0;
  let maxRun = 0;
  for (const c of value) {
    if (c === "'") {
      run++;
      maxRun = Math.max(maxRun, run);
    } else {
      run = 0;
    }
    const cp = c.codePointAt(0) ?? 0;
    if (c !== '\t' && c !== '\n' && cp <= 0x1f) literalOk = false;
  }
  if (maxRun >= 3 || value.endsWith("'")) literalOk = false;
  if (!literalOk) return basic(value, multiline);
  if (multiline) return `'''\n${value}'''`;
  return maxRun >= 1 ? `'''${value}'''` : `'${value}'`;
}

/** A key, bare when possible. */
export function tomlKey(key: string): string {
  return BARE_KEY.test(key) ? key : basic(key, false);
}

/** A document of `[section]` tables holding strings or integers, tables separated by a blank line. */
export function toToml(doc: ReadonlyArray<readonly [string, ReadonlyArray<readonly [string, string | number]>]>): string {
  return doc
    .map(([section, entries]) => {
      const lines = entries.map(([key, value]) => `${tomlKey(key)} = ${typeof value === 'number' ? String(value) : tomlString(value)}`);
      return [`[${tomlKey(section)}]`, ...lines].join('\n') + '\n';
    })
    .join('\n');
}
