/**
 * Changing the KMS key of a project, as docs/providers/aws-kms.md ("Key rotation") tells users to:
 * the page's shell steps run literally through `sh -c`, and `fnox reencrypt --provider kms` moves
 * secrets of two layered files to the new key. The linked aws-kms plugin, the built CLI and the
 * loopback emulator (never a real endpoint). Skipped when the AWS packages are not built.
 */
import { execFile, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FNOX_BIN, sandbox, type Sandbox } from '@fnox/test-kit';

const packages = fileURLToPath(new URL('../../../../packages/', import.meta.url));
const emulatorEntry = join(packages, 'aws-emulator', 'dist', 'index.js');
const kmsPlugin = join(packages, 'provider-aws-kms');
const usable = existsSync(emulatorEntry) && existsSync(join(kmsPlugin, 'dist', 'provider.js'));
// Under CI the packages are always built first (turbo.json); a skip there would hide a broken build.
if (!usable && process.env.CI) throw new Error('aws-emulator / provider-aws-kms are not built');
const hasAws = await promisify(execFile)('aws', ['--version']).then(
  () => true,
  () => false,
);

interface Emulator {
  url: string;
  stop(): Promise<void>;
  control: { seed(seed: { keys: { description?: string }[] }): { keys: { keyId: string; arn: string }[] } };
}
type Kms = typeof import('@aws-sdk/client-kms');

let emulator: Emulator;
let box: Sandbox;
let awsEnv: Record<string, string>;
let kms: InstanceType<Kms['KMSClient']>;
let sdk: Kms;

/** `aws kms enable-key` / `disable-key` through the SDK of the KMS plugin. */
async function setEnabled(keyId: string, enabled: boolean): Promise<void> {
  await kms.send(enabled ? new sdk.EnableKeyCommand({ KeyId: keyId }) : new sdk.DisableKeyCommand({ KeyId: keyId }));
}

/** Run `script` with `sh -c` in `cwd`, `fnox` and `aws` on PATH, talking only to the emulator. */
function sh(script: string, cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', script], { cwd, env: awsEnv, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), 300_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end();
  });
}

