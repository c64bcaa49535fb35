/**
 * Writing many secret entries at once (import, reencrypt, sync, edit): entries are grouped by
 * file, every file is locked (in sorted order, so two writers cannot deadlock), all new texts are
 * computed before anything is renamed into place, then each file is replaced atomically. A
 * failure while computing leaves every file byte-identical.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { withFileLock } from '../../config/atomic-write.js';
import { commitConfigWrite } from '../../config/commit-write.js';
import { setSecretsInText } from '../../config/edit-secrets.js';
import type { SecretConfig } from '../../config/types.js';
import { FnoxError } from '../../errors.js';

/** One entry to write: `section` is `['secrets']` or `['profiles', P, 'secrets']`. */
export interface EntryWrite {
  readonly file: string;
  readonly section: readonly string[];
  readonly key: string;
  readonly entry: SecretConfig;
}

/** Read a config file's text; a missing file reads as empty (it will be created). */
export function readConfigText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw new FnoxError('config_read_failed', `Failed to read configuration file: ${file}`, { cause: error });
  }
}

/** Hold the locks of `files` (sorted) while `fn` runs. */
export async function withFileLocks<T>(files: readonly string[], fn: () => Promise<T>): Promise<T> {
  const sorted = [...new Set(files)].sort();
  const step = async (i: number): Promise<T> => (i >= sorted.length ? fn() : withFileLock(sorted[i]!, () => step(i + 1)));
  return step(0);
}

/**
 * Apply `writes` (in order; later writes of the same key win) format-preservingly; `createDirs`
 * makes parent directories (the global config). Returns the files written. Between entries the
 * event loop runs, so Ctrl-C or SIGTERM during a long import ends it (with `signal`, before
 * anything is written).
 */
export async function writeEntries(
  writes: readonly EntryWrite[],
  options: { createDirs?: boolean; env: NodeJS.ProcessEnv; signal?: AbortSignal },
): Promise<string[]> {
  const byFile = new Map<string, EntryWrite[]>();
  for (const write of writes) {
    const list = byFile.get(write.file);
    if (list) list.push(write);
    else byFile.set(write.file, [write]);
  }
  if (options.createDirs) for (const file of byFile.keys()) mkdirSync(dirname(file), { recursive: true });
  return withFileLocks([...byFile.keys()], async () => {
    const texts = new Map<string, string>();
    for (const [file, entries] of byFile) {
      const between = async () => {
        await new Promise((ready) => setImmediate(ready));
        options.signal?.throwIfAborted();
      };
      texts.set(file, await setSecretsInText(readConfigText(file), entries, file, between));
    }
    for (const [file, text] of texts) await commitConfigWrite(options.env, file, text);
    return [...texts.keys()];
  });
}
