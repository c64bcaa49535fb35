/**
 * `fnox edit` (docs/cli-reference.md, `edit`): open the config with secret values decrypted, then write back what
 * changed. The `-c` file (default ./fnox.toml) is edited; resolution uses the merged config, each
 * `[profiles.P.secrets]` section with P alone as the stack. Values the user left alone get their
 * original ciphertext back (no churn); changed or new ones are encrypted (or put) BEFORE the file
 * is written; a plaintext is only kept where no provider applies, as upstream does. The scratch
 * copy never outlives the command, and any failure leaves the config byte-identical.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { withFileLock } from '../../config/atomic-write.js';
import { commitConfigWrite } from '../../config/commit-write.js';
import { effectiveConfig } from '../../config/effective.js';
import { loadConfigSync } from '../../config/load.js';
import { layerOf, overlayLayer } from '../../config/merge.js';
import { validateFile } from '../../config/schema.js';
import { editToml } from '../../config/toml-edit.js';
import { parseToml, type TomlTable } from '../../config/toml-read.js';
import type { EffectiveConfig, MergedConfig, SecretConfig, Sourced } from '../../config/types.js';
import { FnoxError, isFnoxError } from '../../errors.js';
import { resolveDefaultProvider } from '../../resolve/default-provider.js';
import { createProviderFactory } from '../../resolve/provider-factory.js';
import type { FnoxSession } from '../../session.js';
import { createScratchFile, spawnEditor, type EditorRunner } from './edit-editor.js';
import { resolveRaw } from '../read/raw-resolve.js';

/** Every line of the scratch copy's header starts with this; they are stripped on save. */
export const EDIT_HEADER_PREFIX = '# fnox edit |';
const HEADER = [
  `${EDIT_HEADER_PREFIX} Secret values below are DECRYPTED. Edit values, secrets, providers or comments,`,
  `${EDIT_HEADER_PREFIX} then save and quit: changed values are encrypted again, unchanged ones keep their`,
  `${EDIT_HEADER_PREFIX} ciphertext. Quit without saving, or exit the editor with an error, to change nothing.`,
  `${EDIT_HEADER_PREFIX} These header lines are removed when saving.`,
  '',
].join('\n');

/** Options of {@link editConfig}. */
export interface EditOptions {
  /** Runs the editor; default: `$EDITOR` / `$VISUAL` / `vi` spawned directly. */
  readonly runEditor?: EditorRunner;
}

/** What {@link editConfig} did. */
export interface EditResult {
  readonly file: string;
  /** Secrets whose value was encrypted anew (changed or added). */
  readonly reencrypted: readonly string[];
  /** False when the saved text equals the original (nothing to write). */
  readonly written: boolean;
}

interface Decrypted {
  readonly plaintext: string;
  readonly ciphertext: string;
  readonly provider: string | undefined;
}

const isTable = (v: unknown): v is TomlTable => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);

/** Each secrets section of a document with the profile stack it resolves under. */
function sections(doc: TomlTable): { path: string[]; stack: string[]; table: TomlTable }[] {
  const out: { path: string[]; stack: string[]; table: TomlTable }[] = [];
  if (isTable(doc.secrets)) out.push({ path: ['secrets'], stack: ['default'], table: doc.secrets });
  if (isTable(doc.profiles)) {
    for (const [name, profile] of Object.entries(doc.profiles)) {
      if (isTable(profile) && isTable(profile.secrets)) out.push({ path: ['profiles', name, 'secrets'], stack: [name], table: profile.secrets });
    }
  }
  return out;
}

const id = (path: readonly string[], key: string) => [...path, key].join('\u0000');

/** The provider a secret's value goes through in `effective`, or undefined (errors mean none). */
function providerFor(effective: EffectiveConfig, entry: SecretConfig): string | undefined {
  if (entry.provider !== undefined) return entry.provider;
  try {
    return resolveDefaultProvider(effective);
  } catch {
    return undefined;
  }
}

/** Decrypt every value of the file that has a provider (raw, if_missing = error per secret). */
async function decryptAll(session: FnoxSession, merged: MergedConfig, doc: TomlTable, file: string): Promise<Map<string, Decrypted>> {
  const out = new Map<string, Decrypted>();
  for (const { path, stack, table } of sections(doc)) {
    const effective = effectiveConfig(merged, stack);
    const wanted = new Map<string, Sourced<SecretConfig>>();
    for (const [key, raw] of Object.entries(table)) {
      const entry = raw as SecretConfig;
      if (!isTable(raw) || typeof entry.value !== 'string' || providerFor(effective, entry) === undefined) continue;
      wanted.set(key, { name: key, config: entry, source: { file, ...(stack[0] !== 'default' ? { profile: stack[0] } : {}) } });
    }
    if (wanted.size === 0) continue;
    const values = await resolveRaw(session, effective, wanted, { ifMissing: 'error' });
    for (const [key, { config }] of wanted) {
      const plaintext = values.get(key);
      if (plaintext === undefined) continue; // a runtime --if-missing warn/ignore outranks `error`
      out.set(id(path, key), { plaintext, ciphertext: config.value!, provider: config.provider });
    }
  }
  return out;
}

