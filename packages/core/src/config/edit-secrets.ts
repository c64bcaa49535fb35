/**
 * Many secret edits of one file in one pass (import, reencrypt, sync, edit). The result is the
 * bytes of {@link setSecretInText} applied edit by edit, which re-reads the whole file each time
 * (minutes for thousands of entries); here two shapes of run take time linear in the file:
 *
 * - new keys of one table: toml_edit appends a new key after the table's last one, so once one
 *   new entry was placed the one-by-one way, the next ones are lines right after it;
 * - existing one-line entries (`KEY = { ... }`): toml_edit rewrites only the entry's own line, so
 *   that line alone, edited as a document of its own, is the new line.
 *
 * The same bytes hold for TOML 1.0 files (what upstream reads); TOML 1.1 inline tables (a trailing
 * comma, newlines inside the braces) toml_edit reformats on every edit, and this pass leaves alone.
 * Any other edit (table-style entries, dotted keys, an entry spanning lines) goes the one-by-one
 * way and is checked as there; the whole result is checked once more at the end.
 */
import { at, canonical, isHeaderTable, isTable, orderedSecretFields, placeSecret, setIn, verify, type AppendPoint } from './edit-secret.js';
import { locateKeys, pathId, type LocationIndex } from './locate.js';
import { editPath, tomlKeyRepr, tomlValueRepr } from './toml-edit.js';
import { parseToml } from './toml-read.js';
import type { SecretConfig } from './types.js';

/** One entry of {@link setSecretsInText}. */
export interface SecretEdit {
  readonly section: readonly string[];
  readonly key: string;
  readonly entry: SecretConfig;
}

/** New entries waiting to be inserted at one point. */
interface AppendRun {
  readonly kind: 'append';
  readonly section: string;
  readonly at: AppendPoint;
  readonly lines: string[];
  /** Newlines in the text with the lines so far, and how many are CRLF (new lines take the dominant style, line-ends.ts). */
  newlines: number;
  crlf: number;
}

/** The text as lines while existing entries' lines are rewritten (line numbers never move). */
interface ReplaceRun {
  readonly kind: 'replace';
  /** `out` split at `\n`: every line but the last (empty) one had a newline; CRLF lines end in `\r`. */
  readonly lines: string[];
  readonly index: LocationIndex;
  /** How many lines end in CRLF (line-ends.ts gives rewritten lines the file's dominant style). */
  crlf: number;
}

/**
 * The one-by-one edit of `line` (without its line end) when it holds the entry `key` (currently
 * `current`) whole, as a document of its own; `undefined` when it does not (the entry spans lines,
 * or is not inline).
 */
async function rewriteLine(line: string, key: string, current: unknown, entry: SecretConfig, file: string): Promise<string | undefined> {
  const alone = `[t]\n${line}\n`;
  let table: unknown;
  try {
    table = parseToml(alone, file).t;
  } catch {
    return undefined;
  }
  if (!isTable(table) || Object.keys(table).length !== 1 || !(key in table) || canonical(table[key]) !== canonical(current)) return undefined;
  const placed = (await placeSecret(alone, ['t'], key, entry, file)).text;
  const newline = placed.indexOf('\n', 4);
  if (!placed.startsWith('[t]\n') || newline !== placed.length - 1) return undefined;
  return placed.slice(4, newline);
}

/** Line `number` rewritten to `text` with the line end a one-by-one edit gives it (see line-ends.ts). */
function replaceLine(run: ReplaceRun, number: number, text: string): void {
  const old = run.lines[number - 1]!;
  const oldCrlf = old.endsWith('\r');
  if ((oldCrlf ? old.slice(0, -1) : old) === text) return; // an unchanged line keeps its bytes
  const crlf = run.crlf > 0 && run.crlf * 2 >= run.lines.length - 1;
  if (crlf !== oldCrlf) run.crlf += crlf ? 1 : -1;
  run.lines[number - 1] = crlf ? `${text}\r` : text;
}

/**
 * Keys `tomlKeyRepr` writes as toml_edit does: bare, or quoted without an escape (toml_edit writes
 * `'a\b'` and `"\u001B"` where `tomlKeyRepr` would escape); any other takes the one-by-one way.
 */
const plainKey = (key: string): boolean => /^[\x20-\x7e]+$/.test(key) && !/["'\\]/.test(key);

const count = (text: string, what: string): number => text.split(what).length - 1;

/** The line number (1-based) where entry `path` starts in the run's text, when its value starts on it too. */
function entryLine(run: ReplaceRun, path: readonly string[]): number | undefined {
  const loc = run.index.get(pathId(path));
  return loc && loc.key.line === loc.value.line ? loc.key.line : undefined;
}

/**
 * Apply `edits` in order (a later edit of the same key wins) to `text`: the bytes of
 * {@link setSecretInText} edit by edit (see the module comment). `between` runs before each edit
 * (cancellation).
 */
export async function setSecretsInText(text: string, edits: readonly SecretEdit[], file: string, between?: () => Promise<void>): Promise<string> {
  const expected = parseToml(text, file);
  let out = text;
  let run: AppendRun | ReplaceRun | undefined;
  const flush = () => {
    if (run?.kind === 'append' && run.lines.length > 0) out = `${out.slice(0, run.at.offset)}${run.lines.join('')}${out.slice(run.at.offset)}`;
    if (run?.kind === 'replace') out = run.lines.join('\n');
    run = undefined;
  };
  for (const { section, key, entry } of edits) {
    await between?.();
    const path = [...section, key];
    const fields = orderedSecretFields(entry);
    const current = at(expected, path);
    if (current === undefined && run?.kind === 'append' && run.section === pathId(section) && plainKey(key)) {
      editPath(path, file); // the names toml_edit refuses are refused here too
      const crlf = run.crlf > 0 && run.crlf * 2 >= run.newlines;
      run.lines.push(`${tomlKeyRepr(key)}= ${await tomlValueRepr(fields)}${crlf ? '\r\n' : '\n'}`);
      run.newlines++;
      if (crlf) run.crlf++;
      setIn(expected, path, structuredClone(fields));
      continue;
    }
    // toml_edit ends what it prints with a newline: a file without one takes one edit the one-by-one way first.
    if (current !== undefined && (run?.kind === 'replace' || out.endsWith('\n'))) {
      if (run?.kind !== 'replace') {
        flush();
        const lines = out.split('\n');
        run = { kind: 'replace', lines, index: locateKeys(out), crlf: count(out, '\r\n') };
      }
      editPath(path, file);
      const line = entryLine(run, path);
      const rewritten = line === undefined ? undefined : await rewriteLine(run.lines[line - 1]!.replace(/\r$/, ''), key, current, entry, file);
      if (line !== undefined && rewritten !== undefined) {
        replaceLine(run, line, rewritten); // checked against the current value: a second edit of the key works too
        setIn(expected, path, structuredClone(fields));
        continue;
      }
    }
    flush();
    const placed = await placeSecret(out, section, key, entry, file);
    setIn(expected, path, structuredClone(fields));
    out = verify(placed.text, expected, file); // as one by one: a refused edit fails here, with the same error
    // Later keys follow this one as lines only in a `[section]` table (not inside an inline table).
    if (placed.next && isHeaderTable(out, section)) {
      run = { kind: 'append', section: pathId(section), at: placed.next, lines: [], newlines: count(out, '\n'), crlf: count(out, '\r\n') };
    }
  }
  flush();
  return verify(out, expected, file);
}
