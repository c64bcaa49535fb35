import { start, type RunningEmulator, type StartOptions } from '@fnox/aws-emulator';
import { instanceFactory, testContext, type TestContext } from '@fnox/test-kit/aws';
import type { ProviderContext } from '@fnox/contract';
import provider from '../../src/provider.js';

export { emulatorEnv, type TestContext } from '@fnox/test-kit/aws';

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

/** A provider context named `kms` with an isolated env. */
export function makeContext(overrides: Partial<ProviderContext> = {}): TestContext {
  return testContext('kms', overrides);
}

/** `makeProvider(table, ctx?)` validates and creates an instance; `disposeAll()` disposes every one made. */
export const { makeProvider, disposeAll } = instanceFactory(provider, () => makeContext());

/** Operations the emulator logged for KMS, in order. */
export function kmsOps(emu: RunningEmulator, operation?: string) {
  return emu.control.requests({ service: 'kms', ...(operation ? { operation } : {}) });
}
