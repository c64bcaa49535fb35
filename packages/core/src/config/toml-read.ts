/**
 * The one place fnox.toml text is parsed (ARCHITECTURE.md, "Packages and their boundaries": each concept is written once). @iarna/toml reports 0-based positions; this
 * module turns its errors into `file:line:col` (1-based) with a caret snippet, so no caller ever
 * sees a raw parser error.
 */
import parseTomlString from '@iarna/toml/parse-string.js';
import { FnoxError } from '../errors.js';

/** A parsed TOML document: plain objects, arrays, strings, numbers, booleans and dates. */
export type TomlTable = Record<string, unknown>;

interface IarnaTomlError {
  readonly fromTOML?: boolean;
  readonly line?: number;
  readonly col?: number;
  readonly message: string;
}

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
    // CRLF is a TOML newline, but @iarna/toml rejects the CR after a comment ("Control characters …
    // not allowed in comments"): a Windows-edited fnox.toml would not load. Line/column positions are
    // unchanged by dropping the CR of each CRLF.
    return parseTomlString(text.includes('\r\n') ? text.replace(/\r\n/g, '\n') : text) as TomlTable;
  } catch (error) {
    const tomlError = error as IarnaTomlError;
    if (!tomlError?.fromTOML) {
      throw new FnoxError('config_invalid_toml', `Invalid TOML in ${file}`, { cause: error });
    }
    const line = (tomlError.line ?? 0) + 1;
    const col = (tomlError.col ?? 0) + 1;
    // The library appends " at row R, col C, pos P:" and its own snippet; keep only the reason.
    const reason = (tomlError.message.split('\n')[0] ?? 'syntax error').replace(/ at row \d+, col \d+, pos \d+:?$/, '');
    throw new FnoxError('config_invalid_toml', `${file}:${line}:${col}: invalid TOML: ${reason}`, {
      details: caretSnippet(text, line, col),
    });
  }
}
