// Bundles the provider entry into dist/ with the small runtime of @fnox/contract inlined.
//
// Why: a plugin installed with `fnox plugins install` lives in fnox's data directory, where no copy
// of @fnox/contract exists, and asking npm for one would need the registry. The contract brands
// definitions and errors with Symbol.for(), so an inlined copy is recognised by any fnox. The
// result has no runtime dependency at all and installs offline.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

// Stale chunks (their names carry a hash) must not ship.
rmSync('dist', { recursive: true, force: true });

await build({
  entryPoints: { provider: 'src/provider.ts' },
  outdir: 'dist',
  bundle: true,
  // Keeps `await import('./env-file.js')` a separate chunk, loaded only when a value is read.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
});
