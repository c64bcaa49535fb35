// Re-emit dist/provider.js (the entry fnox imports on first use of a keychain secret) as one
// module with the contract's runtime inlined (its Symbol.for brands keep a second copy
// compatible). @napi-rs/keyring, a native module with one prebuilt package per platform, stays
// external and is imported on first use only.
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
  external: ['@napi-rs/keyring'],
  sourcemap: 'linked',
  logLevel: 'warning',
});
