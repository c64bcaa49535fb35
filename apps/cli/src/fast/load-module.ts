import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { types } from 'node:util';
import { loadWithCodeCache } from './code-cache.js';

/** Whether this Node can `require()` an ES module (20.19+, 22.12+). */
const REQUIRE_ESM = (process.features as { require_module?: boolean }).require_module === true;

/** `import()` as the entry point's own module loader runs it. */
export type NativeImport = (url: string) => Promise<unknown>;

/**
 * A provider entry loader that works like `import()` but goes through `require()`: on Node ≥ 20.19
 * that loads ES modules without starting the ESM loader (several ms on a ~60 ms command). Modules
 * that `require()` cannot load (top-level await, older Node) go through `nativeImport`, which the
 * entry point supplies: the fast bundle itself may run from V8 code cache, where `import()` has
 * no loader on Node 20. A CommonJS module is wrapped as `{ default: module.exports }`, exactly
 * what `import()` returns for it. A provider whose manifest names a CommonJS twin (`require`, which
 * never calls `import()`) is loaded from that twin with V8 code cache, where this Node can
 * `require()` the ES modules the twin may require in turn.
 */
export function moduleLoader(nativeImport: NativeImport): (path: string, entry?: { root: string; require?: string }) => Promise<unknown> {
  return async (path, entry) => {
    if (entry?.require && REQUIRE_ESM) return { default: loadWithCodeCache(join(entry.root, entry.require)).exports };
    let loaded: unknown;
    try {
      loaded = createRequire(import.meta.url)(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ERR_REQUIRE_ASYNC_MODULE' || code === 'ERR_REQUIRE_ESM') return nativeImport(pathToFileURL(path).href);
      throw error;
    }
    return types.isModuleNamespaceObject(loaded) ? loaded : { default: loaded };
  };
}
