import { randomBytes, randomInt } from 'node:crypto';
import { Decrypter, Encrypter, generateX25519Identity, identityToRecipient } from 'age-encryption';
import { describe, expect, it } from 'vitest';
import { AgeFormatError } from '../src/errors.js';
import { NativeX25519Identity } from '../src/native-identity.js';
import { decryptAgeBinary } from '../src/x25519-decrypt.js';

/** The node:crypto reader must agree with age-encryption (the reference implementation). */

async function keyPair() {
  const identity = await generateX25519Identity();
  return { identity, recipient: await identityToRecipient(identity) };
}

async function libraryEncrypt(plaintext: Uint8Array, recipients: string[]): Promise<Uint8Array> {
  const encrypter = new Encrypter();
  for (const recipient of recipients) encrypter.addRecipient(recipient);
  return encrypter.encrypt(plaintext);
}

async function libraryDecrypt(file: Uint8Array, identity: string): Promise<Uint8Array> {
  const decrypter = new Decrypter();
  decrypter.addIdentity(identity);
  return decrypter.decrypt(file);
}

const SIZES = [0, 1, 15, 16, 17, 1000, 65535, 65536, 65537, 131071, 131072, 131073, 200_000 + randomInt(100_000)];

describe('node:crypto reader agrees with age-encryption', () => {
  for (const size of SIZES) {
    it(`round-trips ${size} random bytes (1 and 3 recipients)`, async () => {
      const pairs = [await keyPair(), await keyPair(), await keyPair()];
      const plaintext = randomBytes(size);
      for (const recipients of [[pairs[0]!.recipient], pairs.map((p) => p.recipient)]) {
        const file = await libraryEncrypt(plaintext, recipients);
        for (const pair of pairs.slice(0, recipients.length)) {
          const ours = await decryptAgeBinary(file, [NativeX25519Identity.parse(pair.identity)!]);
          const theirs = await libraryDecrypt(file, pair.identity);
          expect(Buffer.from(ours).equals(plaintext)).toBe(true);
          expect(Buffer.from(theirs).equals(plaintext)).toBe(true);
        }
      }
    });
  }

  it('reports no match for a stranger, like the library', async () => {
    const [owner, stranger] = [await keyPair(), await keyPair()];
    const file = await libraryEncrypt(randomBytes(100), [owner.recipient]);
    await expect(decryptAgeBinary(file, [NativeX25519Identity.parse(stranger.identity)!])).rejects.toMatchObject({ kind: 'no-match' });
    await expect(libraryDecrypt(file, stranger.identity)).rejects.toThrow(/no identity matched/);
  });

  it('tries every identity it is given', async () => {
    const [a, b] = [await keyPair(), await keyPair()];
    const file = await libraryEncrypt(Buffer.from('hello'), [b.recipient]);
    const ids = [a, b].map((p) => NativeX25519Identity.parse(p.identity)!);
    expect((await decryptAgeBinary(file, ids)).toString()).toBe('hello');
  });

  describe('rejects tampering where the library does too', () => {
    const cases: [string, (file: Buffer) => Buffer][] = [
      ['truncated by one byte', (f) => f.subarray(0, f.length - 1)],
      ['truncated to the header', (f) => f.subarray(0, f.indexOf('\n---') + 48)],
      ['one trailing byte', (f) => Buffer.concat([f, Buffer.from([0])])],
      ['a full extra chunk', (f) => Buffer.concat([f, randomBytes(65552)])],
    ];
    for (const [name, mutate] of cases) {
      it(name, async () => {
        const pair = await keyPair();
        const file = Buffer.from(await libraryEncrypt(randomBytes(70_000), [pair.recipient]));
        const bad = mutate(file);
        await expect(decryptAgeBinary(bad, [NativeX25519Identity.parse(pair.identity)!])).rejects.toBeInstanceOf(AgeFormatError);
        await expect(libraryDecrypt(bad, pair.identity)).rejects.toThrow();
      });
    }

    it('every single-byte flip at 300 random positions (header, MAC, nonce, chunks)', async () => {
      const pairs = [await keyPair(), await keyPair()];
      const file = Buffer.from(
        await libraryEncrypt(
          randomBytes(66_000),
          pairs.map((p) => p.recipient),
        ),
      );
      const identity = NativeX25519Identity.parse(pairs[1]!.identity)!;
      const headerEnd = file.indexOf('\n---') + 48;
      const positions = [...Array(300)].map((_, i) => (i < 150 ? randomInt(headerEnd + 16) : randomInt(file.length)));
      for (const position of positions) {
        const bad = Buffer.from(file);
        bad[position]! ^= 1 << randomInt(8);
        await expect(decryptAgeBinary(bad, [identity]), `flip at ${position}`).rejects.toBeInstanceOf(AgeFormatError);
        await expect(libraryDecrypt(bad, pairs[1]!.identity), `library, flip at ${position}`).rejects.toThrow();
      }
    });
  });
});

describe('decodeUtf8: the plaintext round-trips exactly, as a fatal TextDecoder keeping the BOM would', () => {
  const strict = (bytes: Uint8Array) => {
    try {
      return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    } catch {
      return undefined;
    }
  };
  const cases: [string, number[]][] = [
    ['empty', []],
    ['ASCII', [0x61, 0x62]],
    ['a leading BOM, kept', [0xef, 0xbb, 0xbf, 0x78]],
    ['four-byte emoji', [0xf0, 0x9f, 0x94, 0x91]],
    ['a NUL', [0x61, 0x00, 0x62]],
    ['a lone continuation byte', [0x80]],
    ['an overlong slash', [0xc0, 0xaf]],
    ['an encoded surrogate', [0xed, 0xa0, 0x80]],
    ['a truncated sequence', [0xe2, 0x82]],
    ['beyond U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
  ];
  it.each(cases)('%s', async (_name, bytes) => {
    const { decodeUtf8 } = await import('../src/decrypt.js');
    const input = Uint8Array.from(bytes);
    expect(decodeUtf8(input)).toBe(strict(input));
  });

  it('positive control: the invalid cases are refused and the BOM survives', async () => {
    const { decodeUtf8 } = await import('../src/decrypt.js');
    expect(decodeUtf8(Uint8Array.from([0xed, 0xa0, 0x80]))).toBeUndefined();
    expect(decodeUtf8(Uint8Array.from([0xef, 0xbb, 0xbf, 0x78]))).toBe('\uFEFFx');
    // A view into a larger buffer decodes only its own bytes.
    const pooled = Buffer.from('xaby');
    expect(decodeUtf8(new Uint8Array(pooled.buffer, pooled.byteOffset + 1, 2))).toBe('ab');
  });
});
