import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';

/** One C2SP CCTV age vector (format: test/vectors/age-cctv/README.md). */
export interface CctvVector {
  readonly name: string;
  readonly expect: 'success' | 'no match' | 'HMAC failure' | 'header failure' | 'payload failure' | 'armor failure';
  readonly payloadSha256: string | undefined;
  readonly identities: string[];
  readonly passphrases: string[];
  readonly armored: boolean;
  /** The age file (inflated when the vector is zlib-compressed). */
  readonly body: Buffer;
}

const KNOWN_KEYS = new Set(['expect', 'payload', 'file key', 'identity', 'passphrase', 'armored', 'compressed', 'comment']);

/** The vectors, vendored in this package with their origin and licence (test/vectors/age-cctv/README.md). */
export function cctvDir(): string {
  return fileURLToPath(new URL('../vectors/age-cctv/vectors', import.meta.url));
}

/** Parse every vector; files with unknown header keys are reported, not silently dropped. */
export function loadVectors(): { vectors: CctvVector[]; skipped: string[] } {
  const vectors: CctvVector[] = [];
  const skipped: string[] = [];
  for (const name of readdirSync(cctvDir()).sort()) {
    const raw = readFileSync(join(cctvDir(), name));
    const split = raw.indexOf('\n\n');
    const fields = raw
      .subarray(0, split)
      .toString('utf8')
      .split('\n')
      .map((line) => {
        const at = line.indexOf(': ');
        return at < 0 ? [line.replace(/:$/, ''), ''] : [line.slice(0, at), line.slice(at + 2)];
      }) as [string, string][];
    if (fields.some(([key]) => !KNOWN_KEYS.has(key))) {
      skipped.push(name);
      continue;
    }
    const all = (key: string) => fields.filter(([k]) => k === key).map(([, v]) => v);
    let body: Buffer = raw.subarray(split + 2);
    if (all('compressed')[0] === 'zlib') body = inflateSync(body);
    vectors.push({
      name,
      expect: all('expect')[0] as CctvVector['expect'],
      payloadSha256: all('payload')[0],
      identities: all('identity'),
      passphrases: all('passphrase'),
      armored: all('armored')[0] === 'yes',
      body,
    });
  }
  return { vectors, skipped };
}
