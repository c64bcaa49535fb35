import { createHash, randomBytes, randomUUID } from 'node:crypto';

const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A random string over `alphabet` (rejection-free; bias is irrelevant for identifiers). */
export function randomString(length: number, alphabet = ALNUM): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return out;
}

/** AWS-looking access key id: `AKIA`/`ASIA` + 16 base32 characters. */
export function accessKeyId(prefix: 'AKIA' | 'ASIA'): string {
  return prefix + randomString(16, UPPER_ALNUM);
}

/** AWS-looking unique id for IAM principals (`AIDA…`, `AROA…`), stable for a given seed. */
export function principalId(prefix: string, seed: string): string {
  const digest = createHash('sha256').update(seed).digest();
  let out = prefix;
  for (let i = 0; i < 17; i++) out += UPPER_ALNUM[(digest[i] ?? 0) % UPPER_ALNUM.length];
  return out;
}

/** A request id for `x-amzn-RequestId`. */
export function requestId(): string {
  return randomUUID();
}

export { randomUUID };
