import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { prepareArgv } from '../argv.js';
import { reportError } from '../cli-errors.js';
import type { NativeImport } from './load-module.js';
import { runFast } from './index.js';
import { readFastManifest } from './manifest.js';

/**
 * A closed stdout pipe (`fnox export | head -1`) ends fnox quietly; any other output failure
 * (ENOSPC on `> /dev/full`, EIO) is one line on stderr with its exit code, never a stack.
 */
function exitQuietlyOnEpipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(0);
      if (stream === process.stderr) process.exit(1);
      process.exit(reportError(error));
    });
  }
}

/**
 * What bin/run.js calls first, for every command: prepare argv (global flags before the command,
 * `exec`'s opaque child argv), answer `--version` / `-V`, and serve hot commands without oclif. Returns
 * the prepared argv when oclif must run, or undefined when the command was handled. `nativeImport`
 * is the caller's own `import()` (this bundle's is compiled away; see load-module.ts).
 */
export async function start(argv: readonly string[], cliRoot: string, nativeImport: NativeImport): Promise<string[] | undefined> {
  exitQuietlyOnEpipe();
  const manifest = readFastManifest(cliRoot);
  if (!manifest) return [...argv];
  const args = prepareArgv(argv, manifest);
  if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
    const { version } = JSON.parse(readFileSync(join(cliRoot, 'package.json'), 'utf8')) as { version: string };
    process.stdout.write(`fnox ${version}\n`);
    return undefined;
  }
  return (await runFast(args, manifest, cliRoot, nativeImport)) ? undefined : args;
}
