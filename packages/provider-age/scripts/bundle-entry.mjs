// Re-emit dist/provider.js (the entry fnox imports on first use of an age secret) as one
// self-contained module: loading ~20 small ES modules costs more than decrypting a secret.
// age-encryption stays external and lazy; the contract's runtime is inlined (its Symbol.for
// brands keep a second copy compatible).
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

await build({
  absWorkingDir: fileURLToPath(new URL('..', import.meta.url)),
  entryPoints: { provider: './src/provider.ts' },
  outdir: 'dist',
  allowOverwrite: true,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['age-encryption'],
  sourcemap: 'linked',
  logLevel: 'warning',
});
