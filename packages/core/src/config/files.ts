/**
 * Reading config files from disk: names of the candidate files (docs/configuration.md, "How files are found"), the global config
 * path, `import` path resolution (docs/configuration.md), and reading + validating one file.
 */
import { statSync } from 'node:fs';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { expandHome } from '@fnox/contract';
import { FnoxError } from '../errors.js';
import { globalConfigDir } from '../session.js';
import { nonDefaultProfiles } from './profiles.js';
import { validateFile, type FileConfig } from './schema.js';
import { isFnoxConfigName, readInputBytes, readInputText } from './read-input.js';
import { parseToml } from './toml-read.js';

/** `-c` values that keep discovery mode on (docs/configuration.md, "How files are found"). */
export const DISCOVERY_NAMES: readonly string[] = ['fnox.toml', '.fnox.toml', 'fnox.local.toml', '.fnox.local.toml'];

/** True when `-c` is absent or one of the bare {@link DISCOVERY_NAMES}. */
export function isDiscoveryMode(config: string | undefined): boolean {
  return config === undefined || DISCOVERY_NAMES.includes(config);
}

/** Candidate file names in one directory, lowest precedence first, for an active stack. */
export function candidateFileNames(stack: readonly string[]): string[] {
  const names = ['fnox.toml', '.fnox.toml'];
  for (const profile of nonDefaultProfiles(stack)) names.push(`fnox.${profile}.toml`, `.fnox.${profile}.toml`);
  names.push('fnox.local.toml', '.fnox.local.toml');
  return [...new Set(names)];
}

/** True for a profile file name such as `fnox.prod.toml` / `.fnox.prod.toml` (docs/configuration.md, "How files are found"). */
export function isProfileFileName(file: string): boolean {
  const name = basename(file).replace(/^\./, '');
  return /^fnox\..+\.toml$/.test(name) && name !== 'fnox.local.toml';
}

/** `$FNOX_CONFIG_DIR/config.toml` (see {@link globalConfigDir}). */
export function globalConfigPath(env: NodeJS.ProcessEnv): string {
  return join(globalConfigDir(env), 'config.toml');
}

export { expandHome };

/**
 * Where an `import` entry of a file in `dir` points. The path is kept un-normalised (`/p/./x.toml`)
 * because Rust names it that way in `Import file not found`.
 */
export function importPath(entry: string, dir: string, env: NodeJS.ProcessEnv): string {
  const expanded = expandHome(entry, env);
  if (isAbsolute(expanded)) return expanded;
  return dir.endsWith('/') ? `${dir}${expanded}` : `${dir}/${expanded}`;
}

/** Whether a path exists (a directory counts: reading it then fails with a clear error). */
export function pathExists(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false }) !== undefined;
  } catch {
    // ENOTDIR (a parent is a file), ELOOP, EACCES on a parent: there is no usable file here.
    return false;
  }
}

/** Read one config file's bytes (regular, at most 1 MiB): the loader hashes them for trust before parsing. */
export function readConfigBytes(path: string): Buffer {
  return readInputBytes(path, { label: 'configuration file', code: 'config_read_failed' });
}

/**
 * Parse and validate the bytes of the config file at `path`. A file not named like a fnox config
 * (an `import` of `~/.netrc`, `/proc/self/environ`, `.env`) fails with its path and line only: no
 * snippet, key or reason from its content reaches the terminal.
 */
export function parseConfigBytes(bytes: Buffer, path: string): FileConfig {
  let text = bytes.toString('utf8');
  // A UTF-8 BOM is not TOML; editors on some systems add one.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (isFnoxConfigName(path)) return validateFile(parseToml(text, path), text, path);
  try {
    return validateFile(parseToml(text, path), text, path);
  } catch (error) {
    const at = error instanceof FnoxError ? /^:(\d+):\d+: /.exec(error.message.slice(path.length)) : null;
    throw new FnoxError('config_invalid_toml', `${path}${at ? `:${at[1]}` : ''}: not a valid fnox configuration`, {
      hint: `fnox quotes the content of fnox*.toml and config.toml files only; check that ${path} is meant to be imported.`,
    });
  }
}

/** Read, parse and validate one config file (see {@link readConfigBytes} and {@link parseConfigBytes}). */
export function readConfigFile(path: string): FileConfig {
  return parseConfigBytes(readConfigBytes(path), path);
}

/** What locating config files needs from one file: `root` and `import`, read leniently. */
export interface PartialConfig {
  readonly root: boolean;
  readonly import: readonly string[];
}

/**
 * Read only `root` and `import` of a file, never failing (as upstream's `config-files` does): an
 * unreadable or invalid file, or one with other mistakes, still counts as found, with no imports
 * and not root.
 */
export function readPartialConfig(path: string): PartialConfig {
  let doc: Record<string, unknown>;
  try {
    let text = readInputText(path, { label: 'configuration file', code: 'config_read_failed' });
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    doc = parseToml(text, path);
  } catch {
    return { root: false, import: [] };
  }
  const imports = Array.isArray(doc.import) ? doc.import.filter((entry): entry is string => typeof entry === 'string') : [];
  return { root: doc.root === true, import: imports };
}

/** Resolve a CLI path argument against the working directory. */
export function resolveFromCwd(cwd: string, path: string): string {
  return resolve(cwd, path);
}
