import type { ProviderContext } from '@fnox/contract';
import { createTestContext, type TestContext } from '@fnox/contract/testing';
import provider from '../../src/provider.js';

export type { TestContext };

/** A provider context for tests; env is isolated from the real process environment. */
export function makeContext(overrides: Partial<ProviderContext> = {}): TestContext {
  return createTestContext({ name: 'age', ...overrides });
}

/** Validate a raw table with the provider's schema and create an instance. */
export async function makeProvider(table: unknown, ctx: ProviderContext = makeContext()) {
  const result = await provider.configSchema['~standard'].validate(table);
  if (result.issues) throw new Error(result.issues.map((i) => i.message).join('; '));
  return provider.create(result.value, ctx);
}
