// Run from a provider package after `tsc -p .`: re-emit dist/provider.js (the entry fnox imports
// on first use of the provider's type) as one self-contained module, with @fnox/contract's runtime
// inlined (its Symbol.for brands keep a second copy compatible). Loading many small ES modules
// costs more than the work a provider does per secret. The packages named as arguments stay
// external: heavy or native dependencies the provider imports on first use, behind import().
//
// Also emits dist/provider.cjs, the manifest's `require` twin: the same module as CommonJS whose
// `module.exports` is the definition, with every import() turned into require() (a module run
// from V8 code cache has no ESM loader on Node 20). The CLI's hot path loads it with code cache
// where Node can require() ES modules (ARCHITECTURE.md, "The fast path").
//
//   node ../../scripts/bundle-provider-entry.mjs [external-package...]
import { build } from 'esbuild';

const common = {
  absWorkingDir: process.cwd(),
  entryPoints: { provider: './src/provider.ts' },
  outdir: 'dist',
  allowOverwrite: true,
  bundle: true,
  platform: 'node',
  target: 'node20',
  external: process.argv.slice(2),
  sourcemap: 'linked',
  logLevel: 'warning',
};

await build({ ...common, format: 'esm' });
await build({
  ...common,
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
  supported: { 'dynamic-import': false },
  footer: { js: 'module.exports = module.exports.default;' },
});
