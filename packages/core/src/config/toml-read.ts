/**
 * The one place fnox.toml text is parsed (ARCHITECTURE.md, "Packages and their boundaries": each
 * concept is written once), with smol-toml: a TOML 1.0 parser several times faster than the
 * alternatives on a 100-secret file (this runs on every hot command). Its errors become
 * `file:line:col` with a caret snippet, so no caller ever sees a raw parser error.
 */
import { parse, TomlError } from 'smol-toml';
import { FnoxError } from '../errors.js';

/** A parsed TOML document: plain objects, arrays, strings, numbers, booleans and dates. */
export type TomlTable = Record<string, unknown>;

/** Longest snippet line shown; config lines can hold long ciphertexts. */
const MAX_SNIPPET_WIDTH = 120;

/**
 * The lines around `line` (1-based) with a `^` under `col` (1-based), like a compiler diagnostic.
 * Long lines are cut so a snippet stays one screen wide.
 */
export function caretSnippet(text: string, line: number, col: number): string[] {
  const lines = text.split(/\r?\n/);
  const out: string[] = [];
  const width = String(line + 1).length;
  const clip = (s: string) => (s.length > MAX_SNIPPET_WIDTH ? `${s.slice(0, MAX_SNIPPET_WIDTH)}…` : s);
  const from = Math.max(1, line - 1);
  for (let n = from; n <= Math.min(lines.length, line); n++) {
    out.push(`${String(n).padStart(width)} | ${clip(lines[n - 1] ?? '')}`);
  }
  const caretCol = Math.min(Math.max(1, col), MAX_SNIPPET_WIDTH + 1);
  out.push(`${' '.repeat(width)} | ${' '.repeat(caretCol - 1)}^`);
  return out;
}

/** Parse TOML `text` read from `file`; syntax errors become `config_invalid_toml` FnoxErrors. */
export function parseToml(text: string, file: string): TomlTable {
  try {
    // Integers beyond 2^53 come back as BigInt rather than failing the whole file.
    return parse(text, { integersAsBigInt: 'asNeeded' }) as TomlTable;
  } catch (error) {
    if (!(error instanceof TomlError)) {
      throw new FnoxError('config_invalid_toml', `Invalid TOML in ${file}`, { cause: error });
    }
    // The library's message is "Invalid TOML document: REASON" then its own snippet; keep the reason.
    const reason = (error.message.split('\n')[0] ?? '').replace(/^Invalid TOML document: /, '') || 'syntax error';
    throw new FnoxError('config_invalid_toml', `${file}:${error.line}:${error.column}: invalid TOML: ${reason}`, {
      details: caretSnippet(text, error.line, error.column),
    });
  }
}
