import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '@fnox/test-kit';
import { ageKeyPair, expectHelpOf } from './admin-helpers.js';
import { project } from './secrets-helpers.js';

let box: Sandbox;
afterEach(() => box.cleanup());

describe('fnox doctor', () => {
  it('reports config, secrets, providers, identity sources and provider health', async () => {
    const { identity, recipient } = await ageKeyPair();
    box = project(`root = true
env = "exec"

[providers.age]
type = "age"
recipients = ["${recipient}"]
key_file = "keys/age.txt"

[providers.broken]
type = "aws-kms"
region = "us-east-1"
key_id = "k"

[secrets]
DB = { provider = "age", value = "x", if_missing = "error" }
NOTE = { default = "hello" }
EMPTY = { }
`);
    mkdirSync(join(box.project, 'keys'));
    writeFileSync(join(box.project, 'keys', 'age.txt'), `${identity}\n`, { mode: 0o600 });
    const result = await box.run(['doctor'], { env: { FNOX_AGE_KEY: identity, FNOX_PROFILE: 'default' } });
    // The broken provider makes doctor fail, after the whole report (docs/ci.md).
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error: 1 provider(s) failed the health check: broken');
    const out = result.stdout;
    expect(out.startsWith('🏥 Fnox Doctor Report\n====================\n\n📄 Configuration:\n  File: fnox.toml\n  Profile: default\n  Status: ✓ Loaded successfully\n')).toBe(true);
    expect(out).toContain(`  Loaded: ${join(box.project, 'fnox.toml')}\n`);
    expect(out).toContain('🔐 Secrets:\n  Count: 3\n  With value source: 2\n  Required: 1\n  Using providers: 1\n  Secrets:\n    ✓ DB (provider: age)\n    ✓ NOTE (provider: plain)\n    ? EMPTY (provider: plain)\n');
    expect(out).toContain('🔧 Providers:\n  Count: 2\n  Providers:\n    age (age)\n    broken (aws-kms)\n');
    expect(out).toContain('  FNOX_PROFILE: default\n');
    expect(out).toContain('  ⚠ FNOX_AGE_KEY is exported in this shell while the top-level `env` default keeps secrets out of it.');
    expect(out).toContain('  age (age identity):\n    → FNOX_AGE_KEY environment variable [used]\n');
    expect(out).toContain(`      key_file of provider 'age': ${join(box.project, 'keys', 'age.txt')} (found)\n`);
    expect(out).toContain('  age: Testing... ✓\n');
    expect(out).toMatch(/ {2}broken: ✗ Failed to initialize: .*aws-kms/);
    expect(out).toContain('💡 Tips:\n');
    expect(out).not.toContain(identity);
  });

  it('--json gives the same facts as data', async () => {
    box = project('[providers.plain]\ntype = "plain"\n\n[secrets]\nA = { provider = "plain", value = "v" }\n');
    const result = await box.run(['dr', '--json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({
      profile: 'default',
      files: [join(box.project, 'fnox.toml')],
      secrets: { count: 1, withValueSource: 1, required: 0, usingProviders: 1, list: [{ name: 'A', hasValue: true, provider: 'plain' }] },
      providers: [{ name: 'plain', type: 'plain' }],
      defaultProvider: 'plain',
      health: [{ name: 'plain', type: 'plain', ok: true }],
    });
  });

  it('a validation error aborts after the header; a missing -c file fails to read', async () => {
    box = project('[providers.p]\ntype = "plain"\n\n[secrets]\nA = { provider = "age", value = "" }\n');
    const invalid = await box.run(['doctor']);
    expect(invalid.code).toBe(1);
    expect(invalid.stdout).toBe('🏥 Fnox Doctor Report\n====================\n\n📄 Configuration:\n  File: fnox.toml\n  Profile: default\n');
    expect(invalid.stderr).toContain("Secret 'A' has an empty value");
    const missing = await box.run(['-c', 'nope.toml', 'doctor']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Failed to read configuration file');
  });

  it('has help with examples', async () => {
    box = project('');
    await expectHelpOf(box, ['doctor']);
  });
});
