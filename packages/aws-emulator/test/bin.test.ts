import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CreateSecretCommand, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { DecryptCommand, EncryptCommand } from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeedFile } from '../src/index.js';
import { clients } from './helpers.js';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'bin.js');
const KEY_ID = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
const SEED: SeedFile = {
  keys: [{ keyId: KEY_ID, aliases: ['alias/fixture'], keyMaterial: Buffer.alloc(32, 7).toString('base64'), description: 'fixture' }],
  secrets: [{ name: 'fixture/api', secretString: 'seeded', tags: { source: 'seed' } }],
};

let dir: string;
beforeAll(() => {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run the package build first`);
  dir = mkdtempSync(join(tmpdir(), 'fnox-emu-bin-'));
  writeFileSync(join(dir, 'seed.json'), JSON.stringify(SEED));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the bin in a checkout', () => {
  it('is executable after the build (pnpm cannot mark it at install time: dist/ does not exist yet)', () => {
    expect(statSync(BIN).mode & 0o111).toBe(0o111);
    const help = spawnSync(BIN, ['--help'], { encoding: 'utf8' });
    expect(help.error).toBeUndefined();
  });
});

/** Spawns the bin and resolves once it prints its URL. */
async function launch(args: string[]): Promise<{ url: string; stop: () => Promise<number | null> }> {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => reject(new Error(`emulator exited ${code}: ${err}`)));
  });
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      }),
  };
}

describe('fnox-aws-emulator bin', () => {
  it('serves seeded keys and secrets, persists state across restarts, and exits cleanly on SIGTERM', async () => {
    const state = join(dir, 'state.json');
    const seedArgs = ['--seed', join(dir, 'seed.json')];
    const first = await launch(['--port', '0', '--state', state, ...seedArgs]);
    expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const c1 = clients(first.url);
    const blob = (await c1.kms.send(new EncryptCommand({ KeyId: 'alias/fixture', Plaintext: Buffer.from('persist me') }))).CiphertextBlob;
    expect((await c1.sm.send(new GetSecretValueCommand({ SecretId: 'fixture/api' }))).SecretString).toBe('seeded');
    await c1.sm.send(new CreateSecretCommand({ Name: 'runtime/one', SecretString: 'made at runtime' }));
    expect(await (await fetch(`${first.url}/__emu/health`)).json()).toEqual({ ok: true });
    expect(await first.stop()).toBe(0);
    expect(statSync(state).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(state, 'utf8')).version).toBe(1);

    // Restart on the same state: the seed is not applied twice, runtime data survives.
    const second = await launch(['--state', state, ...seedArgs]);
    const c2 = clients(second.url);
    expect((await c2.sm.send(new GetSecretValueCommand({ SecretId: 'runtime/one' }))).SecretString).toBe('made at runtime');
    expect(Buffer.from((await c2.kms.send(new DecryptCommand({ CiphertextBlob: blob }))).Plaintext ?? []).toString()).toBe('persist me');
    expect(await second.stop()).toBe(0);

    // A fresh emulator from the same seed (fixed key id + material) still decrypts old ciphertext.
    const fresh = await launch(seedArgs);
    const c3 = clients(fresh.url);
    const out = await c3.kms.send(new DecryptCommand({ CiphertextBlob: blob, KeyId: KEY_ID }));
    expect(Buffer.from(out.Plaintext ?? []).toString()).toBe('persist me');
    expect(await fresh.stop()).toBe(0);
  });

  it('prints usage, and one-line errors for bad arguments', () => {
    const help = spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: fnox-aws-emulator');
    const bad = spawnSync(process.execPath, [BIN, '--port', 'nope'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim()).toBe("fnox-aws-emulator: --port must be an integer 0-65535, got 'nope'");
    const missing = spawnSync(process.execPath, [BIN, '--seed', join(dir, 'absent.json')], { encoding: 'utf8' });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/^fnox-aws-emulator: cannot read seed file .*absent\.json: ENOENT/);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
  });
});
