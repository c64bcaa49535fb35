import { providerConformance } from '@fnox/contract/testing';
import { afterAll, beforeAll, describe, it } from 'vitest';
import provider from '../src/provider.js';
import { generateIdentity } from '../src/index.js';
import { ed25519KeyPair, rsaKeyPair } from './support/openssh.js';

const x25519 = await generateIdentity();
const other = await generateIdentity();
const ed25519 = ed25519KeyPair();
const rsa = rsaKeyPair();

/** A value encrypted to `other` only: a valid age file that no configured identity opens. */
const foreign = await (await import('../src/encrypt.js')).encryptToStoredValue('foreign', [other.recipient]);

const failing = [
  { value: 'bm90IGFnZQ==', code: 'decrypt', name: 'base64 that is not an age file' },
  { value: 'not base64 and not age!', code: 'decrypt', name: 'raw garbage' },
  { value: '', code: 'decrypt', name: 'an empty value' },
  { value: foreign, code: 'decrypt', name: 'a value for another recipient' },
  { value: '-----BEGIN AGE ENCRYPTED FILE-----\nAAAA\n-----END AGE ENCRYPTED FILE-----\n', code: 'decrypt', name: 'broken armor' },
] as const;

for (const [label, recipients, key] of [
  ['X25519 + SSH recipients, X25519 identity', [x25519.recipient, ed25519.publicKey, rsa.publicKey], x25519.identity],
  ['ssh-ed25519 identity', [ed25519.publicKey], ed25519.privateKey],
  ['ssh-rsa identity', [x25519.recipient, rsa.publicKey], rsa.privateKey],
] as const) {
  describe(label, () => {
    providerConformance(
      { describe, it, beforeAll, afterAll },
      {
        definition: provider,
        config: () => ({ recipients: [...recipients] }),
        invalidConfig: { recipients: 'age1notalist' },
        context: () => ({ env: { FNOX_AGE_KEY: key } }),
        failing: failing.map((f) => ({ ...f })),
      },
    );
  });
}
