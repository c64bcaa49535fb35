/**
 * Shell quoting for values fnox prints for a shell to evaluate (`export -f shell`, hook-env,
 * deactivate). POSIX quoting matches Rust's shlex crate byte for byte (docs/shell-integration.md); fish uses one
 * double-quoted form. The lines that use them (export/unset/set -gx) are written only in shell/quote.ts.
 */

const BARE = 1;
const SINGLE = 2;
const DOUBLE = 4;

/** Which styles can carry character `c` (a UTF-16 code unit; anything ≥ 0x80 is never bare). */
function stylesFor(c: string): number {
  if (/^[A-Za-z0-9+\-./:@\]_]$/.test(c)) return BARE | SINGLE | DOUBLE;
  switch (c) {
    case '^':
      return 0; // only allowed as the first character of a single-quoted chunk (zsh history expansion)
    case "'":
    case '\\':
      return DOUBLE;
    case '$':
    case '`':
    case '!':
      return SINGLE;
    default:
      return SINGLE | DOUBLE;
  }
}

/** The longest prefix of `s` one style can represent, and that style (bare, then single, then double). */
function nextChunk(s: string): { length: number; style: number } {
  let ok = BARE | SINGLE | DOUBLE;
  let i = 0;
  if (s[0] === '^') {
    ok = SINGLE;
    i = 1;
  }
  for (; i < s.length; i++) {
    const next = ok & stylesFor(s[i] as string);
    if (next === 0) break;
    ok = next;
  }
  const style = ok & BARE ? BARE : ok & SINGLE ? SINGLE : DOUBLE;
  return { length: i, style };
}

/**
 * Quote `value` for bash/zsh exactly as Rust's shlex does: `''` for empty, bare when every
 * character is in `[A-Za-z0-9+-./:@]_]`, else chunks that are bare, single- or double-quoted.
 * A value containing NUL (which no shell word can hold) drops the NULs and is single-quoted whole
 * with `'` written as `'\''`.
 */
export function posixQuote(value: string): string {
  if (value === '') return "''";
  if (value.includes('\0')) return `'${value.replaceAll('\0', '').replaceAll("'", "'\\''")}'`;
  let out = '';
  let rest = value;
  while (rest.length > 0) {
    const { length, style } = nextChunk(rest);
    const chunk = rest.slice(0, length);
    rest = rest.slice(length);
    if (style === BARE) out += chunk;
    else if (style === SINGLE) out += `'${chunk}'`;
    else out += `"${chunk.replace(/["\\]/g, (m) => `\\${m}`)}"`;
  }
  return out;
}

/** Escape for inside a fish double-quoted string: `\` → `\\`, `"` → `\"`, `$` → `\$`. */
export function fishEscape(value: string): string {
  return value.replace(/[\\"$]/g, (m) => `\\${m}`);
}

/** `"…"` for fish. */
export function fishQuote(value: string): string {
  return `"${fishEscape(value)}"`;
}
