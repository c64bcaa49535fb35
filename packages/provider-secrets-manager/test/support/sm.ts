import { awsClientConfig, hermeticAwsEnv, start, type RunningEmulator, type StartOptions } from '@fnox/aws-emulator';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { ProviderContext, ProviderInstance } from '@fnox/contract';
import provider from '../../src/provider.js';

/** A running emulator and an SDK client to arrange state with (never the code under test). */
export interface SmFixture {
  readonly emu: RunningEmulator;
  readonly admin: SecretsManagerClient;
  stop(): Promise<void>;
}

/** Start an emulator (us-east-1, account 000000000000) with an admin client. */
export async function startSm(options: StartOptions = {}): Promise<SmFixture> {
  const emu = await start(options);
  const admin = new SecretsManagerClient(awsClientConfig(emu.url));
  return {
    emu,
    admin,
    async stop() {
      admin.destroy();
      await emu.stop();
    },
  };
}

/** ctx.env for the emulator at `url`: fake static keys, every endpoint variable set, nothing inherited. */
export function emulatorEnv(url: string, extra: Record<string, string> = {}): Record<string, string> {
  return { ...hermeticAwsEnv(url, { base: {} }), ...extra };
}

/** Everything a test context records. */
export interface TestContext extends ProviderContext {
  readonly warnings: string[];
  readonly debugs: string[];
}

/** A provider context with an isolated env. */
export function makeContext(overrides: Partial<ProviderContext> = {}): TestContext {
  const warnings: string[] = [];
  const debugs: string[] = [];
  return {
    name: 'sm',
    configFile: undefined,
    configDir: process.cwd(),
    env: {},
    globalConfigDir: '/nonexistent-fnox-config',
    signal: new AbortController().signal,
    log: { debug: (m) => void debugs.push(m), warn: (m) => void warnings.push(m) },
    options: {},
    resolveSecret: () => Promise.reject(new Error('resolveSecret not expected')),
    ...overrides,
    warnings,
    debugs,
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

/** Operations the emulator logged for Secrets Manager, in order. */
export function smOps(emu: RunningEmulator, operation?: string) {
  return emu.control.requests({ service: 'secretsmanager', ...(operation ? { operation } : {}) });
}
