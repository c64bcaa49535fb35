import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { hermeticAwsEnv } from '@fnox/aws-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disposeAll, emulatorEnv, makeContext, makeProvider, startKms, type KmsFixture } from './support/kms.js';

const run = promisify(execFile);
const IN_CI = process.env.CI === 'true' || process.env.CI === '1';
const hasAws = await run('aws', ['--version']).then(
  () => true,
  () => false,
);

let fx: KmsFixture;
let dir: string;
beforeAll(async () => {
  fx = await startKms();
  dir = mkdtempSync(join(tmpdir(), 'fnox-kms-cli-'));
});
afterAll(async () => {
  await disposeAll();
  await fx.emu.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The aws CLI (botocore v1) pointed at the emulator, from a hermetic environment. */
async function aws(args: string[]): Promise<string> {
  const { stdout } = await run('aws', [...args, '--region', 'us-east-1', '--output', 'text'], { env: hermeticAwsEnv(fx.emu.url), timeout: 60_000 });
  return stdout.trim();
}

// CI installs the aws CLI; a machine without it skips, CI fails.
describe.skipIf(!hasAws && !IN_CI)('interop with the aws CLI', () => {
  it('values written by the provider decrypt with `aws kms decrypt`, and `aws kms encrypt` output works as a value', async () => {
    const kms = await makeProvider({ key_id: fx.alias, region: 'us-east-1' }, makeContext({ env: emulatorEnv(fx.emu.url) }));
    const value = 'postgres://u:p@db/app ✓';
    const stored = await kms.put!('DATABASE_URL', value);
    writeFileSync(join(dir, 'blob.bin'), Buffer.from(stored, 'base64'));
    const [decrypted, encrypted] = await Promise.all([
      aws(['kms', 'decrypt', '--ciphertext-blob', `fileb://${join(dir, 'blob.bin')}`, '--key-id', fx.alias, '--query', 'Plaintext']),
      (async () => {
        writeFileSync(join(dir, 'plain.txt'), 'from the aws cli');
        return aws(['kms', 'encrypt', '--key-id', fx.keyArn, '--plaintext', `fileb://${join(dir, 'plain.txt')}`, '--query', 'CiphertextBlob']);
      })(),
    ]);
    expect(Buffer.from(decrypted, 'base64').toString('utf8')).toBe(value);
    expect(encrypted).toMatch(/^AQICAHh[A-Za-z0-9+/]+={0,2}$/);
    expect(await kms.get({ key: 'FROM_CLI', value: encrypted })).toBe('from the aws cli');
  });
});
