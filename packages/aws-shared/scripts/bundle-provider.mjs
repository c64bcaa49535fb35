#!/usr/bin/env node
// Run from an AWS provider package after `tsc -p .` (which emits declarations only): re-emit
// dist/provider.js and dist/index.js as self-contained modules with @fnox/aws-shared (private,
// never published) and @fnox/contract's runtime inlined (its Symbol.for brands keep a second copy
// compatible). @aws-sdk/* stays external and behind import(), so each provider's own dependencies
// are all it needs. Then dist keeps only what users import: the two bundles and the declarations
// they reach, which must not mention @fnox/aws-shared (a consumer could not resolve it).
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { build } from 'esbuild';

const ENTRIES = ['index', 'provider'];
const PRIVATE = '@fnox/aws-shared';
const dist = join(process.cwd(), 'dist');

await build({
  absWorkingDir: process.cwd(),
  entryPoints: Object.fromEntries(ENTRIES.map((name) => [name, `./src/${name}.ts`])),
  outdir: 'dist',
  allowOverwrite: true,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['@aws-sdk/*'],
  sourcemap: false,
  logLevel: 'warning',
});

/** Every file under `dir`, relative to it, with `/` separators. */
function files(dir, base = '') {
  return readdirSync(join(dir, base), { withFileTypes: true }).flatMap((entry) => {
    const rel = base ? `${base}/${entry.name}` : entry.name;
    return entry.isDirectory() ? files(dir, rel) : [rel];
  });
}

// Declarations reachable from the entries through relative imports; the rest are internal.
const keep = new Set(ENTRIES.map((name) => `${name}.js`));
const pending = ENTRIES.map((name) => `${name}.d.ts`);
while (pending.length > 0) {
  const file = pending.pop();
  if (keep.has(file)) continue;
  keep.add(file);
  const text = readFileSync(join(dist, file), 'utf8');
  if (text.includes(PRIVATE)) throw new Error(`dist/${file} refers to ${PRIVATE}, which is not published: export provider-local types instead`);
  for (const [, specifier] of text.matchAll(/(?:from\s+|import\s*\(\s*)["'](\.{1,2}\/[^"']+)["']/g)) {
    const target = posix.join(posix.dirname(file), specifier).replace(/\.js$/, '.d.ts');
    if (!existsSync(join(dist, target))) throw new Error(`dist/${file} imports ${specifier}, which was not emitted`);
    pending.push(target);
  }
}
for (const file of files(dist)) if (!keep.has(file)) rmSync(join(dist, file));
for (const dir of readdirSync(dist, { withFileTypes: true })) {
  if (dir.isDirectory() && files(join(dist, dir.name)).length === 0) rmSync(join(dist, dir.name), { recursive: true });
}
process.stdout.write(`bundled ${relative(dirname(process.cwd()), process.cwd())}: dist/${[...keep].sort().join(', dist/')}\n`);
