import type { ProviderContext } from '../context.js';

/** A {@link ProviderContext} for tests that records what the provider logs. */
export interface TestContext extends ProviderContext {
  /** Messages the provider passed to `log.warn`, in order. */
  readonly warnings: string[];
  /** Messages the provider passed to `log.debug`, in order. */
  readonly debugs: string[];
}

/**
 * A provider context for tests: an empty `env` (nothing leaks in from the developer's shell), a
 * global config directory that does not exist, a signal that is never aborted, a `resolveSecret`
 * that rejects, and logs recorded in `warnings`/`debugs`. `overrides` replace any field.
 *
 * @example
 * const ctx = createTestContext({ name: 'vault', env: { VAULT_TOKEN: 't' } });
 * const instance = await provider.create(config, ctx);
 * expect(ctx.warnings).toEqual([]);
 */
export function createTestContext(overrides: Partial<ProviderContext> = {}): TestContext {
  const warnings: string[] = [];
  const debugs: string[] = [];
  return {
    name: 'test',
    configFile: undefined,
    configDir: process.cwd(),
    env: {},
    globalConfigDir: '/nonexistent-fnox-config',
    signal: new AbortController().signal,
    log: { debug: (message) => void debugs.push(message), warn: (message) => void warnings.push(message) },
    options: {},
    resolveSecret: () => Promise.reject(new Error('resolveSecret is not available in this test context')),
    ...overrides,
    warnings,
    debugs,
  };
}
