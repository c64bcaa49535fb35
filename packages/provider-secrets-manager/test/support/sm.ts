import { awsClientConfig, start, type RunningEmulator, type StartOptions } from '@fnox/aws-emulator';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { instanceFactory, testContext, type TestContext } from '@fnox/test-kit/aws';
import type { ProviderContext } from '@fnox/contract';
import provider from '../../src/provider.js';

export { emulatorEnv, type TestContext } from '@fnox/test-kit/aws';

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

/** A provider context named `sm` with an isolated env. */
export function makeContext(overrides: Partial<ProviderContext> = {}): TestContext {
  return testContext('sm', overrides);
}

/** `makeProvider(table, ctx?)` validates and creates an instance; `disposeAll()` disposes every one made. */
export const { makeProvider, disposeAll } = instanceFactory(provider, () => makeContext());

/** Operations the emulator logged for Secrets Manager, in order. */
export function smOps(emu: RunningEmulator, operation?: string) {
  return emu.control.requests({ service: 'secretsmanager', ...(operation ? { operation } : {}) });
}
