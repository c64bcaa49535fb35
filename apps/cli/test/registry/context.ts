import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningEmulator } from '@fnox/aws-emulator';
import { afterAll, beforeAll } from 'vitest';
import type { LocalRegistry } from './local-registry.js';
import type { Packed } from './packed.js';
import { mustSucceed, runCommand, sandbox, type CommandResult, type Sandbox } from '@fnox/test-kit';
import { sizeKiB } from '../ecosystem/pack.js';

/** What the scenarios share: one registry, one npm cache, one emulator, one installed CLI. */
export interface RegistryContext {
  /** Temp root of this run (registry storage, npm cache, installs). */
  work: string;
  registry: LocalRegistry;
  packed: Map<string, Packed>;
  emulator: RunningEmulator;
  /** KMS alias seeded in the emulator. */
  kmsKey: string;
  /** Secrets Manager secret seeded in the emulator, and its value. */
  smSecret: { name: string; value: string };
  /** The `npm install -g --prefix` of @fnox/cli (set by {@link installCli}). */
  cliPrefix: string;
  cliInstall?: Promise<void>;
  /** Install sizes in KiB, printed at the end. */
  sizes: Map<string, number>;
}

/** A user of the globally installed fnox: own HOME/XDG dirs, npm pointed at the local registry. */
export interface FnoxUser {
  readonly box: Sandbox;
  /** oclif's data dir, where `fnox plugins install` puts plugins. */
  readonly dataDir: string;
  readonly env: NodeJS.ProcessEnv;
  fnox(args: readonly string[], options?: { env?: NodeJS.ProcessEnv; input?: string; cwd?: string }): Promise<CommandResult>;
}

/**
 * `npm install -g --prefix <work>/global @fnox/cli` from the registry, once per run (memoised, so a
 * scenario run on its own with `-t` still gets its CLI).
 */
export function installCli(ctx: RegistryContext): Promise<void> {
  ctx.cliInstall ??= (async () => {
    const prefix = join(ctx.work, 'global');
    const env = { PATH: process.env.PATH, HOME: join(ctx.work, 'npm-home'), ...ctx.registry.npmEnv() };
    mustSucceed(
      await runCommand('npm', ['install', '-g', '--prefix', prefix, '@fnox/cli'], { cwd: ctx.work, env, timeoutMs: 600_000 }),
      'npm install -g @fnox/cli',
    );
    ctx.cliPrefix = prefix;
    ctx.sizes.set('npm install -g @fnox/cli (prefix)', sizeKiB(prefix));
  })();
  return ctx.cliInstall;
}

/** A fresh user of the fnox installed by {@link installCli}. */
export function fnoxUser(ctx: RegistryContext): FnoxUser {
  const box = sandbox();
  const env = { ...box.env, ...ctx.registry.npmEnv() };
  const bin = join(ctx.cliPrefix, 'bin', 'fnox');
  return {
    box,
    dataDir: join(box.env.XDG_DATA_HOME!, 'fnox'),
    env,
    fnox: (args, options = {}) =>
      runCommand(bin, args, {
        cwd: options.cwd ?? box.project,
        env: options.env ?? env,
        ...(options.input === undefined ? {} : { input: options.input }),
        // Plugin installs run npm through the registry's uplink.
        timeoutMs: 300_000,
      }),
  };
}

/** A fresh user of the registry-installed fnox who has run `fnox plugins install <shortName>`. */
export function userWithPlugin(ctx: RegistryContext, shortName: string, label: string): { get(): FnoxUser } {
  let user: FnoxUser;
  beforeAll(async () => {
    await installCli(ctx);
    user = fnoxUser(ctx);
    mustSucceed(await user.fnox(['plugins', 'install', shortName]), `fnox plugins install ${shortName}`);
    ctx.sizes.set(`${label} (fnox data dir)`, sizeKiB(user.dataDir));
  }, 960_000);
  afterAll(() => user?.box.cleanup());
  return { get: () => user };
}

/** Write `fnox.toml` in a folder. */
export function writeConfig(dir: string, lines: readonly string[]): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'fnox.toml'), `${lines.join('\n')}\n`);
}

/** The `fnox providers --json` rows. */
export function providerRows(stdout: string): { type: string; origin: string; package: string; version: string | null; mode: string }[] {
  return (JSON.parse(stdout) as { providers: { type: string; origin: string; package: string; version: string | null; mode: string }[] }).providers;
}
