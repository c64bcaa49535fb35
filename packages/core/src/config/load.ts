/**
 * Config discovery and layering (docs/configuration.md, "How files are found"): the upward walk stopping at `root = true`,
 * profile and local files, non-recursive imports (first listed wins), the global config, and
 * explicit `-c` mode. Sync fs on purpose: this runs on every `fnox get/exec` and shell prompt.
 */
import { dirname, join, resolve } from 'node:path';
import { FnoxError } from '../errors.js';
import type { FnoxSession } from '../session.js';
import {
  candidateFileNames,
  globalConfigPath,
  importPath,
  isDiscoveryMode,
  parseConfigBytes,
  pathExists,
  readConfigBytes,
  readPartialConfig,
} from './files.js';
import { emptyLayer, layerOf, overlayLayer, type Layer } from './merge.js';
import { profileStack } from './profiles.js';
import type { FileConfig } from './schema.js';
import type { MergedConfig } from './types.js';
import { trustVerdict, type TrustVerdict } from '../trust/verdict.js';

/** One file that contributes to the config, with the files it imports (nearest first ordering). */
export interface ConfigFileEntry {
  readonly path: string;
  readonly imports: readonly string[];
}

/** Options of {@link loadConfig}. */
export interface LoadOptions {
  /** The profile stack whose profile files to load; defaults to {@link profileStack}. */
  readonly stack?: readonly string[];
  /**
   * Skip files that are not trusted (the shell hook): their content is hashed but never parsed,
   * and their imports are not read. Without it every file is read and its verdict recorded.
   */
  readonly onlyTrusted?: boolean;
}

/** Reads config files, recording each file's trust verdict (keyed by the path as loaded). */
interface Reader {
  readonly env: NodeJS.ProcessEnv;
  readonly onlyTrusted: boolean;
  readonly verdicts: Map<string, TrustVerdict>;
}

function newReader(env: NodeJS.ProcessEnv, onlyTrusted = false): Reader {
  return { env, onlyTrusted, verdicts: new Map() };
}

/** Read one file: undefined when the reader skips untrusted files and this one is. */
function readFile(reader: Reader, path: string): FileConfig | undefined {
  const bytes = readConfigBytes(path);
  const verdict = trustVerdict(path, bytes, reader.env);
  reader.verdicts.set(path, verdict);
  if (reader.onlyTrusted && !verdict.trusted) return undefined;
  return parseConfigBytes(bytes, path);
}

function importedLayers(config: FileConfig, reader: Reader, strict: boolean): FileConfig[] {
  const dir = dirname(config.file);
  const out: FileConfig[] = [];
  for (const entry of config.imports) {
    const path = importPath(entry, dir, reader.env);
    if (!pathExists(path)) {
      if (!strict) continue;
      throw new FnoxError('config_import_not_found', `Import file not found: ${path}`, {
        hint: `Fix or remove "${entry}" in the import list of ${config.file}.`,
      });
    }
    const imported = readFile(reader, resolve(path));
    if (imported) out.push(imported);
  }
  return out;
}

/** Merge each import *under* the accumulated layer, in listed order: the first import wins. */
function withImports(layer: Layer, imports: readonly FileConfig[]): Layer {
  let result = layer;
  for (const imported of imports) result = overlayLayer(layerOf(imported), result);
  return result;
}

/** The files of one directory, in precedence order; `found` counts skipped untrusted files too. */
function directoryFiles(reader: Reader, dir: string, names: readonly string[]): { files: FileConfig[]; found: boolean } {
  const files: FileConfig[] = [];
  let found = false;
  for (const name of names) {
    const path = join(dir, name);
    if (!pathExists(path)) continue;
    found = true;
    const file = readFile(reader, path);
    if (file) files.push(file);
  }
  return { files, found };
}

/** Directories from `cwd` up to `/`, nearest first. */
export function ancestors(cwd: string): string[] {
  const dirs = [resolve(cwd)];
  for (let dir = dirs[0]!; dirname(dir) !== dir; ) {
    dir = dirname(dir);
    dirs.push(dir);
  }
  return dirs;
}

function loadGlobal(reader: Reader, except?: string): FileConfig | undefined {
  const path = globalConfigPath(reader.env);
  if (path === except || !pathExists(path)) return undefined;
  return readFile(reader, path);
}

