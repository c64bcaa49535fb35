/**
 * The one place a config write is committed: the atomic write itself, then trust carried over.
 * A file fnox writes for the user stays trusted when it was trusted before the write (or when fnox
 * created it), by recording the new content's hash; an untrusted file stays untrusted (see
 * docs/security.md). The global config needs no record: it is always trusted.
 */
import { readFileSync } from 'node:fs';
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

/** Write `content` to the config file `file` atomically (callers hold its lock) and carry its trust over. */
export async function commitConfigWrite(env: NodeJS.ProcessEnv, file: string, content: string, options: { createDir?: boolean } = {}): Promise<void> {
  const keep = keepsTrust(env, file);
  await atomicWriteFile(file, content, options);
  if (!keep) return;
  try {
    writeTrustRecord(env, { path: realPathOf(file), sha256: contentDigest(Buffer.from(content, 'utf8')), trustedAt: new Date().toISOString() });
  } catch {
    // The file is written; without the record it is merely untrusted, and the hook says so.
  }
}
