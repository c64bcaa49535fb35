/**
 * The exact failure a user reads for each broken age file, recipient or armor: the message is part
 * of `Age decryption failed: ... (secret KEY)`, so a wrong or empty one is a real bug. The C2SP
 * CCTV vectors give the broken files; a few cases the vectors do not reach are built here.
 */
import { describe, expect, it } from 'vitest';
import { bech32Encode } from '../src/bech32.js';
import { decodeStoredValue, decryptStoredValue } from '../src/decrypt.js';
import { AgeFormatError } from '../src/errors.js';
import { parseIdentityText } from '../src/identity-file.js';
import { generateIdentity } from '../src/index.js';
import { loadAge } from '../src/lazy-age.js';
import { decryptAgeBinary } from '../src/x25519-decrypt.js';
import { loadVectors } from './support/cctv.js';
import { makeContext, makeProvider } from './support/context.js';

const { vectors } = loadVectors();
const vector = (name: string) => vectors.find((v) => v.name === name)!;
const identitiesOf = (name: string) => ({ ...parseIdentityText(vector(name).identities.join('\n')), passphrases: [] });

async function failure(value: string, set = identitiesOf('x25519')): Promise<AgeFormatError> {
  try {
    await decryptStoredValue(value, set);
  } catch (error) {
    expect(error).toBeInstanceOf(AgeFormatError);
    return error as AgeFormatError;
  }
  throw new Error('expected the value to fail');
}

/** What the node:crypto path says for each broken vector (kind, message). */
const HOT_PATH_FAILURES: Record<string, string> = {
  header_crlf: 'header: invalid age header: non-printable byte in header',
  hmac_bad: 'hmac: header MAC mismatch',
  hmac_missing: 'header: invalid age header: malformed MAC line',
  hmac_no_space: 'header: invalid age header: unexpected line (expected a stanza or the MAC line)',
  stanza_base64_padding: 'header: invalid age header: stanza body is not canonical base64',
  stanza_empty_argument: 'header: invalid age header: empty stanza argument',
  stanza_invalid_character: 'header: invalid age header: non-printable byte in header',
  stanza_long_line: 'header: invalid age header: stanza body line longer than 64 columns',
  stream_bad_tag: 'payload: payload chunk 0 failed authentication',
  stream_bad_tag_second_chunk: 'payload: payload chunk 1 failed authentication',
  stream_last_chunk_empty: 'payload: final chunk is empty',
  stream_no_chunks: 'payload: payload has no chunks',
  stream_no_nonce: 'header: invalid age header: missing or short payload nonce',
  stream_short_nonce: 'header: invalid age header: missing or short payload nonce',
  version_unsupported: 'header: invalid age header: unsupported version line',
  x25519_no_match: 'no-match: no identity matched any of the recipients',
  x25519_long_file_key: 'header: invalid X25519 stanza: wrapped file key is not 16 bytes',
};

describe('what a broken age file is called', () => {
  for (const [name, expected] of Object.entries(HOT_PATH_FAILURES)) {
    it(`${name}: ${expected}`, async () => {
      const v = vector(name);
      const error = await failure(v.body.toString('base64'), identitiesOf(name));
      expect(`${error.kind}: ${error.message}`).toBe(expected);
    });
  }

  it('a header without a line end, or with an empty first line', async () => {
    const raw = (text: string) => Buffer.from(text, 'latin1').toString('base64');
    expect((await failure(raw('age-encryption.org/v1'))).message).toBe('invalid age header: unexpected end of header');
    expect((await failure(raw('\nage-encryption.org/v1\n'))).message).toBe('invalid age header: unsupported version line');
  });

  it('reaches the user as one line naming the secret', async () => {
    const v = vector('stream_bad_tag');
    const provider = await makeProvider({ recipients: [] }, makeContext({ env: { FNOX_AGE_KEY: v.identities.join('\n') } }));
    await expect(provider.get({ key: 'DB_URL', value: v.body.toString('base64') })).rejects.toMatchObject({
      message: 'Age decryption failed: payload chunk 0 failed authentication (secret DB_URL)',
    });
  });

  it('an scrypt stanza must be alone; alone, it is named as passphrase encryption', async () => {
    const { identity, recipient } = await generateIdentity();
    const set = { ...parseIdentityText(identity), passphrases: [] };
    const provider = await makeProvider({ recipients: [recipient] });
    const file = Buffer.from(await provider.put!('K', 'v'), 'base64');
    const text = file.toString('latin1');
    const mixed = text.replace('\n-> X25519 ', '\n-> scrypt c2FsdHNhbHRzYWx0c2FsdA 10\nAAAA\n-> X25519 ');
    const mixedError = await failure(Buffer.from(mixed, 'latin1').toString('base64'), set);
    expect(`${mixedError.kind}: ${mixedError.message}`).toBe('header: invalid age header: an scrypt stanza must be the only one');
    const alone = vector('scrypt').body.toString('base64');
    const aloneError = await failure(alone, set);
    expect(`${aloneError.kind}: ${aloneError.message}`).toBe('no-match: the value is passphrase-encrypted (scrypt), which fnox does not support');
  });

  it('an identity failing for another reason than a malformed stanza passes its error on unchanged', async () => {
    const boom = new TypeError('boom');
    const identity = { unwrapFileKey: async () => Promise.reject(boom) };
    await expect(decryptAgeBinary(vector('x25519').body, [identity as never])).rejects.toBe(boom);
  });
});

