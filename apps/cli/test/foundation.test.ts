import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sandbox, type Sandbox } from '@fnox/test-kit';

const fixturePlugin = fileURLToPath(new URL('./fixtures/provider-fixture', import.meta.url));
const cliVersion = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

let box: Sandbox;
beforeEach(() => {
  box = sandbox();
});
afterEach(() => box.cleanup());

describe('fnox CLI foundation', () => {
  it('prints exactly `fnox X.Y.Z` for --version and version', async () => {
    for (const args of [['--version'], ['version']]) {
      const result = await box.run(args);
      expect(result).toMatchObject({ code: 0, stderr: '', stdout: `fnox ${cliVersion}\n` });
      expect(result.stdout).toMatch(/^fnox [0-9]+\.[0-9]+\.[0-9]+\n$/);
    }
  });

  it('lists the builtin and core providers without loading any provider code', async () => {
    const result = await box.run(['providers', '--json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { providers: { type: string; origin: string; package: string; mode: string }[] };
    expect(report.providers.map((p) => [p.type, p.origin, p.package, p.mode])).toEqual([
      ['age', 'core', '@fnox/provider-age', 'encrypt'],
      ['plain', 'builtin', '@fnox/core', 'encrypt'],
    ]);
    const table = await box.run(['providers']);
    expect(table.stdout.split('\n')[0]).toMatch(/^TYPE\s+TITLE\s+MODE\s+PACKAGE\s+ORIGIN$/);
  });

  it('reports usage errors on stderr with a hint, exit 2 and no stack trace', async () => {
    const result = await box.run(['providers', '--no-such-flag']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^error: Nonexistent flag: --no-such-flag \(fnox::usage\)\nhint: See `fnox providers --help`\.\n$/);
    const debug = await box.run(['providers', '--no-such-flag', '--debug']);
    expect(debug.stderr).toContain('debug: code usage');
  });

  it('accepts global flags before and after the command', async () => {
    for (const args of [['-P', 'prod', '--no-color', 'providers', '--json'], ['providers', '--json', '-P', 'prod', '-v']]) {
      const result = await box.run(args);
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout).providers.length).toBeGreaterThan(0);
    }
  });

  it('discovers a linked provider plugin from its manifest and imports it only when used', async () => {
    const marker = join(box.home, 'imported.log');
    const env = { FNOX_TEST_IMPORT_MARKER: marker };
    const link = await box.run(['plugins', 'link', fixturePlugin, '--no-install'], { env });
    expect(link.code, link.stderr).toBe(0);
    const listed = await box.run(['providers', '--json'], { env });
    const fixture = (JSON.parse(listed.stdout) as { providers: { type: string; origin: string; package: string; version: string }[] }).providers.find(
      (p) => p.type === 'fixture',
    );
    expect(fixture).toMatchObject({ origin: 'link', package: 'fnox-provider-fixture', version: '1.2.3' });
    expect(existsSync(marker)).toBe(false);

    // A command that needs no secret of that type does not import it either...
    writeFileSync(
      join(box.project, 'fnox.toml'),
      '[providers.plain]\ntype = "plain"\n\n[providers.rev]\ntype = "fixture"\n\n[secrets]\nP = { provider = "plain", value = "p" }\nR = { provider = "rev", value = "rev:terces" }\n',
    );
    for (const path of ['fast path', 'oclif']) {
      const env2 = path === 'oclif' ? { ...env, FNOX_NO_FAST_PATH: '1' } : env;
      const plain = await box.run(['get', 'P'], { env: env2 });
      expect(plain).toMatchObject({ code: 0, stdout: 'p\n' });
      expect(existsSync(marker), path).toBe(false);
    }
    // ...and resolving one of its secrets goes through the registry: imported once, value decrypted.
    const resolved = await box.run(['get', 'R'], { env });
    expect(resolved).toMatchObject({ code: 0, stdout: 'secret\n' });
    expect(readFileSync(marker, 'utf8')).toBe('imported\n');
  });
});
