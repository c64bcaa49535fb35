/** `json_path` and `line` extraction, applied to a value from any source (ARCHITECTURE.md, "The resolution pipeline"). */
import type { SecretConfig } from '../config/types.js';
import { FnoxError } from '../errors.js';

function fail(message: string): FnoxError {
  return new FnoxError('secret_postprocess_failed', message);
}

/** Split a json_path on unescaped dots; a backslash makes the next character literal; a trailing `\` stays. */
export function splitJsonPath(path: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < path.length; i++) {
    const c = path[i] as string;
    if (c === '\\') {
      if (i + 1 < path.length) current += path[++i];
      else current += '\\';
    } else if (c === '.') {
      parts.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  parts.push(current);
  return parts;
}

/** Extract `path` from a JSON document: strings verbatim, null → `null`, others compact JSON. */
export function extractJsonPath(json: string, path: string): string {
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch (error) {
    // The parser's message can quote part of the input, which is the secret: keep only the position.
    const detail = error instanceof SyntaxError ? describeJsonError(error) : 'invalid JSON';
    throw fail(`Failed to parse JSON secret: ${detail}`);
  }
  let current: unknown = doc;
  for (const part of splitJsonPath(path)) {
    if (typeof current !== 'object' || current === null || Array.isArray(current) || !Object.hasOwn(current, part)) {
      throw fail(`JSON path '${path}' not found in secret`);
    }
    current = (current as Record<string, unknown>)[part];
  }
  if (typeof current === 'string') return current;
  return JSON.stringify(current);
}

function describeJsonError(error: SyntaxError): string {
  const position = /position (\d+)/.exec(error.message);
  return position ? `invalid JSON at position ${position[1]}` : 'invalid JSON';
}

/** The Nth (1-based) line; `\n` or `\r\n` separate lines and one trailing newline adds no line. */
export function extractLine(value: string, line: number): string {
  if (line === 0) throw fail('`line` must be a 1-indexed line number (got 0)');
  const body = value.endsWith('\r\n') ? value.slice(0, -2) : value.endsWith('\n') ? value.slice(0, -1) : value;
  const lines = body.split(/\r?\n/);
  if (!Number.isInteger(line) || line < 1 || line > lines.length) {
    throw fail(`\`line = ${line}\` is out of range; secret has ${lines.length} line(s)`);
  }
  return lines[line - 1] as string;
}

/** Apply the secret's `json_path` / `line` to `value` (unchanged when neither is set). */
export function postProcess(value: string, secret: SecretConfig): string {
  if (secret.json_path !== undefined && secret.line !== undefined) {
    throw fail('`json_path` and `line` are mutually exclusive on a secret');
  }
  if (secret.json_path !== undefined) {
    if (secret.json_path === '') throw fail('json_path must not be empty');
    return extractJsonPath(value, secret.json_path);
  }
  if (secret.line !== undefined) return extractLine(value, secret.line);
  return value;
}
