/**
 * A provider's CommonJS twin (the manifest's `require` key, contract 1.2) is what `get`, `exec`,
 * `export` and the hook load, from V8 code cache: it must be the same definition as `entry`, and
 * it must never call `import()` (a module run from the cache has no ES module loader on Node 20).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../../../', import.meta.url));
const requireHere = createRequire(import.meta.url);

interface Manifest {
  readonly fnox?: { readonly providers: Record<string, { entry: string; require?: string; mode: string }> };
}

const twins = ['packages', 'examples']
  .flatMap((group) => readdirSync(join(repo, group)).map((name) => join(repo, group, name)))
  .filter((dir) => existsSync(join(dir, 'package.json')))
  .flatMap((dir) => {
    const pjson = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
    return Object.entries(pjson.fnox?.providers ?? {})
      .filter(([, entry]) => entry.require !== undefined)
      .map(([type, entry]) => ({ type, dir, entry: entry.entry, twin: entry.require! }));
  });

describe('CommonJS twins of provider entries', () => {
  it("fnox's own offline providers ship one", () => {
    expect(twins.map((t) => t.type).sort()).toEqual(expect.arrayContaining(['age', 'keychain', 'password-store']));
  });

  it.each(twins.map((t) => [t.type, t] as const))('%s: the twin is built, never calls import(), and is the same definition', async (_type, t) => {
    const twinPath = join(t.dir, t.twin);
    expect(existsSync(twinPath), `${twinPath} is missing: run the build first`).toBe(true);
    expect(readFileSync(twinPath, 'utf8')).not.toMatch(/\bimport\s*\(/);
    const fromTwin = requireHere(twinPath) as { type: string; mode: string };
    const fromEntry = ((await import(pathToFileURL(join(t.dir, t.entry)).href)) as { default: { type: string; mode: string } }).default;
    expect({ type: fromTwin.type, mode: fromTwin.mode }).toEqual({ type: fromEntry.type, mode: fromEntry.mode });
    expect(Object.keys(fromTwin).sort()).toEqual(Object.keys(fromEntry).sort());
  });
});
