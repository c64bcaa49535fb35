import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hermeticAwsEnv } from '@fnox/aws-emulator';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeConfig, type RegistryContext } from './context.js';
import { mustSucceed, runCommand } from '@fnox/test-kit';
import { sizeKiB } from '../ecosystem/pack.js';
import { installedCopies, installedNames } from './tree.js';

// The app's own tool for making a ciphertext: the AWS SDK that came with the provider, so the value
// fnox decrypts was not produced by fnox.
const SEAL = `import { EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
const out = await new KMSClient({}).send(new EncryptCommand({ KeyId: process.argv[2], Plaintext: new TextEncoder().encode(process.argv[3]) }));
process.stdout.write(Buffer.from(out.CiphertextBlob).toString('base64'));
`;

/** Scenario 5: a Node app with `npm install @fnox/core @fnox/provider-aws-kms` and no CLI. */
export function describeNodeApp(ctx: RegistryContext): void {
  describe('5. a Node app: npm install @fnox/core @fnox/provider-aws-kms from the registry', () => {
    let app: string;
    let env: NodeJS.ProcessEnv;
    const node = (args: string[], extra: NodeJS.ProcessEnv = {}) => runCommand(process.execPath, args, { cwd: app, env: { ...env, ...extra }, timeoutMs: 120_000 });

    beforeAll(async () => {
      app = join(ctx.work, 'node-app');
      mkdirSync(app);
      const home = join(ctx.work, 'node-app-home');
      // The app's runtime environment: its own HOME and config dir, AWS pointed at the emulator.
      env = hermeticAwsEnv(ctx.emulator.url, { base: { PATH: process.env.PATH, HOME: home, XDG_CONFIG_HOME: join(home, '.config') } });
      writeFileSync(join(app, 'package.json'), `${JSON.stringify({ name: 'fnox-registry-node-app', private: true, type: 'module' }, null, 2)}\n`);
      mustSucceed(
        await runCommand('npm', ['install', '@fnox/core', '@fnox/provider-aws-kms'], { cwd: app, env: { PATH: process.env.PATH, HOME: home, ...ctx.registry.npmEnv() }, timeoutMs: 600_000 }),
        'npm install @fnox/core @fnox/provider-aws-kms',
      );
      ctx.sizes.set('node app: npm install @fnox/core @fnox/provider-aws-kms (node_modules)', sizeKiB(join(app, 'node_modules')));
      writeFileSync(join(app, 'seal.mjs'), SEAL);
      const sealed = mustSucceed(await node(['seal.mjs', ctx.kmsKey, 'postgres://app:registry-pw@db/app']), 'seal with the AWS SDK').stdout;
      writeConfig(app, [
        '[providers.kms]', 'type = "aws-kms"', `key_id = "${ctx.kmsKey}"`, 'region = "us-east-1"', '',
        '[secrets]', `DATABASE_URL = { provider = "kms", value = "${sealed}" }`, 'LOG_LEVEL = { default = "info" }',
      ]);
      writeFileSync(join(app, 'api.mjs'), "import { loadSecrets } from '@fnox/core';\nconsole.log(JSON.stringify(await loadSecrets()));\n");
      writeFileSync(join(app, 'main.mjs'), 'console.log(JSON.stringify({ DATABASE_URL: process.env.DATABASE_URL, LOG_LEVEL: process.env.LOG_LEVEL }));\n');
    }, 660_000);

    it('holds the library and the provider, and no CLI: no oclif, no age-encryption, no Secrets Manager client', () => {
      const names = installedNames(app);
      for (const name of ['@fnox/core', '@fnox/contract', '@fnox/provider-aws-kms', '@aws-sdk/client-kms']) expect(names).toContain(name);
      expect([...names].filter((n) => n === 'oclif' || n.startsWith('@oclif/'))).toEqual([]);
      expect(installedCopies(app, 'age-encryption')).toEqual([]);
      for (const name of ['@fnox/cli', '@fnox/provider-age', '@aws-sdk/client-secrets-manager']) expect(installedCopies(app, name)).toEqual([]);
    });

    it('reads the KMS secret with loadSecrets(), finding the provider among its dependencies', async () => {
      ctx.emulator.control.clearRequests();
      const result = await node(['api.mjs']);
      expect(result.stderr).toBe('');
      expect(JSON.parse(result.stdout)).toEqual({ DATABASE_URL: 'postgres://app:registry-pw@db/app', LOG_LEVEL: 'info' });
      expect(ctx.emulator.control.requests({ service: 'kms' }).map((r) => r.operation)).toEqual(['Decrypt']);
    });

    it('has it in process.env before the app starts with node --import @fnox/core/register', async () => {
      const result = await node(['--import', '@fnox/core/register', 'main.mjs']);
      expect(result.stderr).toBe('');
      expect(JSON.parse(result.stdout)).toEqual({ DATABASE_URL: 'postgres://app:registry-pw@db/app', LOG_LEVEL: 'info' });
    });
  });
}
