import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { types } from 'node:util';

const requireHere = createRequire(import.meta.url);

/** `import()` as the entry point's own module loader runs it. */
export type NativeImport = (url: string) => Promise<unknown>;

/**
 * A provider entry loader that works like `import()` but goes through `require()`: on Node ≥ 20.19
 * that loads ES modules without starting the ESM loader (several ms on a ~60 ms command). Modules
 * that `require()` cannot load (top-level await, older Node) go through `nativeImport`, which the
 * entry point supplies: the fast bundle itself may run from V8 code cache, where `import()` has
 * no loader on Node 20. A CommonJS module is wrapped as `{ default: module.exports }`, exactly
 * what `import()` returns for it.
 */
export function moduleLoader(nativeImport: NativeImport): (url: string) => Promise<unknown> {
  return async (url) => {
    let loaded: unknown;
    try {
      loaded = requireHere(fileURLToPath(url));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ERR_REQUIRE_ASYNC_MODULE' || code === 'ERR_REQUIRE_ESM') return nativeImport(url);
      throw error;
    }
    return types.isModuleNamespaceObject(loaded) ? loaded : { default: loaded };
  };
}
