import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { prepareArgv } from '../argv.js';
import { reportError } from '../cli-errors.js';
import type { NativeImport } from './load-module.js';
import { runFast } from './index.js';
import { readFastManifest } from './manifest.js';
import { guardStreams, stdout, usesStreams } from '../stdio.js';

/**
 * What bin/run.js calls first, for every command: prepare argv (global flags before the command,
 * `exec`'s opaque child argv), answer `--version` / `-V`, and serve hot commands without oclif. Returns
 * the prepared argv when oclif must run, or undefined when the command was handled. `nativeImport`
 * is the caller's own `import()` (this bundle's is compiled away; see load-module.ts).
 */
export async function start(argv: readonly string[], cliRoot: string, nativeImport: NativeImport): Promise<string[] | undefined> {
  // Output failures end fnox the same way on every path: stdio.ts handles its own writes.
  if (usesStreams) guardStreams(reportError);
  const manifest = readFastManifest(cliRoot);
  if (!manifest) return [...argv];
  const args = prepareArgv(argv, manifest);
  if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
    const { version } = JSON.parse(readFileSync(join(cliRoot, 'package.json'), 'utf8')) as { version: string };
    stdout.write(`fnox ${version}\n`);
    return undefined;
  }
  return (await runFast(args, manifest, cliRoot, nativeImport)) ? undefined : args;
}
