import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start, type RunningEmulator } from '../src/index.js';
import { aws, clients } from './helpers.js';

let emu: RunningEmulator;
let dir: string;

beforeAll(async () => {
  emu = await start();
  dir = mkdtempSync(join(tmpdir(), 'fnox-emu-cli-sm-'));
});
afterAll(async () => {
  await emu.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('aws CLI (botocore v1) against the Secrets Manager emulator', () => {
  it('creates, updates and reads secrets (string and binary, current and previous)', async () => {
    writeFileSync(join(dir, 'cert.bin'), Buffer.from([0xde, 0xad, 0xbe, 0xef]));
    const [created, binary] = await Promise.all([
      aws(emu.url, ['secretsmanager', 'create-secret', '--name', 'cli/db', '--secret-string', 'v1', '--description', 'database', '--tags', 'Key=team,Value=core']),
      aws(emu.url, ['secretsmanager', 'create-secret', '--name', 'cli/cert', '--secret-binary', `fileb://${join(dir, 'cert.bin')}`]),
    ]);
    expect(created.code, created.stderr).toBe(0);
    expect(created.json.ARN).toMatch(/^arn:aws:secretsmanager:us-east-1:000000000000:secret:cli\/db-/);
    expect(binary.code, binary.stderr).toBe(0);
    const put = await aws(emu.url, ['secretsmanager', 'put-secret-value', '--secret-id', 'cli/db', '--secret-string', 'v2']);
    expect(put.json.VersionStages).toEqual(['AWSCURRENT']);
    const updated = await aws(emu.url, ['secretsmanager', 'update-secret', '--secret-id', created.json.ARN, '--secret-string', 'v3']);
    expect(updated.code, updated.stderr).toBe(0);
    const [current, previous, cert] = await Promise.all([
      aws(emu.url, ['secretsmanager', 'get-secret-value', '--secret-id', 'cli/db']),
      aws(emu.url, ['secretsmanager', 'get-secret-value', '--secret-id', 'cli/db', '--version-stage', 'AWSPREVIOUS']),
      aws(emu.url, ['secretsmanager', 'get-secret-value', '--secret-id', 'cli/cert']),
    ]);
    expect(current.json).toMatchObject({ Name: 'cli/db', SecretString: 'v3', VersionStages: ['AWSCURRENT'] });
    expect(previous.json.SecretString).toBe('v2');
    expect(Buffer.from(cert.json.SecretBinary, 'base64')).toEqual(Buffer.from([0xde, 0xad, 0xbe, 0xef]));
    // The SDK sees what the CLI wrote.
    expect((await clients(emu.url).sm.send(new GetSecretValueCommand({ SecretId: 'cli/db' }))).SecretString).toBe('v3');
  });

  it('batch-gets (this CLI version has batch-get-secret-value), describes and lists', async () => {
    const [batch, described, listed] = await Promise.all([
      aws(emu.url, ['secretsmanager', 'batch-get-secret-value', '--secret-id-list', 'cli/db', 'cli/cert', 'cli/missing']),
      aws(emu.url, ['secretsmanager', 'describe-secret', '--secret-id', 'cli/db']),
      aws(emu.url, ['secretsmanager', 'list-secrets', '--filters', 'Key=tag-key,Values=team']),
    ]);
    expect(batch.code, batch.stderr).toBe(0);
    expect(batch.json.SecretValues.map((v: { Name: string }) => v.Name)).toEqual(['cli/db', 'cli/cert']);
    expect(batch.json.Errors).toEqual([
      { SecretId: 'cli/missing', ErrorCode: 'ResourceNotFoundException', Message: "Secrets Manager can't find the specified secret." },
    ]);
    expect(described.json).toMatchObject({ Name: 'cli/db', Description: 'database', Tags: [{ Key: 'team', Value: 'core' }] });
    expect(described.json).not.toHaveProperty('SecretString');
    expect(listed.json.SecretList.map((s: { Name: string }) => s.Name)).toEqual(['cli/db']);
  });

  it('deletes with a recovery window, restores, and force-deletes', async () => {
    const deleted = await aws(emu.url, ['secretsmanager', 'delete-secret', '--secret-id', 'cli/db', '--recovery-window-in-days', '7']);
    expect(deleted.code, deleted.stderr).toBe(0);
    const denied = await aws(emu.url, ['secretsmanager', 'get-secret-value', '--secret-id', 'cli/db']);
    expect(denied.stderr).toContain(
      "An error occurred (InvalidRequestException) when calling the GetSecretValue operation: You can't perform this operation on the secret because it was marked for deletion.",
    );
    expect((await aws(emu.url, ['secretsmanager', 'restore-secret', '--secret-id', 'cli/db'])).code).toBe(0);
    const forced = await aws(emu.url, ['secretsmanager', 'delete-secret', '--secret-id', 'cli/db', '--force-delete-without-recovery']);
    expect(forced.code, forced.stderr).toBe(0);
    const gone = await aws(emu.url, ['secretsmanager', 'get-secret-value', '--secret-id', 'cli/db']);
    expect(gone.stderr).toContain(
      "An error occurred (ResourceNotFoundException) when calling the GetSecretValue operation: Secrets Manager can't find the specified secret.",
    );
  });
});
