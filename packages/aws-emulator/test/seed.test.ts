import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DescribeKeyCommand } from '@aws-sdk/client-kms';
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { describe, expect, it } from 'vitest';
import { start, type SeedFile } from '../src/index.js';
import { clients, rejection } from './helpers.js';

const README = join(dirname(fileURLToPath(import.meta.url)), '..', 'README.md');

describe('seeding', () => {
  it('accepts the README\'s example seed file', async () => {
    const block = /## Seed file\s+```json\n([\s\S]*?)```/.exec(readFileSync(README, 'utf8'))?.[1];
    const seed = JSON.parse(block ?? 'null') as SeedFile;
    const emu = await start({ seed });
    expect(emu.seeded.keys).toEqual([
      { keyId: '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0', arn: 'arn:aws:kms:us-east-1:000000000000:key/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0', aliases: ['alias/fnox'] },
    ]);
    const { kms, sm } = clients(emu.url);
    expect((await kms.send(new DescribeKeyCommand({ KeyId: 'alias/fnox' }))).KeyMetadata?.Description).toBe('test key');
    expect((await sm.send(new GetSecretValueCommand({ SecretId: 'rotated' }))).SecretString).toBe('new');
    expect((await sm.send(new GetSecretValueCommand({ SecretId: 'rotated', VersionStage: 'AWSPREVIOUS' }))).SecretString).toBe('old');
    expect(Buffer.from((await sm.send(new GetSecretValueCommand({ SecretId: 'prod/cert' }))).SecretBinary ?? [])).toEqual(Buffer.from([0xde, 0xad, 0xbe, 0xef]));
    const profileB = clients(emu.url, { accessKeyId: 'AKIAPROFILEB', secretAccessKey: 'b' });
    expect((await rejection(profileB.sm.send(new GetSecretValueCommand({ SecretId: 'prod/db' })))).name).toBe('ResourceNotFoundException');
    await emu.stop();
  });

  it('rejects duplicate seeds with a one-line error, and resets to empty', async () => {
    const emu = await start({ seed: { secrets: [{ name: 'a', secretString: 'x' }] } });
    expect(() => emu.control.seed({ secrets: [{ name: 'a', secretString: 'y' }] })).toThrow('seed secret a already exists in 000000000000/us-east-1');
    emu.control.reset();
    expect((await rejection(clients(emu.url).sm.send(new GetSecretValueCommand({ SecretId: 'a' })))).name).toBe('ResourceNotFoundException');
    expect(emu.control.snapshot().regions?.every((r) => r.secrets.length === 0)).toBe(true);
    await emu.stop();
  });
});
