import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { types } from 'node:util';

const requireHere = createRequire(import.meta.url);

/**
 * Load a provider entry the way `import()` would, but through `require()`: on Node ≥ 20.19 that
 * loads ES modules without starting the ESM loader (several ms on a ~60 ms command). Modules that
 * `require()` cannot load (top-level await) go through `import()`. A CommonJS module is wrapped
 * as `{ default: module.exports }`, exactly what `import()` returns for it.
 */
export async function loadModule(url: string): Promise<unknown> {
  let loaded: unknown;
  try {
    loaded = requireHere(fileURLToPath(url));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_REQUIRE_ASYNC_MODULE' || code === 'ERR_REQUIRE_ESM') return import(url);
    throw error;
  }
  return types.isModuleNamespaceObject(loaded) ? loaded : { default: loaded };
}