/** Discovery mode: per directory, its files then its imports; stop after a `root = true` directory. */
function discover(cwd: string, reader: Reader, stack: readonly string[]): Layer {
  const names = candidateFileNames(stack);
  const layers: Layer[] = [];
  let found = false;
  for (const dir of ancestors(cwd)) {
    const listed = directoryFiles(reader, dir, names);
    found ||= listed.found;
    const files = listed.files;
    if (files.length === 0) continue;
    let layer = emptyLayer();
    for (const file of files) layer = overlayLayer(layer, layerOf(file));
    // `root` is decided on the directory's own files, before imports (an imported root does not stop the walk).
    const isRoot = layer.root;
    for (const file of files) layer = withImports(layer, importedLayers(file, reader, true));
    layers.push(layer);
    if (isRoot) break;
  }
  const global = loadGlobal(reader);
  if (!found && !global) {
    throw new FnoxError('config_not_found', `No configuration file found in ${resolve(cwd)} or any parent directory`, {
      hint: "Run 'fnox init' to create a configuration file",
    });
  }
  let merged = global ? layerOf(global) : emptyLayer();
  for (const layer of layers.reverse()) merged = overlayLayer(merged, layer);
  return merged;
}

/** Explicit mode: exactly the `-c` file, its imports under it, the global config under all. */
function explicit(path: string, reader: Reader): Layer {
  if (!pathExists(path)) {
    throw new FnoxError('config_read_failed', `Failed to read configuration file: ${path}`, {
      hint: `Check the -c path; create the file with \`fnox -c ${path} init\`.`,
    });
  }
  const file = readFile(reader, path);
  const layer = file ? withImports(layerOf(file), importedLayers(file, reader, true)) : emptyLayer();
  const global = loadGlobal(reader, path);
  return global ? overlayLayer(layerOf(global), layer) : layer;
}

/** Load and merge every config file for the session (docs/configuration.md, "How files are found"). */
export function loadConfigSync(session: FnoxSession, options: LoadOptions = {}): MergedConfig {
  const stack = options.stack ?? profileStack(session);
  const config = session.options.config;
  const reader = newReader(session.env, options.onlyTrusted);
  const layer = isDiscoveryMode(config)
    ? discover(session.cwd, reader, stack)
    : explicit(resolve(session.cwd, config!), reader);
  return { ...layer, trust: reader.verdicts };
}

/** Async form of {@link loadConfigSync}, for callers that prefer promises. */
export async function loadConfig(session: FnoxSession, options: LoadOptions = {}): Promise<MergedConfig> {
  return loadConfigSync(session, options);
}

/**
 * Every file the config is read from, nearest first, each followed by its imports, global last
 * (docs/cli-reference.md, `config-files`). In discovery mode the files are only located: each is read for `root` and `import`
 * alone, leniently, so a file with mistakes elsewhere is still listed (as upstream lists it) and
 * missing imports are skipped. In explicit mode the file is read in full and missing imports are errors.
 */
export function configFiles(session: FnoxSession): string[] {
  const env = session.env;
  const reader = newReader(env);
  const config = session.options.config;
  const out: string[] = [];
  const add = (path: string) => {
    if (!out.includes(path)) out.push(path);
  };
  const addWithImports = (path: string): boolean => {
    add(path);
    const partial = readPartialConfig(path);
    for (const entry of partial.import) {
      const imported = importPath(entry, dirname(path), env);
      if (pathExists(imported)) add(resolve(imported));
    }
    return partial.root;
  };
  if (isDiscoveryMode(config)) {
    const names = candidateFileNames(profileStack(session));
    for (const dir of ancestors(session.cwd)) {
      let root = false;
      for (const name of names) {
        const path = join(dir, name);
        if (pathExists(path) && addWithImports(path)) root = true;
      }
      if (root) break;
    }
    const global = globalConfigPath(env);
    if (pathExists(global)) addWithImports(global);
    return out;
  }
  const path = resolve(session.cwd, config!);
  if (!pathExists(path)) throw new FnoxError('config_read_failed', `Failed to read configuration file: ${path}`);
  const file = readFile(reader, path)!;
  add(file.file);
  for (const imported of importedLayers(file, reader, true)) add(imported.file);
  const global = loadGlobal(reader, path);
  if (global) add(global.file);
  return out;
}
