import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readProviderManifests } from '@fnox/contract';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { discoverPlugins, oclifDataDir } from '../../src/fast/plugins.js';
import { sandbox, type Sandbox } from '@fnox/test-kit';

const cliRoot = fileURLToPath(new URL('../..', import.meta.url));
const fixturePlugin = fileURLToPath(new URL('../fixtures/provider-fixture', import.meta.url));

let box: Sandbox;
beforeEach(() => {
  box = sandbox();
});
afterEach(() => box.cleanup());

async function oclifProviders(): Promise<unknown> {
  const result = await box.run(['providers', '--json']);
  expect(result.code, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as { providers: unknown[] }).providers;
}

function fastProviders(): unknown {
  const plugins = discoverPlugins(cliRoot, box.env);
  expect(plugins).toBeDefined();
  const report = readProviderManifests(plugins!);
  return Object.values(report.providers)
    .map((e) => ({ type: e.type, origin: e.origin, package: e.packageName, version: e.version, root: e.root }))
    .sort((a, b) => a.type.localeCompare(b.type));
}

function comparable(providers: unknown): unknown {
  return (providers as { type: string; origin: string; package: string; version: string | null; root: string | null }[])
    .filter((p) => p.origin !== 'builtin')
    .map((p) => ({ type: p.type, origin: p.origin, package: p.package, version: p.version, root: p.root }));
}

describe('fast-path plugin discovery', () => {
  it('sees the same core providers as oclif', async () => {
    expect(fastProviders()).toEqual(comparable(await oclifProviders()));
  });

  it('sees linked plugins exactly as oclif does', async () => {
    const link = await box.run(['plugins', 'link', fixturePlugin, '--no-install']);
    expect(link.code, link.stderr).toBe(0);
    const fast = fastProviders() as { type: string }[];
    expect(fast.map((p) => p.type)).toContain('fixture');
    expect(fast).toEqual(comparable(await oclifProviders()));
  });

  it('honours FNOX_DATA_DIR and XDG_DATA_HOME for the data dir', () => {
    expect(oclifDataDir({ FNOX_DATA_DIR: '/d', XDG_DATA_HOME: '/x' }, 'fnox')).toBe('/d');
    expect(oclifDataDir({ XDG_DATA_HOME: '/x', HOME: '/h' }, 'fnox')).toBe('/x/fnox');
    expect(oclifDataDir({ HOME: '/h' }, 'fnox')).toBe('/h/.local/share/fnox');
  });

  it('gives up (falls back to oclif) when the user plugin file is unreadable or plugins nest', () => {
    const dataDir = join(box.env.XDG_DATA_HOME!, 'fnox');
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, 'package.json'), '{ not json');
    expect(discoverPlugins(cliRoot, box.env)).toBeUndefined();
    const nested = join(box.home, 'nested');
    mkdirSync(nested);
    writeFileSync(join(nested, 'package.json'), JSON.stringify({ name: 'nested', oclif: { plugins: ['x'] } }));
    writeFileSync(
      join(dataDir, 'package.json'),
      JSON.stringify({ oclif: { plugins: [{ name: 'nested', type: 'link', root: nested }] } }),
    );
    expect(discoverPlugins(cliRoot, box.env)).toBeUndefined();
  });
});
