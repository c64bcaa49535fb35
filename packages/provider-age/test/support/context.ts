import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ProviderContext } from '@fnox/contract';
import { createTestContext, type TestContext } from '@fnox/contract/testing';

export type { TestContext };
import provider from '../../src/provider.js';

/** The monorepo root: the nearest ancestor holding pnpm-workspace.yaml. */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(resolve(dir, 'pnpm-workspace.yaml'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('repository root (pnpm-workspace.yaml) not found');
    dir = parent;
  }
  return dir;
}

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
