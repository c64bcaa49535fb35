import { createHash } from 'node:crypto';
import { isProviderError } from '@fnox/contract';
import { describe, expect, it } from 'vitest';
import { decryptStoredValue, usesHotPath } from '../src/decrypt.js';
import { AgeFormatError, type AgeFailureKind } from '../src/errors.js';
import { parseIdentityText } from '../src/identity-file.js';
import { generateIdentity } from '../src/index.js';
import { makeContext, makeProvider } from './support/context.js';
import { loadVectors, type CctvVector } from './support/cctv.js';

const { vectors, skipped } = loadVectors();

/** The stored-value form of a vector: base64 of binary files, the armor text itself otherwise. */
function storedValue(v: CctvVector): string {
  return v.armored ? v.body.toString('latin1') : v.body.toString('base64');
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Failure classes each expectation accepts. The node:crypto path must match exactly. */
const HOT_KIND: Record<string, AgeFailureKind> = {
  'no match': 'no-match',
  'HMAC failure': 'hmac',
  'header failure': 'header',
  'payload failure': 'payload',
};
const LIBRARY_KINDS: Record<string, AgeFailureKind[]> = {
  'no match': ['no-match'],
  'HMAC failure': ['hmac'],
  'header failure': ['header', 'unknown', 'armor'],
  'payload failure': ['payload', 'unknown'],
  'armor failure': ['armor', 'header', 'unknown'],
};

describe('C2SP CCTV age vectors', () => {
  it('finds all 143 vectors and understands every one', () => {
    expect(skipped).toEqual([]);
    expect(vectors).toHaveLength(143);
  });

  const fallbackIdentity = generateIdentity();

  for (const v of vectors) {
    it(`${v.name}: ${v.expect}`, async () => {
      const identityText = v.identities.length > 0 ? v.identities.join('\n') : (await fallbackIdentity).identity;
      const set = { ...parseIdentityText(identityText), passphrases: v.passphrases };
      const value = storedValue(v);
      const hot = usesHotPath(value, set);
      // The hot path covers exactly the binary files read with X25519 identities only.
      expect(hot).toBe(!v.armored && v.passphrases.length === 0 && !identityText.includes('PQ-1'));

      // 1. The decrypt function the provider uses, with the vector's identities and passphrases.
      let outcome: { ok: true; bytes: Uint8Array } | { ok: false; error: unknown };
      try {
        outcome = { ok: true, bytes: await decryptStoredValue(value, set) };
      } catch (error) {
        outcome = { ok: false, error };
      }
      if (v.expect === 'success') {
        expect(outcome.ok, outcome.ok ? '' : String((outcome as { error: unknown }).error)).toBe(true);
        if (outcome.ok) expect(sha256(outcome.bytes)).toBe(v.payloadSha256);
      } else {
        expect(outcome.ok).toBe(false);
        const error = (outcome as { error: unknown }).error;
        expect(error).toBeInstanceOf(AgeFormatError);
        const kind = (error as AgeFormatError).kind;
        if (hot) expect(kind).toBe(HOT_KIND[v.expect]);
        else expect(LIBRARY_KINDS[v.expect]).toContain(kind);
      }

      // 2. The whole provider: FNOX_AGE_KEY holds the identities (passphrases are not configurable).
      const provider = await makeProvider({ recipients: [] }, makeContext({ env: { FNOX_AGE_KEY: identityText } }));
      const request = { key: `CCTV_${v.name.toUpperCase()}`, value };
      let text: string | undefined;
      let failure: unknown;
      try {
        text = await provider.get(request);
      } catch (error) {
        failure = error;
      }
      const plaintextIsUtf8 = outcome.ok && isUtf8(outcome.bytes);
      if (v.expect === 'success' && v.passphrases.length === 0 && plaintextIsUtf8) {
        expect(failure).toBeUndefined();
        expect(sha256(Buffer.from(text!, 'utf8'))).toBe(v.payloadSha256);
        return;
      }
      expect(text).toBeUndefined();
      expect(isProviderError(failure)).toBe(true);
      if (!isProviderError(failure)) return;
      expect(failure.code).toBe('decrypt');
      expect(failure.diagnostic).toBe('fnox::encryption::age::decrypt_failed');
      expect(failure.message).toMatch(/^Age decryption failed: /);
      if (v.expect === 'success' && v.passphrases.length === 0) expect(failure.message).toContain('Failed to decode UTF-8');
      if (v.expect === 'no match' && v.passphrases.length === 0) {
        expect(failure.message).toBe(`Age decryption failed: none of your age identities can decrypt ${request.key}`);
        expect(failure.hint).toContain('FNOX_AGE_KEY');
      }
      for (const identity of v.identities) expect(`${failure.message}${failure.hint}${failure.stack}`).not.toContain(identity);
    });
  }
});

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
