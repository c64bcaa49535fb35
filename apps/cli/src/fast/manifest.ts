import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { ArgvGrammar } from '../argv.js';
import type { ManifestCommand } from './flags.js';

/**
 * dist/fast-manifest.json, written at build time by scripts/fast-manifest.mjs from the oclif
 * manifest: the argv grammar (global flags, exec's names) and the hot commands, each served by
 * the file in src/handlers/ named by its id.
 */
export interface FastManifest extends ArgvGrammar {
  readonly version: string;
  /** Every hot command's id and aliases, to its id. */
  readonly commandNames: Readonly<Record<string, string>>;
  readonly commands: Readonly<Record<string, ManifestCommand>>;
}

/**
 * The fast manifest, or undefined when the build has none (oclif then runs, unprepared). Loaded
 * with require(), so bin/run.js's read of the same file (to pick the code cache) is reused.
 */
export function readFastManifest(cliRoot: string): FastManifest | undefined {
  try {
    return createRequire(join(cliRoot, 'package.json'))('./dist/fast-manifest.json') as FastManifest;
  } catch {
    return undefined;
  }
}

/** The hot command `word` names, by id or alias. */
export function findCommand(manifest: FastManifest, word: string): ManifestCommand | undefined {
  const id = Object.hasOwn(manifest.commandNames, word) ? manifest.commandNames[word] : undefined;
  return id === undefined ? undefined : manifest.commands[id];
}
