// Run from a provider package after `tsc -p .`: re-emit dist/provider.js (the entry fnox imports
// on first use of the provider's type) as one self-contained module, with @fnox/contract's runtime
// inlined (its Symbol.for brands keep a second copy compatible). Loading many small ES modules
// costs more than the work a provider does per secret. The packages named as arguments stay
// external: heavy or native dependencies the provider imports on first use, behind import().
//
//   node ../../scripts/bundle-provider-entry.mjs [external-package...]
import { build } from 'esbuild';

await build({
  absWorkingDir: process.cwd(),
  entryPoints: { provider: './src/provider.ts' },
  outdir: 'dist',
  allowOverwrite: true,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: process.argv.slice(2),
  sourcemap: 'linked',
  logLevel: 'warning',
});
