/**
 * Importing an AWS client costs ~130-200 ms, paid on every `fnox` run that loads a provider unless
 * the SDK stays behind `import()`. These helpers check that statically on sources and bundles, and
 * at run time in a fresh Node process whose resolve hook reports every module it loads.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { start, type RunningEmulator, type StartOptions } from '@fnox/aws-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moduleTrackerPrelude } from '@fnox/contract/testing';
import { emulatorEnv } from './context.js';

/**
 * `file imports specifier` for every top-level, non-type-only import or re-export in `dir`'s
 * `.ts` files that is not a node built-in, a relative module, or one of `allowed`.
 */
export function eagerImports(dir: string, allowed: readonly string[]): string[] {
  const found: string[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const text = readFileSync(join(dir, file), 'utf8');
    for (const [, typeOnly, specifier = ''] of text.matchAll(/^(?:import|export)\s+(type\s+)?[^;]*?from\s+'([^']+)'/gms)) {
      if (typeOnly || specifier.startsWith('node:') || specifier.startsWith('./') || allowed.includes(specifier)) continue;
      found.push(`${file} imports ${specifier}`);
    }
  }
  return found;
}

/** The module specifiers a bundle imports statically and through `import()`. */
export interface BundleImports {
  readonly static: string[];
  readonly dynamic: string[];
}

/** What an esbuild bundle imports; its output uses double quotes and one import per line. */
export function bundleImports(file: string): BundleImports {
  const text = readFileSync(file, 'utf8');
  const unique = (pattern: RegExp) => [...new Set([...text.matchAll(pattern)].map((m) => (m[1] ?? m[2])!))].sort();
  return {
    static: unique(/^\s*(?:import|export)\s[^;]*?\bfrom\s*"([^"]+)"|^\s*import\s*"([^"]+)"/gm),
    dynamic: unique(/\bimport\(\s*"([^"]+)"\s*\)/g),
  };
}

const CHILD = `${moduleTrackerPrelude}const sdk = () => [...new Set(seen.filter((u) => u.includes('@aws-sdk')).map((u) => u.match(/@aws-sdk\\/[a-z-]+/)[0]))].sort();
const probe = JSON.parse(process.env.PROBE);
const { default: provider } = await import(probe.dist + '/provider.js');
await import(probe.dist + '/index.js');
const ctx = { name: probe.name, configDir: process.cwd(), env: probe.env, globalConfigDir: '/nonexistent',
  signal: new AbortController().signal, log: { debug() {}, warn() {} }, options: {}, resolveSecret: async () => '' };
const instance = await provider.create(probe.config, ctx);
await settle();
const afterCreate = sdk();
const stored = await instance.put(probe.key, 'lazy');
const value = await instance.get({ key: probe.key, value: stored });
await instance.dispose();
await settle();
console.log(JSON.stringify({ afterCreate, afterUse: sdk(), value }));
`;

/** One run of a built provider: which `@aws-sdk/*` packages were loaded, and the value read back. */
export interface SdkLoadProbe {
  /** After importing both entries and creating an instance. */
  readonly afterCreate: string[];
  /** After one `put` and one `get` of the value `lazy`. */
  readonly afterUse: string[];
  readonly value: string;
}

/**
 * Import `dist/provider.js` and `dist/index.js` in a fresh process, create an instance with
 * `config` and `env`, write and read back one value. Asynchronous on purpose: an emulator running
 * in the calling process must keep answering.
 */
export async function probeSdkLoads(probe: {
  dist: string;
  name: string;
  config: Record<string, unknown>;
  env: Record<string, string>;
  key: string;
}): Promise<SdkLoadProbe> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', CHILD], {
    env: { ...process.env, PROBE: JSON.stringify(probe) },
    encoding: 'utf8',
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as SdkLoadProbe;
}

/** The provider package a {@link describeLazySdk} suite checks. */
export interface LazySdkSuite {
  /** The package directory (holding `src` and `dist`). */
  readonly root: string;
  /** Its own SDK client package, e.g. `@aws-sdk/client-kms`. */
  readonly client: string;
  /** The other AWS provider's client, which must never load. */
  readonly otherClient: string;
  /** Provider name, table, and the key written and read back by the probe. */
  readonly name: string;
  readonly config: Record<string, unknown>;
  readonly key: string;
  /** Emulator state the probe needs (e.g. the KMS key of `config`). */
  readonly seed?: StartOptions['seed'];
}

/** The suite both AWS providers run: sources, bundles and a fresh process all keep the SDK lazy. */
export function describeLazySdk(suite: LazySdkSuite): void {
  const dist = join(suite.root, 'dist');
  const built = existsSync(join(dist, 'provider.js'));
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await start(suite.seed === undefined ? {} : { seed: suite.seed });
  });
  afterAll(async () => {
    await emu.stop();
  });

  describe('the AWS SDK stays lazy', () => {
    it('src: top-level imports are node built-ins, @fnox/contract, @fnox/aws-shared, relative modules, or type-only', () => {
      expect(eagerImports(join(suite.root, 'src'), ['@fnox/contract', '@fnox/aws-shared'])).toEqual([]);
    });

    // CI builds first; a local run without a build skips these.
    it.skipIf(!built && process.env.CI !== 'true')(
      'dist: each entry is one bundle; it imports node built-ins statically and the SDK only through import()',
      () => {
        for (const entry of ['provider.js', 'index.js']) {
          const imports = bundleImports(join(dist, entry));
          expect(
            imports.static.filter((s) => !s.startsWith('node:')),
            entry,
          ).toEqual([]);
          expect(imports.dynamic, entry).toEqual([suite.client, '@aws-sdk/client-sts'].sort());
        }
      },
    );

    it.skipIf(!built && process.env.CI !== 'true')(
      `dist: importing and creating loads no SDK; the first call loads ${suite.client} only (no STS without role_arn)`,
      async () => {
        const result = await probeSdkLoads({ dist, name: suite.name, config: suite.config, env: emulatorEnv(emu.url), key: suite.key });
        expect(result.afterCreate).toEqual([]);
        expect(result.afterUse).toContain(suite.client);
        expect(result.afterUse).not.toContain('@aws-sdk/client-sts');
        expect(result.afterUse).not.toContain(suite.otherClient);
        expect(result.value).toBe('lazy');
      },
    );
  });
}