/** Apply value edits in order; `undefined` removes the key. */
async function setValues(text: string, changes: readonly { path: string[]; value: string | undefined }[], file: string): Promise<string> {
  let out = text;
  for (const { path, value } of changes) out = await editToml(out, path, value, file);
  return out;
}

/** Parse and validate the saved copy without echoing it: errors must not quote decrypted lines. */
function parseEdited(text: string, file: string): TomlTable {
  try {
    const doc = parseToml(text, file);
    validateFile(doc, text, file);
    return doc;
  } catch (error) {
    if (!isFnoxError(error)) throw error;
    const where = error.message.replace(`${file}:`, 'line ');
    throw new FnoxError(error.code, `The edited configuration is invalid (${where}); nothing was written`, { hint: 'Run fnox edit again and fix the problem.' });
  }
}

/** Edit the config file (see module comment). */
export async function editConfig(session: FnoxSession, options: EditOptions = {}): Promise<EditResult> {
  const file = resolve(session.cwd, session.options.config ?? 'fnox.toml');
  let original: string;
  try {
    original = readFileSync(file, 'utf8');
  } catch (error) {
    throw new FnoxError('config_read_failed', `Failed to read configuration file: ${file}`, { cause: error });
  }
  const merged = loadConfigSync(session);
  const doc = parseToml(original, file);
  const decrypted = await decryptAll(session, merged, doc, file);
  const shown = await setValues(original, [...decrypted].map(([key, d]) => ({ path: [...key.split('\u0000'), 'value'], value: d.plaintext })), file);

  const scratch = createScratchFile(`${HEADER}${shown}`, session.env);
  let edited: string;
  try {
    const status = await (options.runEditor ?? spawnEditor(session.env))(scratch.path);
    if (status !== 0) throw new FnoxError('editor_failed', `Editor exited with non-zero status: ${status}`);
    edited = scratch.read();
  } finally {
    scratch.remove();
  }
  const lines = edited.split('\n');
  while (lines.length > 0 && lines[0]!.startsWith(EDIT_HEADER_PREFIX)) lines.shift();
  const body = lines.join('\n');
  if (body === shown) return { file, reencrypted: [], written: false };

  const newDoc = parseEdited(body, file);
  // Providers/defaults as they will be once written: the edited file overlaid on the merged config.
  const after = overlayLayer(merged as Parameters<typeof overlayLayer>[0], layerOf(validateFile(newDoc, body, file))) as MergedConfig;
  const changes: { path: string[]; value: string | undefined }[] = [];
  const reencrypted: string[] = [];
  for (const { path, stack, table } of sections(newDoc)) {
    const effective = effectiveConfig(after, stack);
    const factory = createProviderFactory(session, effective);
    try {
      for (const [key, raw] of Object.entries(table)) {
        const entry = raw as SecretConfig;
        if (!isTable(raw) || typeof entry.value !== 'string') continue;
        const before = decrypted.get(id(path, key));
        if (before && entry.value === before.plaintext && entry.provider === before.provider) {
          changes.push({ path: [...path, key, 'value'], value: before.ciphertext });
          continue;
        }
        // A value fnox never decrypted (no provider, or no value under a runtime warn/ignore), left as it was.
        if (!before && tomlAtPath(doc, [...path, key, 'value']) === entry.value) continue;
        const provider = providerFor(effective, entry) ?? before?.provider;
        if (provider === undefined) continue; // no provider anywhere: kept as written (upstream behaviour)
        const handle = await factory.instance(provider);
        if (handle.definition.mode === 'read' || typeof handle.instance.put !== 'function') {
          throw new FnoxError('provider_unsupported', `Cannot modify read-only secret '${key}' from provider '${provider}'`);
        }
        changes.push({ path: [...path, key, 'value'], value: await handle.instance.put(key, entry.value) });
        // The old `sync` cache holds the previous value; keeping it would shadow the edit.
        if (entry.sync !== undefined) changes.push({ path: [...path, key, 'sync'], value: undefined });
        reencrypted.push(key);
      }
    } finally {
      await factory.dispose();
    }
  }
  const final = await setValues(body, changes, file);
  await withFileLock(file, async () => {
    if (readFileSync(file, 'utf8') !== original) {
      throw new FnoxError('config_write_failed', `${file} changed on disk while it was being edited; nothing was written`, { hint: 'Run fnox edit again.' });
    }
    if (final !== original) await commitConfigWrite(session.env, file, final);
  });
  return { file, reencrypted, written: final !== original };
}

function tomlAtPath(doc: unknown, path: readonly string[]): unknown {
  let node = doc;
  for (const segment of path) node = isTable(node) ? node[segment] : undefined;
  return node;
}
