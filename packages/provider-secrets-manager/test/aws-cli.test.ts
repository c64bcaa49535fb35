import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { hermeticAwsEnv } from '@fnox/aws-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disposeAll, emulatorEnv, makeContext, makeProvider, startSm, type SmFixture } from './support/sm.js';

const run = promisify(execFile);
const IN_CI = process.env.CI === 'true' || process.env.CI === '1';
const hasAws = await run('aws', ['--version']).then(
  () => true,
  () => false,
);

let fx: SmFixture;
beforeAll(async () => {
  fx = await startSm();
});
afterAll(async () => {
  await disposeAll();
  await fx.stop();
});

/** The aws CLI (botocore v1) pointed at the emulator, from a hermetic environment. */
async function aws(args: string[]): Promise<string> {
  const { stdout } = await run('aws', [...args, '--region', 'us-east-1', '--output', 'text'], { env: hermeticAwsEnv(fx.emu.url), timeout: 60_000 });
  return stdout.trim();
}

// CI installs the aws CLI; a machine without it skips, CI fails.
describe.skipIf(!hasAws && !IN_CI)('interop with the aws CLI', () => {
  it('secrets set by the aws CLI are read by the provider, and the other way round', async () => {
    const p = await makeProvider({ region: 'us-east-1', prefix: 'myapp/' }, makeContext({ env: emulatorEnv(fx.emu.url) }));
    const value = 'postgres://u:p@db/app ✓ "quoted"';
    const [, name] = await Promise.all([
      aws(['secretsmanager', 'create-secret', '--name', 'myapp/from-cli', '--secret-string', 'set by the aws cli', '--query', 'Name']),
      p.put!('from-fnox', value),
    ]);
    expect(name).toBe('from-fnox');
    const [fromCli, fromFnox] = await Promise.all([
      p.get({ key: 'FROM_CLI', value: 'from-cli' }),
      aws(['secretsmanager', 'get-secret-value', '--secret-id', 'myapp/from-fnox', '--query', 'SecretString']),
    ]);
    expect(fromCli).toBe('set by the aws cli');
    expect(fromFnox).toBe(value);
  });
});
