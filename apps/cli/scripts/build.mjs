// Builds the CLI as an esbuild bundle (ARCHITECTURE.md, "The fast path"): oclif, core and every
// command in one module graph with shared chunks, commands registered explicitly (no file globbing
// at start-up). Command ids come from file paths: src/commands/provider/add.ts → `provider:add`.
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const commandsDir = join(root, 'src', 'commands');

function commandFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return commandFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

function commandId(file) {
  const parts = relative(commandsDir, file).replace(/\.ts$/, '').split(sep);
  if (parts.at(-1) === 'index') parts.pop();
  return parts.join(':');
}

const commands = commandFiles(commandsDir)
  .map((file) => ({ file, id: commandId(file) }))
  .sort((a, b) => a.id.localeCompare(b.id));

// The explicit command registry, generated so adding a command file is all it takes.
const registry = [
  "export { run } from './src/oclif-run.ts';",
  "import { commands as helpCommands } from '@oclif/plugin-help';",
  ...commands.map((c, i) => `import C${i} from './${relative(root, c.file).split(sep).join('/')}';`),
  `export const COMMANDS = { ...helpCommands, ${commands.map((c, i) => `${JSON.stringify(c.id)}: C${i}`).join(', ')} };`,
].join('\n');

const virtualRegistry = {
  name: 'fnox-command-registry',
  setup(b) {
    b.onResolve({ filter: /^fnox:commands$/ }, () => ({ path: 'commands', namespace: 'fnox' }));
    b.onLoad({ filter: /.*/, namespace: 'fnox' }, () => ({ contents: registry, loader: 'ts', resolveDir: root }));
  },
};

// Build beside dist, then move files in one by one (each rename is atomic), so a fnox started
// while a rebuild runs never sees a half-written or missing dist; then drop what this build did
// not produce, so a pack ships exactly one build.
const staging = mkdtempSync(join(root, '.dist-'));
process.on('exit', () => rmSync(staging, { recursive: true, force: true }));
const common = {
  absWorkingDir: root,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Loaded lazily and only by some commands: kept as real packages (the wasm editor needs its
  // files beside it; typescript is oclif's dev-mode only require; @fnox/provider-age is a
  // dependency of the CLI and brings its own age-encryption).
  external: ['typescript', '@rainbowatcher/toml-edit-js', 'age-encryption', '@aws-sdk/*', '@oclif/plugin-plugins', '@fnox/provider-age'],
  banner: {
    // oclif is CommonJS: give the ESM bundle a real require/__filename/__dirname.
    js: [
      "import { createRequire as __fnoxCreateRequire } from 'node:module';",
      "import { fileURLToPath as __fnoxFileURLToPath } from 'node:url';",
      "import { dirname as __fnoxDirname } from 'node:path';",
      'const require = __fnoxCreateRequire(import.meta.url);',
      'const __filename = __fnoxFileURLToPath(import.meta.url);',
      'const __dirname = __fnoxDirname(__filename);',
    ].join('\n'),
  },
  logLevel: 'warning',
};
// The oclif part: every command, shared chunks, loaded only for commands the fast path leaves to oclif.
const result = await build({
  ...common,
  metafile: Boolean(process.env.FNOX_BUILD_META),
  entryPoints: { main: './src/main.ts', index: 'fnox:commands' },
  splitting: true,
  outdir: staging,
  chunkNames: 'chunks/[name]-[hash]',
  plugins: [virtualRegistry],
});
// The fast path: one self-contained CommonJS file (no oclif), so a hot command loads a single
// module and never starts Node's ESM loader — module loading dominates a ~60 ms process.
await build({
  ...common,
  entryPoints: { fast: './src/fast/entry.ts', 'code-cache': './src/fast/code-cache.ts' },
  outExtension: { '.js': '.cjs' },
  outdir: staging,
  format: 'cjs',
  // import.meta.url computed on first use: the first URL parse costs ~0.4 ms, and a hot command's
  // only uses are lazy createRequire() calls.
  banner: { js: "const __fnoxImportMeta = { get url() { return require('node:url').pathToFileURL(__filename).href; } };" },
  define: { 'import.meta.url': '__fnoxImportMeta.url' },
  // import() becomes require(): run from V8 code cache (vm.Script), the bundle has no ESM loader
  // on Node 20; the one real import() it needs comes from bin/run.js.
  supported: { 'dynamic-import': false },
});
function files(dir) {
  return readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : [join(dir, name)]));
}
if (result.metafile) (await import('node:fs')).writeFileSync(join(root, 'meta.json'), JSON.stringify(result.metafile));
const fresh = new Set();
for (const file of files(staging)) {
  const target = join(root, 'dist', relative(staging, file));
  mkdirSync(join(target, '..'), { recursive: true });
  renameSync(file, target);
  fresh.add(target);
}
rmSync(staging, { recursive: true, force: true });
for (const file of files(join(root, 'dist'))) {
  if (!fresh.has(file)) rmSync(file, { force: true });
}
console.log(`bundled ${commands.length} commands: ${commands.map((c) => c.id).join(', ')}`);
