// Re-emit dist/provider.js (the entry fnox imports on first use of a password-store secret) as one
// self-contained module with the contract's runtime inlined (its Symbol.for brands keep a second
// copy compatible), so the installed plugin has no runtime dependency at all.
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
  sourcemap: 'linked',
  logLevel: 'warning',
});
