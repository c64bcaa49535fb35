/** Provider contexts and instances for tests against the emulator, isolated from the developer's AWS setup. */
import { hermeticAwsEnv } from '@fnox/aws-emulator';
import type { ProviderContext, ProviderDefinition, ProviderInstance } from '@fnox/contract';
import { createTestContext, type TestContext } from '@fnox/contract/testing';

export type { TestContext };

/** ctx.env for the emulator at `url`: fake static keys, every endpoint variable set, nothing inherited. */
export function emulatorEnv(url: string, extra: Record<string, string> = {}): Record<string, string> {
  return { ...hermeticAwsEnv(url, { base: {} }), ...extra };
}

/** A context for provider `name` with an empty env, unless `overrides` say otherwise. */
export function testContext(name: string, overrides: Partial<ProviderContext> = {}): TestContext {
  return createTestContext({ name, ...overrides });
}

/** Instances of one provider made for a test file, disposed together. */
export interface InstanceFactory {
  /** Validate a raw table with the provider's schema and create an instance (disposed by `disposeAll`). */
  makeProvider(table: Record<string, unknown>, ctx?: ProviderContext): Promise<ProviderInstance>;
  /** Dispose every instance made so far. */
  disposeAll(): Promise<void>;
}

/** An {@link InstanceFactory} for `provider`; `defaultContext` is used when a test passes none. */
export function instanceFactory<Config>(provider: ProviderDefinition<Config>, defaultContext: () => ProviderContext): InstanceFactory {
  const open: ProviderInstance[] = [];
  return {
    async makeProvider(table, ctx = defaultContext()) {
      const result = await provider.configSchema['~standard'].validate(table);
      if (result.issues) throw new Error(result.issues.map((i) => i.message).join('; '));
      const instance = await provider.create(result.value, ctx);
      open.push(instance);
      return instance;
    },
    async disposeAll() {
      for (const instance of open.splice(0)) await instance.dispose?.();
    },
  };
}
