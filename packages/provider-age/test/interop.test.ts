import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityToRecipient } from '../src/index.js';
import { tempDir } from '@fnox/test-kit';
import { run, which, IN_CI } from './support/cli.js';
import { makeContext, makeProvider } from './support/context.js';
import { ed25519KeyPair, rsaKeyPair } from './support/openssh.js';

/** Interop both ways with the `age` CLI (Debian age 1.1.1), X25519 and SSH. */

const AGE = which('age');
const AGE_KEYGEN = which('age-keygen');
const SSH_KEYGEN = which('ssh-keygen');

describe('age CLI is available', () => {
  it(IN_CI ? 'age and age-keygen are installed (required under CI)' : 'age and age-keygen are installed (skips interop locally when absent)', () => {
    if (IN_CI) {
      expect(AGE, 'age must be installed in CI (.ci/run installs it)').toBeDefined();
      expect(AGE_KEYGEN, 'age-keygen must be installed in CI').toBeDefined();
    }
  });
});

const SAMPLES = ['', 'hunter2', 'multi\nline\r\n', 'ünïcödé ✓ 秘密 🔑', 'x'.repeat(65536), 'y'.repeat(65537)];

describe.skipIf(!AGE || !AGE_KEYGEN)('interop with the age CLI', () => {
  const tmp = tempDir('fnox-age-');
  const keys: Record<string, { privateFile: string; publicLine: string; privateText: string }> = {};

  beforeAll(() => {
    run(AGE_KEYGEN!, ['-o', tmp.path('key.txt')]);
    const privateText = readFileSync(tmp.path('key.txt'), 'utf8');
    keys.x25519 = { privateFile: tmp.path('key.txt'), publicLine: run(AGE_KEYGEN!, ['-y', tmp.path('key.txt')]).toString().trim(), privateText };
    // Prefer ssh-keygen (an independent OpenSSH writer); fall back to our own writer.
    for (const [name, args, make] of [
      ['ed25519', ['-t', 'ed25519'], ed25519KeyPair],
      ['rsa', ['-t', 'rsa', '-b', '2048'], () => rsaKeyPair(2048)],
      ['rsa-pem', ['-t', 'rsa', '-b', '2048', '-m', 'PEM'], () => rsaKeyPair(3072)],
    ] as const) {
      const file = tmp.path(`id_${name}`);
      if (SSH_KEYGEN) {
        run(SSH_KEYGEN, [...args, '-N', '', '-q', '-C', 'fnox-test', '-f', file]);
      } else {
        const pair = make();
        writeFileSync(file, pair.privateKey, { mode: 0o600 });
        writeFileSync(`${file}.pub`, `${pair.publicKey}\n`);
      }
      keys[name] = { privateFile: file, publicLine: readFileSync(`${file}.pub`, 'utf8').trim(), privateText: readFileSync(file, 'utf8') };
    }
    // Keys from the in-test OpenSSH writer too: age must accept them, proving the writer the
    // SSH unit tests rely on (and the parser reading them) against an independent implementation.
    for (const [name, pair] of [['ed25519-own', ed25519KeyPair()], ['rsa-own', rsaKeyPair(2048)]] as const) {
      const file = tmp.path(`id_${name}`);
      writeFileSync(file, pair.privateKey, { mode: 0o600 });
      writeFileSync(`${file}.pub`, `${pair.publicKey}\n`);
      keys[name] = { privateFile: file, publicLine: pair.publicKey, privateText: pair.privateKey };
    }
    chmodSync(tmp.path('key.txt'), 0o600);
  });
  afterAll(() => tmp.cleanup());

  it('derives the same recipient as age-keygen -y', () => {
    const line = keys.x25519!.privateText.split('\n').find((l) => l.startsWith('AGE-SECRET-KEY-1'))!;
    expect(identityToRecipient(line)).toBe(keys.x25519!.publicLine);
  });

  for (const kind of ['x25519', 'ed25519', 'rsa', 'rsa-pem', 'ed25519-own', 'rsa-own']) {
    it(`fnox → age -d (${kind})`, async () => {
      const key = keys[kind]!;
      const provider = await makeProvider({ recipients: [key.publicLine] });
      for (const sample of SAMPLES) {
        const stored = await provider.put!('K', sample);
        expect(stored.startsWith('YWdlLWVuY3J5cHRpb24ub3JnL3Yx')).toBe(true);
        const out = run(AGE!, ['-d', '-i', key.privateFile], Buffer.from(stored, 'base64'));
        expect(out.toString('utf8')).toBe(sample);
      }
    });

    it(`age -r/-R → fnox (${kind})`, async () => {
      const key = keys[kind]!;
      const recipientArgs = kind === 'x25519' ? ['-r', key.publicLine] : ['-R', `${key.privateFile}.pub`];
      const viaFile = await makeProvider({ recipients: [], key_file: key.privateFile });
      const viaEnv = await makeProvider({ recipients: [] }, makeContext({ env: { FNOX_AGE_KEY: key.privateText } }));
      for (const sample of SAMPLES) {
        const file = run(AGE!, recipientArgs, sample);
        const stored = file.toString('base64'); // printf %s "$v" | age -r R | base64 -w0
        expect(await viaFile.get({ key: 'K', value: stored })).toBe(sample);
        expect(await viaEnv.get({ key: 'K', value: stored })).toBe(sample);
      }
      const armored = run(AGE!, ['-a', ...recipientArgs], 'armored value').toString('utf8');
      expect(await viaFile.get({ key: 'K', value: armored })).toBe('armored value');
    });
  }

  it('age multi-recipient files (X25519 + ssh-ed25519 + ssh-rsa) decrypt with each identity', async () => {
    const file = run(AGE!, ['-r', keys.x25519!.publicLine, '-R', `${keys.ed25519!.privateFile}.pub`, '-R', `${keys.rsa!.privateFile}.pub`], 'shared');
    for (const kind of ['x25519', 'ed25519', 'rsa']) {
      const provider = await makeProvider({ recipients: [], key_file: keys[kind]!.privateFile });
      expect(await provider.get({ key: 'K', value: file.toString('base64') })).toBe('shared');
    }
  });

  it('fnox multi-recipient values decrypt with age for each identity', async () => {
    const provider = await makeProvider({ recipients: ['x25519', 'ed25519', 'rsa'].map((k) => keys[k]!.publicLine) });
    const stored = await provider.put!('K', 'for everyone');
    for (const kind of ['x25519', 'ed25519', 'rsa']) {
      expect(run(AGE!, ['-d', '-i', keys[kind]!.privateFile], Buffer.from(stored, 'base64')).toString()).toBe('for everyone');
    }
  });

  it('a value age encrypted to someone else fails with a clear message', async () => {
    const file = run(AGE!, ['-R', `${keys.ed25519!.privateFile}.pub`], 'not yours');
    const provider = await makeProvider({ recipients: [], key_file: keys.x25519!.privateFile });
    await expect(provider.get({ key: 'DB_URL', value: file.toString('base64') })).rejects.toMatchObject({
      code: 'decrypt',
      message: 'Age decryption failed: none of your age identities can decrypt DB_URL',
    });
  });
});
