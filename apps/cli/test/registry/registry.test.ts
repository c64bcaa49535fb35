import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start } from '@fnox/aws-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegistryContext } from './context.js';
import { startLocalRegistry } from './local-registry.js';
import { fnoxRequirements, PUBLISHED, publishProblems } from './packed.js';
import { packAll, publishAll } from './published.js';
import { describeAwsKmsPlugin, describeSecretsManagerPlugin } from './scenario-aws.js';
import { describeProviderAuthor } from './scenario-author.js';
import { describeCliInstall } from './scenario-cli.js';
import { describeEmulatorPackage } from './scenario-emulator.js';
import { describeNodeApp } from './scenario-node-app.js';
import { describeOsStorePlugins } from './scenario-os-stores.js';
import { describeThirdPartyPlugin } from './scenario-third-party.js';
import { mib } from './tree.js';

// Distribution as users get it. Every package is packed as a release packs it and published to a real
// npm registry on loopback; users then install from there with plain npm and `fnox plugins install`.
// This catches what tarball tests cannot: an unpublished peer, a `workspace:` range, a file missing
// from `files`, a missing oclif manifest. One registry, one npm cache and one emulator serve every
// scenario; only third-party packages travel through the registry's uplink.

const ctx = { work: mkdtempSync(join(tmpdir(), 'fnox-registry-')), sizes: new Map<string, number>() } as RegistryContext;

beforeAll(async () => {
  ctx.packed = await packAll(ctx.work);
  ctx.registry = await startLocalRegistry(join(ctx.work, 'registry'), join(ctx.work, 'npm-cache'));
  await ctx.registry.assertUplink('@oclif/core');
  await publishAll(ctx.registry, ctx.packed, ctx.work);
  ctx.smSecret = { name: 'fnox/registry/database-url', value: 'postgres://sm:registry-pw@db/app' };
  ctx.emulator = await start({
    seed: { keys: [{ aliases: ['alias/fnox-registry'] }], secrets: [{ name: ctx.smSecret.name, secretString: ctx.smSecret.value }] },
  });
  ctx.kmsKey = 'alias/fnox-registry';
}, 600_000);

afterAll(async () => {
  if (ctx.sizes.size > 0) {
    const width = Math.max(...[...ctx.sizes.keys()].map((k) => k.length));
    process.stderr.write(`[registry] install sizes (bytes of regular files):\n${[...ctx.sizes].map(([what, kib]) => `[registry]   ${what.padEnd(width)}  ${mib(kib)}`).join('\n')}\n`);
  }
  await ctx.emulator?.stop();
  await ctx.registry?.stop();
  rmSync(ctx.work, { recursive: true, force: true });
});

describe('publishing', () => {
  it.each(Object.values(PUBLISHED))('%s packs into a tarball a registry user can use', (name) => {
    expect(publishProblems(ctx.packed.get(name)!)).toEqual([]);
  });

  it('every @fnox package that a published package needs is published too', () => {
    const published = new Set<string>(Object.values(PUBLISHED));
    const needed = [...ctx.packed.values()].flatMap(({ pjson }) => fnoxRequirements(pjson).map((dep) => `${pjson.name} → ${dep}`));
    expect(needed.filter((edge) => !published.has(edge.split(' → ')[1]!))).toEqual([]);
  });

  it('serves our names only from local storage: an unpublished @fnox or fnox-provider name is a 404, never an upstream package', async () => {
    for (const name of ['@fnox/not-published-here', 'fnox-provider-not-published-here']) {
      const response = await fetch(`${ctx.registry.url}${name.replace('/', '%2f')}`);
      expect(response.status, name).toBe(404);
    }
    const cli = (await (await fetch(`${ctx.registry.url}@fnox%2fcli`)).json()) as { versions: Record<string, unknown> };
    expect(Object.keys(cli.versions)).toEqual([ctx.packed.get('@fnox/cli')!.pjson.version]);
  });
});

describeCliInstall(ctx);
describeAwsKmsPlugin(ctx);
describeSecretsManagerPlugin(ctx);
describeThirdPartyPlugin(ctx);
describeNodeApp(ctx);
describeEmulatorPackage(ctx);
describeProviderAuthor(ctx);
describeOsStorePlugins(ctx);