describe('armor and the library path', () => {
  it('sniffs armor only in the first KiB, and never in a binary age file', () => {
    expect(decodeStoredValue('-----BEGIN AGE ENCRYPTED FILE-----\n').armored).toBe(true);
    expect(decodeStoredValue(`${'x'.repeat(1100)}\n-----BEGIN AGE ENCRYPTED FILE-----\n`).armored).toBe(false);
    expect(decodeStoredValue(`${'x'.repeat(1000)}\n-----BEGIN AGE ENCRYPTED FILE-----\n`).armored).toBe(true);
    expect(decodeStoredValue('age-encryption.org/v1\n-----BEGIN AGE ENCRYPTED FILE-----\n').armored).toBe(false);
  });

  it('invalid armor is named as such', async () => {
    const error = await failure(vector('armor_invalid_character_payload').body.toString('latin1'), identitiesOf('armor_invalid_character_payload'));
    expect(error.kind).toBe('armor');
    expect(error.message).toMatch(/^invalid ASCII armor: \S/);
  });

  it('a bad header MAC found by the library is an hmac failure', async () => {
    const age = await loadAge();
    const armored = age.armor.encode(vector('hmac_bad').body);
    const error = await failure(armored, identitiesOf('hmac_bad'));
    expect(error.kind).toBe('hmac');
  });
});

describe('recipients', () => {
  const parseFailure = async (recipient: string): Promise<string> => {
    const provider = await makeProvider({ recipients: [recipient] });
    try {
      await provider.put!('K', 'v');
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error(`expected ${recipient} to be refused`);
  };

  it('accepts a recipient with surrounding whitespace', async () => {
    const { identity, recipient } = await generateIdentity();
    const provider = await makeProvider({ recipients: [`  ${recipient}\n`] });
    const stored = await provider.put!('K', 'v');
    const reader = await makeProvider({ recipients: [] }, makeContext({ env: { FNOX_AGE_KEY: identity } }));
    expect(await reader.get({ key: 'K', value: stored })).toBe('v');
  });

  it('names what is wrong with each kind of bad recipient', async () => {
    const unknown = 'unknown recipient type (expected age1..., ssh-ed25519 or ssh-rsa)';
    expect(await parseFailure('xssh-ed25519 AAAA')).toBe(`Age encryption failed: Failed to parse recipient 'xssh-ed25519 AAAA': ${unknown}`);
    expect(await parseFailure('xssh-dss AAAA')).toBe(`Age encryption failed: Failed to parse recipient 'xssh-dss AAAA': ${unknown}`);
    expect(await parseFailure('ssh-dss')).toBe(`Age encryption failed: Failed to parse recipient 'ssh-dss': ${unknown}`);
    expect(await parseFailure('ssh-dss AAAA')).toBe(
      "Age encryption failed: Failed to parse recipient 'ssh-dss AAAA': unsupported SSH key type (only ssh-ed25519 and ssh-rsa)",
    );
    expect(await parseFailure('age1xyz')).toBe("Age encryption failed: Failed to parse recipient 'age1xyz': invalid Bech32 encoding");
    const short = bech32Encode('age', Buffer.alloc(31));
    expect(await parseFailure(short)).toBe(`Age encryption failed: Failed to parse recipient '${short}': an X25519 recipient must encode 32 bytes`);
  });

  it('a recipient the library refuses gives its first message line, without the error class', async () => {
    expect(await parseFailure(bech32Encode('age1pq', Buffer.alloc(10)))).toBe('Age encryption failed: invalid recipient');
  });
});
