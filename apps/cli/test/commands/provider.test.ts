import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { sandbox, type Sandbox } from '@fnox/test-kit';
import { bytes, configText, expectHelpOf } from './admin-helpers.js';
import { project } from './secrets-helpers.js';

const PACKAGES = fileURLToPath(new URL('../../../../packages/', import.meta.url));
let box: Sandbox;
afterEach(() => box?.cleanup());

const BASE = `# team config
root = true

[providers.plain]
type = "plain" # trailing note

# the secrets
[secrets]
A = { provider = "plain", value = "x" }
`;

describe('fnox provider add', () => {
  it('writes a [providers.NAME] template after the existing providers, keeping comments', async () => {
    box = project(BASE);
    const result = await box.run(['provider', 'add', 'age', 'age']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`✓ Added provider 'age'\n\nNote: Please edit '${join(box.project, 'fnox.toml')}' to configure the provider settings.\n`);
    expect(configText(box)).toBe(BASE.replace('# trailing note\n', '# trailing note\n\n[providers.age]\ntype = "age"\nrecipients = ["age1..."]\n'));
  });

  it('writes the template of the installed type (upstream\'s aws is aws-sm); a type that is not installed answers with its install command', async () => {
    box = project(BASE);
    for (const plugin of ['provider-secrets-manager', 'provider-aws-kms']) {
      const linked = await box.run(['plugins', 'link', join(PACKAGES, plugin), '--no-install'], { timeoutMs: 120_000 });
      expect(linked.code, linked.stderr).toBe(0);
    }
    for (const [name, type] of [['sm', 'aws'], ['kms', 'aws-kms'], ['p2', 'plain']]) {
      expect((await box.run(['provider', 'a', name!, type!])).code).toBe(0);
    }
    const text = configText(box);
    expect(text).toContain('[providers.sm]\ntype = "aws-sm"\nregion = "us-east-1"\n');
    expect(text).toContain('[providers.kms]\ntype = "aws-kms"\nregion = "us-east-1"\nkey_id = "alias/my-key"\n');
    expect(text).toContain('[providers.p2]\ntype = "plain"\n');
    expect(text).toContain('# the secrets\n[secrets]\n');
    const before = configText(box);
    const gcp = await box.run(['provider', 'a', 'g', 'gcp']);
    expect(gcp.code).toBe(1);
    expect(gcp.stderr).toContain("Provider type 'gcp-sm' (Google Secret Manager) is not installed");
    expect(configText(box)).toBe(before);
  });

  it('nests under [profiles.P.providers] for -P, ignores FNOX_PROFILE, and --global writes the global file', async () => {
    box = project(BASE);
    expect((await box.run(['provider', 'add', 'sm', 'plain', '-P', 'prod'])).code).toBe(0);
    expect(configText(box)).toContain('[profiles.prod.providers.sm]\ntype = "plain"\n');
    expect((await box.run(['provider', 'add', 'other', 'plain'], { env: { FNOX_PROFILE: 'staging' } })).code).toBe(0);
    expect(configText(box)).toContain('[providers.other]\ntype = "plain"\n');
    expect(configText(box)).not.toContain('staging');
    const global = await box.run(['provider', 'add', 'g', 'plain', '--global']);
    expect(global.stdout).toContain("✓ Added provider 'g' (global)");
    expect(readFileSync(join(box.home, '.config', 'fnox', 'config.toml'), 'utf8')).toBe('[providers.g]\ntype = "plain"\n');
  });

  it('refuses an existing name, a --vault for another type, and needs a config somewhere; files stay byte-identical', async () => {
    box = project(BASE);
    const file = join(box.project, 'fnox.toml');
    const before = bytes(file);
    const dup = await box.run(['provider', 'add', 'plain', 'plain']);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain("Provider 'plain' already exists");
    const vault = await box.run(['provider', 'add', 'x', 'plain', '--vault', 'v']);
    expect(vault.code).toBe(1);
    expect(vault.stderr).toContain("--vault is only supported for provider types with a `vault` field, not 'plain'");
    const badType = await box.run(['provider', 'add', 'x', 'nope']);
    expect(badType.code).toBe(1);
    expect(badType.stderr).toContain("Unknown provider type 'nope'");
    expect(bytes(file)).toEqual(before);

    const empty = sandbox();
    try {
      const none = await empty.run(['provider', 'add', 'age', 'age']);
      expect(none.code).toBe(1);
      expect(none.stderr).toContain('No configuration file found');
      expect(existsSync(join(empty.project, 'fnox.toml'))).toBe(false);
    } finally {
      empty.cleanup();
    }
  });

  it('has help with examples', async () => {
    box = project(BASE);
    await expectHelpOf(box, ['provider', 'add']);
    await expectHelpOf(box, ['provider', 'remove']);
    await expectHelpOf(box, ['provider', 'list']);
    await expectHelpOf(box, ['provider', 'test']);
  });
});

