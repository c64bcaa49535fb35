import { hermeticAwsEnv, start, type RunningEmulator, type StartOptions } from '@fnox/aws-emulator';
import type { ProviderContext, ProviderInstance } from '@fnox/contract';
import provider from '../../src/provider.js';

/** A running emulator with one enabled key reachable through every key_id form. */
export interface KmsFixture {
  readonly emu: RunningEmulator;
  readonly keyId: string;
  readonly keyArn: string;
  readonly alias: string;
  readonly aliasArn: string;
}

/** Start an emulator seeded with `alias/fnox-test` in us-east-1 (account 000000000000). */
export async function startKms(options: StartOptions = {}): Promise<KmsFixture> {
  const emu = await start(options);
  const [key] = emu.control.seed({ keys: [{ aliases: ['alias/fnox-test'], description: 'fnox tests' }] }).keys;
  const alias = 'alias/fnox-test';
  return { emu, keyId: key!.keyId, keyArn: key!.arn, alias, aliasArn: key!.arn.replace(/key\/.*$/, alias) };
}

/** ctx.env for the emulator at `url`: fake static keys, every endpoint variable set, nothing inherited. */
export function emulatorEnv(url: string, extra: Record<string, string> = {}): Record<string, string> {
  return { ...hermeticAwsEnv(url, { base: {} }), ...extra };
}

/** Everything a test context records. */
export interface TestContext extends ProviderContext {
  readonly warnings: string[];
}

/** A provider context with an isolated env. */
export function makeContext(overrides: Partial<ProviderContext> = {}): TestContext {
  const warnings: string[] = [];
  return {
    name: 'kms',
    configFile: undefined,
    configDir: process.cwd(),
    env: {},
    globalConfigDir: '/nonexistent-fnox-config',
    signal: new AbortController().signal,
    log: { debug() {}, warn: (m) => void warnings.push(m) },
    options: {},
    resolveSecret: () => Promise.reject(new Error('resolveSecret not expected')),
    ...overrides,
    warnings,
  };
}

const open: ProviderInstance[] = [];

/** Validate a raw table with the provider's schema and create an instance (disposed by {@link disposeAll}). */
export async function makeProvider(table: Record<string, unknown>, ctx: ProviderContext = makeContext()): Promise<ProviderInstance> {
  const result = await provider.configSchema['~standard'].validate(table);
  if (result.issues) throw new Error(result.issues.map((i) => i.message).join('; '));
  const instance = await provider.create(result.value, ctx);
  open.push(instance);
  return instance;
}

/** Dispose every instance made by {@link makeProvider}. */
export async function disposeAll(): Promise<void> {
  for (const instance of open.splice(0)) await instance.dispose?.();
}

/** Operations the emulator logged for KMS, in order. */
export function kmsOps(emu: RunningEmulator, operation?: string) {
  return emu.control.requests({ service: 'kms', ...(operation ? { operation } : {}) });
}