describe.skipIf(!usable)('changing the KMS key (emulator)', () => {
  beforeAll(async () => {
    const mod = (await import(pathToFileURL(emulatorEntry).href)) as {
      start(): Promise<Emulator>;
      hermeticAwsEnv(url: string, options: { base: NodeJS.ProcessEnv }): Record<string, string>;
      awsClientConfig(url: string): Record<string, unknown>;
    };
    emulator = await mod.start();
    box = sandbox();
    const bin = join(box.home, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'fnox'), `#!/bin/sh\nexec '${process.execPath}' '${FNOX_BIN}' "$@"\n`);
    chmodSync(join(bin, 'fnox'), 0o755);
    const base = { ...box.env, PATH: `${bin}:${box.env.PATH ?? '/usr/bin:/bin'}`, FNOX_CONFIG_DIR: join(box.home, '.config', 'fnox') };
    awsEnv = mod.hermeticAwsEnv(emulator.url, { base });
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
    sdk = (await import(pathToFileURL(createRequire(join(kmsPlugin, 'package.json')).resolve('@aws-sdk/client-kms')).href)) as Kms;
    kms = new sdk.KMSClient(mod.awsClientConfig(emulator.url));
    const linked = await box.run(['plugins', 'link', kmsPlugin, '--no-install'], { timeoutMs: 120_000 });
    expect(linked.code, linked.stderr).toBe(0);
  }, 180_000);

  afterAll(async () => {
    kms?.destroy();
    await emulator?.stop();
    box?.cleanup();
  });

  it.skipIf(!hasAws && !process.env.CI)(
    "the page's steps, literally: new key, edit key_id, `fnox set K \"$(fnox get K)\"` for each secret; then the old key is disabled and every value reads",
    async () => {
      const dir = join(box.home, 'literal');
      mkdirSync(dir);
      const script = `set -eu
OLD=$(aws kms create-key --description old --query KeyMetadata.Arn --output text)
cat > fnox.toml <<EOF
[providers.kms]
type = "aws-kms"
key_id = "$OLD"
region = "us-east-1"
EOF
fnox set DATABASE_URL 'postgres://app:pw@db.internal:5432/app' --provider kms
fnox set API_KEY 'k $HOME "quoted" and spaced' --provider kms
fnox set TOKEN tok-123 --provider kms
NEW=$(aws kms create-key --description new --query KeyMetadata.Arn --output text)
sed -i "s|$OLD|$NEW|" fnox.toml
for k in DATABASE_URL API_KEY TOKEN; do
  fnox set "$k" "$(fnox get "$k")" --provider kms
done
echo "--- moved" >&2
aws kms disable-key --key-id "$OLD"
for k in DATABASE_URL API_KEY TOKEN; do fnox get "$k"; done
echo "$OLD" > old-key
`;
      const result = await sh(script, dir);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout.split('\n').filter((l) => !l.startsWith('✓'))).toEqual([
        'postgres://app:pw@db.internal:5432/app',
        'k $HOME "quoted" and spaced',
        'tok-123',
        '',
      ]);
      const old = readFileSync(join(dir, 'old-key'), 'utf8').trim();
      const [during, after] = result.stderr.split('--- moved\n');
      // Each `fnox get` in the loop read a value still under the old key and said so, once.
      for (const key of ['DATABASE_URL', 'API_KEY', 'TOKEN']) {
        expect(during).toContain(`'kms': ${key} is still encrypted with KMS key '${old}'`);
      }
      expect(during!.match(/fnox reencrypt --provider kms/g)).toHaveLength(3);
      expect(after).toBe('');
    },
    360_000,
  );

  it('fnox reencrypt --provider kms moves secrets of two layered files to the new key; per-secret failures write nothing', async () => {
    const [oldKey, newKey] = emulator.control.seed({ keys: [{ description: 'old' }, { description: 'new' }] }).keys;
    const parentDir = join(box.home, 'layered');
    const appDir = join(parentDir, 'app');
    mkdirSync(appDir, { recursive: true });
    const parentFile = join(parentDir, 'fnox.toml');
    const appFile = join(appDir, 'fnox.toml');
    writeFileSync(parentFile, `# team-wide settings\n[providers.kms]\ntype = "aws-kms"\nkey_id = "${oldKey!.arn}" # the team key\nregion = "us-east-1"\n\n[secrets]\n`);
    writeFileSync(appFile, '# the app\n[secrets]\n');
    const values: Record<string, string> = {
      DATABASE_URL: 'postgres://app:pw@db.internal:5432/app',
      API_KEY: 'api-key-123',
      STAGING_TOKEN: 'staging-token',
    };
    const set = async (args: string[], cwd: string) => {
      const r = await box.run(['set', ...args, '--provider', 'kms'], { cwd, env: awsEnv });
      expect(r.code, r.stderr).toBe(0);
    };
    await set(['DATABASE_URL', values.DATABASE_URL!], parentDir);
    await set(['API_KEY', values.API_KEY!], appDir);
    await set(['STAGING_TOKEN', values.STAGING_TOKEN!, '-P', 'staging'], appDir);
    // Comments and layout the rewrite must keep, around and between the entries fnox wrote.
    writeFileSync(parentFile, readFileSync(parentFile, 'utf8').replace('[secrets]\n', '[secrets]\n# shared database\n') + '\n# end of team file\n');
    writeFileSync(appFile, readFileSync(appFile, 'utf8').replace(/^(API_KEY)/m, '# rotated yearly\n$1') + '\n# end of app file\n');
    writeFileSync(parentFile, readFileSync(parentFile, 'utf8').replace(oldKey!.arn, newKey!.arn));
    const before = { parent: readFileSync(parentFile, 'utf8'), app: readFileSync(appFile, 'utf8') };

    const stale = await box.run(['get', 'API_KEY'], { cwd: appDir, env: awsEnv });
    expect(stale.stdout).toBe(`${values.API_KEY}\n`);
    expect(stale.stderr.trim().split('\n')).toHaveLength(1);
    expect(stale.stderr).toContain(`API_KEY is still encrypted with KMS key '${oldKey!.arn}', not key_id '${newKey!.arn}'`);
    expect(stale.stderr).toContain('fnox reencrypt --provider kms');

    // A batch (exec/export/hook: getMany) warns once for all of them.
    const exported = await box.run(['export', '-P', 'staging', '-f', 'env'], { cwd: appDir, env: awsEnv });
    expect(exported.code, exported.stderr).toBe(0);
    for (const value of Object.values(values)) expect(exported.stdout).toContain(value);
    expect(exported.stderr).toBe(
      `Warning: AWS KMS provider 'kms': API_KEY, DATABASE_URL, STAGING_TOKEN are still encrypted with KMS key '${oldKey!.arn}', not key_id '${newKey!.arn}' ` +
        '(decrypted with the key named in the ciphertext). Re-encrypt under the current key with: fnox reencrypt --provider kms\n',
    );

    const dry = await box.run(['reencrypt', '--provider', 'kms', '-P', 'staging', '--dry-run'], { cwd: appDir, env: awsEnv });
    expect(dry.stdout).toBe('[dry-run] Would re-encrypt 3 secrets in profile staging:\n  DATABASE_URL (kms)\n  API_KEY (kms)\n  STAGING_TOKEN (kms)\n');

    // Old key unusable: every secret is reported, nothing is written.
    await setEnabled(oldKey!.keyId, false);
    const undecryptable = await box.run(['reencrypt', '--provider', 'kms', '-P', 'staging', '--force'], { cwd: appDir, env: awsEnv });
    expect(undecryptable.code).toBe(1);
    expect(undecryptable.stderr).toContain('Failed to re-encrypt 3 secrets; no file was changed');
    for (const key of Object.keys(values)) {
      expect(undecryptable.stderr).toContain(`WARN Error resolving secret '${key}': AWS KMS: ${key} was encrypted with a different KMS key than '${newKey!.arn}' (the key that encrypted it refused too: DisabledException: ${oldKey!.arn} is disabled.)`);
      expect(undecryptable.stderr).toContain(`Failed to decrypt secret '${key}' — cannot re-encrypt`);
    }
    await setEnabled(oldKey!.keyId, true);
    // New key unusable: decrypts work, encrypts fail, each listed; nothing is written.
    await setEnabled(newKey!.keyId, false);
    const unencryptable = await box.run(['reencrypt', '--provider', 'kms', '-P', 'staging', '--force'], { cwd: appDir, env: awsEnv });
    expect(unencryptable.code).toBe(1);
    expect(unencryptable.stderr).toContain('Failed to re-encrypt 3 secrets; no file was changed');
    for (const key of Object.keys(values)) expect(unencryptable.stderr).toContain(`${key} (provider 'kms'): AWS KMS: key '${newKey!.arn}' is disabled`);
    await setEnabled(newKey!.keyId, true);
    expect({ parent: readFileSync(parentFile, 'utf8'), app: readFileSync(appFile, 'utf8') }).toEqual(before);

    const moved = await box.run(['reencrypt', '--provider', 'kms', '-P', 'staging', '--force'], { cwd: appDir, env: awsEnv });
    expect(moved.code, moved.stderr).toBe(0);
    expect(moved.stdout).toBe('Re-encrypted 3 secrets\n');

    // Only the value inside each entry's quotes changed; comments, order and every other byte stayed.
    // (A comment at the end of a rewritten entry's own line would go, as upstream's toml_edit drops it.)
    const after = { parent: readFileSync(parentFile, 'utf8'), app: readFileSync(appFile, 'utf8') };
    const valueLess = (text: string) => text.replace(/value = "[A-Za-z0-9+/=]+"/g, 'value = "…"');
    expect(valueLess(after.parent)).toBe(valueLess(before.parent));
    expect(valueLess(after.app)).toBe(valueLess(before.app));
    const changed = (a: string, b: string) => a.split('\n').filter((line, i) => line !== b.split('\n')[i]);
    expect(changed(after.parent, before.parent)).toEqual([expect.stringMatching(/^DATABASE_URL ?= \{ provider = "kms", value = "AQICAHh/)]);
    expect(changed(after.app, before.app)).toHaveLength(2);

    // With the old key disabled, every value reads, with no warning: all are under the new key.
    await setEnabled(oldKey!.keyId, false);
    for (const [key, value] of Object.entries(values)) {
      const got = await box.run(['get', key, '-P', 'staging'], { cwd: appDir, env: awsEnv });
      expect([got.code, got.stdout, got.stderr]).toEqual([0, `${value}\n`, '']);
    }
    // And each stored ciphertext decrypts when Decrypt names the new key (KMS refuses another key's ciphertext).
    const stored = [...`${after.parent}${after.app}`.matchAll(/value = "([A-Za-z0-9+/=]+)"/g)].map((m) => m[1]!);
    expect(stored).toHaveLength(3);
    for (const blob of stored) {
      const out = await kms.send(new sdk.DecryptCommand({ KeyId: newKey!.keyId, CiphertextBlob: Buffer.from(blob, 'base64') }));
      expect(out.KeyId).toBe(newKey!.arn);
    }
  }, 300_000);
});
