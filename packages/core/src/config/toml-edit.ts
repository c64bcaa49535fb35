/**
 * The one wrapper around @rainbowatcher/toml-edit-js (Rust toml_edit in wasm, the editor upstream
 * fnox uses). Imported lazily by write code only (~80 ms of wasm start-up must never hit `get`).
 * It initialises the wasm, turns the strings it throws into FnoxErrors, and refuses what it cannot
 * do safely: root-level keys, and path segments its path syntax cannot express.
 */
import { FnoxError } from '../errors.js';
import { keepLineEnds } from './line-ends.js';

interface TomlEditModule {
  edit(input: string, path: string, value: unknown, opts?: { inline?: boolean; finalNewline?: boolean }): string;
  stringify(input: unknown, opts?: { inline?: boolean; finalNewline?: boolean }): string;
}

let loaded: Promise<TomlEditModule> | undefined;

async function load(): Promise<TomlEditModule> {
  const mod = await import('@rainbowatcher/toml-edit-js');
  await mod.default();
  return mod as unknown as TomlEditModule;
}

/** The initialised editor (loaded once per process). */
export function tomlEditor(): Promise<TomlEditModule> {
  loaded ??= load();
  return loaded;
}

function editorError(error: unknown, what: string, file: string): FnoxError {
  const reason = typeof error === 'string' ? error : error instanceof Error ? error.message : 'unknown error';
  return new FnoxError('config_write_failed', `Could not edit ${file}: ${what}: ${reason.split('\n')[0]}`, { cause: error });
}

/**
 * toml-edit-js path syntax: segments joined by `.`, quoted with `"` (no escapes), `[n]` meaning an
 * array index. Names it cannot express are refused rather than mis-edited.
 */
export function editPath(segments: readonly string[], file: string): string {
  if (segments.length < 2) {
    throw new FnoxError('config_write_failed', `Could not edit ${file}: refusing to set a root-level key with the TOML editor`);
  }
  return segments
    .map((segment) => {
      if (segment.includes('"') || /^\[.*\]$/.test(segment) || /[\r\n]/.test(segment)) {
        throw new FnoxError('config_write_failed', `Could not edit ${file}: the name '${segment.replace(/[^\x20-\x7e]/g, '?')}' cannot be written by fnox`, {
          hint: 'Rename it to letters, digits, _ and -.',
        });
      }
      return `"${segment}"`;
    })
    .join('.');
}

/** Set (or with `undefined`, remove) the value at `segments` in `text`, format-preserving. */
export async function editToml(text: string, segments: readonly string[], value: unknown, file: string): Promise<string> {
  const editor = await tomlEditor();
  const path = editPath(segments, file);
  try {
    return keepLineEnds(text, editor.edit(text, path, value, { inline: true }));
  } catch (error) {
    throw editorError(error, `setting ${segments.join('.')}`, file);
  }
}

/**
 * How toml_edit writes `value` as the right-hand side of `key = value` (strings quoted and escaped
 * the way upstream's toml_edit does, objects as formatted inline tables `{ a = 1, b = 2 }`).
 */
export async function tomlValueRepr(value: unknown): Promise<string> {
  const editor = await tomlEditor();
  let text: string;
  try {
    text = editor.stringify({ v: value }, { inline: true, finalNewline: false });
  } catch (error) {
    throw editorError(error, 'formatting a value', '<memory>');
  }
  if (!text.startsWith('v = ')) throw new FnoxError('internal', 'unexpected TOML formatter output');
  return text.slice(4);
}

/** A TOML key as toml_edit writes it: bare when possible, else a basic quoted string. */
export function tomlKeyRepr(key: string): string {
  if (/^[A-Za-z0-9_-]+$/.test(key)) return key;
  return JSON.stringify(key).replace(/[\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
