import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { prepareArgv } from './argv.js';

function cliVersion(): string {
  const pjson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pjson.version;
}

/** A closed stdout pipe (`fnox export | head -1`) ends fnox quietly instead of with a stack. */
function exitQuietlyOnEpipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(0);
      throw error;
    });
  }
}

/**
 * The oclif entry: argument preparation, `--version`, then oclif with fnox's error rendering.
 * Only node built-ins and the argv module load before oclif is needed.
 */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  exitQuietlyOnEpipe();
  const args = prepareArgv(argv);
  if (args[0] === '--version' && args.length === 1) {
    process.stdout.write(`fnox ${cliVersion()}\n`);
    return;
  }
  if (!process.env.FNOX_NO_FAST_PATH) {
    // dist/fast.js is built as its own single-file bundle; a computed specifier keeps the bundler
    // from folding it into the oclif chunks.
    const fastEntry = new URL('./fast.js', import.meta.url).href;
    const { runFast } = (await import(fastEntry)) as typeof import('./fast/index.js');
    if (await runFast(args, fileURLToPath(new URL('..', import.meta.url)))) return;
  }
  try {
    // The explicit command registry (dist/index.js), built with oclif into one bundle.
    const { run } = (await import('fnox:commands' as string)) as { run(argv: readonly string[]): Promise<void> };
    await run(args);
  } catch (error) {
    const { reportFailure } = await import('./cli-errors.js');
    await reportFailure(error);
  }
}
