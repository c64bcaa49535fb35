import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderError, toFnoxError } from '@fnox/core/hot';
import { prepareArgv } from '../argv.js';
import { runFast } from './index.js';

/**
 * A closed stdout pipe (`fnox export | head -1`) ends fnox quietly; any other output failure
 * (ENOSPC on `> /dev/full`, EIO) is one line on stderr with its exit code, never a stack.
 */
function exitQuietlyOnEpipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(0);
      if (stream === process.stderr) process.exit(1);
      const fnoxError = toFnoxError(error);
      process.stderr.write(renderError(fnoxError));
      process.exit(fnoxError.exitCode);
    });
  }
}

/**
 * What bin/run.js calls first, for every command: prepare argv (global flags before the command,
 * `exec`'s opaque child argv), answer `--version`, and serve hot commands without oclif. Returns
 * the prepared argv when oclif must run, or undefined when the command was handled.
 */
export async function start(argv: readonly string[], cliRoot: string): Promise<string[] | undefined> {
  exitQuietlyOnEpipe();
  const args = prepareArgv(argv);
  if (args.length === 1 && args[0] === '--version') {
    const { version } = JSON.parse(readFileSync(join(cliRoot, 'package.json'), 'utf8')) as { version: string };
    process.stdout.write(`fnox ${version}\n`);
    return undefined;
  }
  return (await runFast(args, cliRoot)) ? undefined : args;
}
