/**
 * The one place a config write is committed: the atomic write itself, then trust carried over.
 * A file fnox writes for the user stays trusted when it was trusted before the write (or when fnox
 * created it), by recording the new content's hash; an untrusted file stays untrusted (see
 * docs/security.md). The global config needs no record: it is always trusted.
 */
import { readFileSync } from 'node:fs';
import { MAX_INPUT_FILE_BYTES } from '@fnox/contract';
import { FnoxError } from '../errors.js';
import { contentDigest } from '../trust/trust-dir.js';
import { realPathOf } from '../trust/trusted-paths.js';
import { writeTrustRecord } from '../trust/trust-store.js';
import { trustVerdict } from '../trust/verdict.js';
import { atomicWriteFile } from './atomic-write.js';

/** Whether the write of `file` keeps (or gives) it trust: fnox creates it, or it is trusted now. */
function keepsTrust(env: NodeJS.ProcessEnv, file: string): boolean {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
  const verdict = trustVerdict(file, bytes, env);
  return verdict.trusted && verdict.reason !== 'global';
}

/**
 * Write `content` to the config file `file` atomically (callers hold its lock) and carry its trust
 * over. A config larger than fnox reads (1 MiB) is refused before anything is written: every later
 * command would refuse the file.
 */
export async function commitConfigWrite(env: NodeJS.ProcessEnv, file: string, content: string, options: { createDir?: boolean } = {}): Promise<void> {
  const size = Buffer.byteLength(content, 'utf8');
  if (size > MAX_INPUT_FILE_BYTES) {
    throw new FnoxError(
      'input_too_large',
      `Refusing to write configuration file: ${file} (it would be ${size} bytes, more than the ${MAX_INPUT_FILE_BYTES} bytes fnox reads)`,
      {
        hint: 'The file was left unchanged. Keep large values out of fnox.toml (a remote provider, or a file the secret names), or split the config into imports.',
      },
    );
  }
  const keep = keepsTrust(env, file);
  await atomicWriteFile(file, content, options);
  if (!keep) return;
  try {
    writeTrustRecord(env, { path: realPathOf(file), sha256: contentDigest(Buffer.from(content, 'utf8')), trustedAt: new Date().toISOString() });
  } catch {
    // The file is written; without the record it is merely untrusted, and the hook says so.
  }
}