describe('fnox provider remove', () => {
  it('removes only that table', async () => {
    box = project(`${BASE}\n[providers.age]\ntype = "age"\nrecipients = ["age1..."]\n`);
    const result = await box.run(['provider', 'rm', 'age']);
    expect(result).toMatchObject({ code: 0, stdout: "✓ Removed provider 'age'\n" });
    expect(configText(box)).toBe(BASE);
  });

  it('--global removes the only table of the global config', async () => {
    box = project(BASE);
    const global = join(box.home, '.config', 'fnox', 'config.toml');
    mkdirSync(dirname(global), { recursive: true });
    writeFileSync(global, '[providers.g]\ntype = "plain"\n');
    const result = await box.run(['provider', 'remove', 'g', '--global']);
    expect(result).toMatchObject({ code: 0, stdout: "✓ Removed provider 'g' (global)\n" });
    expect(readFileSync(global, 'utf8')).toBe('');
    expect((await box.run(['provider', 'list'])).stdout).not.toContain('g\n');
  });

  it('errors for an unknown provider and a missing target file, writing nothing', async () => {
    box = project(BASE);
    const before = bytes(join(box.project, 'fnox.toml'));
    const missing = await box.run(['provider', 'remove', 'nope']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("Provider 'nope' not found");
    expect(bytes(join(box.project, 'fnox.toml'))).toEqual(before);
    const global = await box.run(['provider', 'remove', 'x', '-g']);
    expect(global.code).toBe(1);
    expect(global.stderr).toContain(`Config file '${join(box.home, '.config', 'fnox', 'config.toml')}' not found`);
  });
});

describe('fnox provider list / test', () => {
  const PROFILED = `${BASE}\n[providers.zed]\ntype = "plain"\n\n[profiles.prod.providers.mid]\ntype = "plain"\n`;

  it('lists sorted names; a profile provider only when active; bare `provider` lists too', async () => {
    box = project(PROFILED);
    expect((await box.run(['provider', 'list'])).stdout).toBe('plain\nzed\n');
    expect((await box.run(['provider', 'ls', '-P', 'prod'])).stdout).toBe('mid\nplain\nzed\n');
    expect((await box.run(['provider'], { env: { FNOX_PROFILE: 'prod' } })).stdout).toBe('mid\nplain\nzed\n');
    const json = JSON.parse((await box.run(['provider', 'list', '--json'])).stdout);
    expect(json[0]).toEqual({ name: 'plain', type: 'plain', source: join(box.project, 'fnox.toml') });
  });

  it('tests one or all providers with upstream wording and exit codes', async () => {
    box = project(`${PROFILED}\n[providers.broken]\ntype = "aws-kms"\nregion = "us-east-1"\nkey_id = "k"\n`);
    const one = await box.run(['provider', 'test', 'plain']);
    expect(one).toMatchObject({ code: 0, stdout: '✓ Provider plain connection successful\n' });
    const neither = await box.run(['provider', 'test']);
    expect(neither.code).toBe(1);
    expect(neither.stderr).toContain('Please specify a provider name or use --all to test all providers');
    const unknown = await box.run(['provider', 't', 'nope']);
    expect(unknown.stderr).toContain("Provider 'nope' not found");
    const all = await box.run(['provider', 'test', '--all']);
    expect(all.code).toBe(1);
    expect(all.stdout).toBe('Testing 3 providers...\n\n  plain ✓\n  zed ✓\n  broken ✗\n\n✗ 2 passed, 1 failed\n  Run with --verbose to see error details\n');
    expect(all.stderr).toContain('1 provider failed');
    const verbose = await box.run(['provider', 'test', '-a', '--verbose']);
    expect(verbose.stdout).toMatch(/Errors:\n {2}broken: .*aws-kms/);
  });

  it('reports "No providers configured" for --all with none, exit 0', async () => {
    box = project('root = true\n');
    const result = await box.run(['provider', 'test', '--all']);
    expect(result).toMatchObject({ code: 0, stdout: 'No providers configured\n' });
  });
});
