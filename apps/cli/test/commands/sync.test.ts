import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '@fnox/test-kit';
import { ageKeyPair, bytes, configText, expectHelpOf } from './admin-helpers.js';
import { project } from './secrets-helpers.js';

let box: Sandbox;
let key: { identity: string; recipient: string };
let base: string;
afterEach(() => box.cleanup());

// "remote" is a plain provider standing in for a remote store: sync copies its values into age.
beforeEach(async () => {
  key = await ageKeyPair();
  base = `# sync me
root = true

[providers.age]
type = "age"
recipients = ["${key.recipient}"]

[providers.remote]
type = "plain"

[secrets]
API = { provider = "remote", value = "api-token", description = "the api" } # remote
DOC = { provider = "remote", value = "{\\"a\\":\\"b\\"}", json_path = "a" }
LOCAL = { provider = "age", value = "ignored" }
FROM_ENV = { provider = "remote" }
`;
  box = project(base);
});

const env = () => ({ FNOX_AGE_KEY: key.identity });

describe('fnox sync', () => {
  it('writes sync = { provider, value } caches (raw values) that reads then use', async () => {
    const result = await box.run(['sync', '-p', 'age', '-f'], { env: env() });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe("Synced 2 secrets to provider 'age'\nSkipped 1 secrets (could not resolve)\n");
    expect(result.stderr).toContain("WARN Skipping secret 'FROM_ENV'");
    const text = configText(box);
    expect(text).toMatch(/API= \{ provider = "remote", value = "api-token", description = "the api", sync = \{ provider = "age", value = "YWdl[^"]+" \} \}\n/);
    expect(text).toMatch(/DOC= \{ provider = "remote", value = .*json_path = "a", sync = \{ provider = "age", value = "YWdl/);
    expect(text).toContain('LOCAL = { provider = "age", value = "ignored" }\n');
    expect(text.startsWith('# sync me\n')).toBe(true);
    // Reads go through the cache now: without the age key they fail, with it they work.
    expect((await box.run(['get', 'API'])).code).toBe(1);
    expect((await box.run(['get', 'API'], { env: env() })).stdout).toBe('api-token\n');
    expect((await box.run(['get', 'DOC'], { env: env() })).stdout).toBe('b\n');
  });

  it('--local-file writes fnox.local.toml; --source, keys and --filter select; dry run writes nothing', async () => {
    const file = join(box.project, 'fnox.toml');
    const before = bytes(file);
    const dry = await box.run(['sync', '-p', 'age', '-n', '--local-file']);
    expect(dry).toMatchObject({ code: 0, stdout: '[dry-run] Would sync 3 secrets in profile default to provider age (local-file):\n  API (from remote)\n  DOC (from remote)\n  FROM_ENV (from remote)\n' });
    const picked = await box.run(['sync', 'API', 'DOC', '-p', 'age', '-n', '-s', 'remote', '--filter', '^A']);
    expect(picked.stdout).toBe('[dry-run] Would sync 1 secrets in profile default to provider age:\n  API (from remote)\n');
    const none = await box.run(['sync', '-p', 'age', '-f', '-s', 'nothing']);
    expect(none).toMatchObject({ code: 0, stdout: 'No secrets to sync\n' });
    expect(existsSync(join(box.project, 'fnox.local.toml'))).toBe(false);

    const local = await box.run(['sync', 'API', '-p', 'age', '-f', '--local-file'], { env: env() });
    expect(local.stdout).toBe("Synced 1 secrets to provider 'age' (local-file)\n");
    expect(readFileSync(join(box.project, 'fnox.local.toml'), 'utf8')).toMatch(/^\[secrets\]\nAPI= \{ provider = "remote", value = "api-token", description = "the api", sync = \{ provider = "age", value = "YWdl[^"]+" \} \}\n$/);
    expect(bytes(file)).toEqual(before);
    expect((await box.run(['get', 'API'], { env: env() })).stdout).toBe('api-token\n');
  });

  it('takes FROM_ENV from the environment, and refuses bad targets without writing', async () => {
    const file = join(box.project, 'fnox.toml');
    const fromEnv = await box.run(['sync', 'FROM_ENV', '-p', 'age', '-f'], { env: { ...env(), FROM_ENV: 'env-value' } });
    expect(fromEnv.stdout).toBe("Synced 1 secrets to provider 'age'\n");
    expect((await box.run(['get', 'FROM_ENV'], { env: env() })).stdout).toBe('env-value\n');
    const before = bytes(file);
    const noTarget = await box.run(['sync', '-f']);
    expect(noTarget.code).toBe(1);
    expect(noTarget.stderr).toContain('No target provider specified and no default_provider configured. Use -p <provider> to specify one.');
    const unknown = await box.run(['sync', '-p', 'nope', '-f']);
    expect(unknown.stderr).toContain("Provider 'nope' not configured");
    const explicit = await box.run(['-c', 'other.toml', 'sync', '-p', 'age', '--local-file', '-f']);
    expect(explicit.code).toBe(1);
    const both = await box.run(['sync', '-p', 'age', '--local-file', '--global']);
    expect(both.code).toBe(2);
    expect(bytes(file)).toEqual(before);
  });

  it('refuses a remote-storage target and a cancelled confirmation changes nothing', async () => {
    writeFileSync(join(box.project, 'fnox.toml'), `${base}\n[providers.sm]\ntype = "aws-sm"\nregion = "us-east-1"\n`);
    const file = join(box.project, 'fnox.toml');
    const before = bytes(file);
    const sm = await box.run(['sync', '-p', 'sm', '-f']);
    expect(sm.code).toBe(1);
    expect(sm.stderr).toMatch(/Provider 'sm' cannot be used as a sync target|not installed/);
    const piped = await box.run(['sync', '-p', 'age'], { input: 'no\n' });
    expect(piped.code).toBe(1);
    expect(piped.stderr).toContain('Not syncing without confirmation: stdin is not a terminal');
    expect(bytes(file)).toEqual(before);
  });

  it('has help with examples', async () => {
    await expectHelpOf(box, ['sync']);
  });
});
