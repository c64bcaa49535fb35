import { readFileSync } from 'node:fs';
import { FnoxError, renderError } from '@fnox/core';
import { prepareArgv } from './argv.js';
import { debugRequested, isExitError, usageError } from './base-command.js';

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

function reportFailure(error: unknown): void {
  if (isExitError(error)) {
    process.exitCode = (error as { oclif: { exit: number } }).oclif.exit;
    return;
  }
  const usage = usageError(error);
  const oclifExit = (error as { oclif?: { exit?: number } } | undefined)?.oclif?.exit;
  const rendered =
    usage ??
    (oclifExit !== undefined && error instanceof Error
      ? new FnoxError('usage', error.message.split('\n')[0] ?? 'invalid usage', { hint: 'See `fnox --help`.' })
      : error);
  process.stderr.write(renderError(rendered, { debug: debugRequested() }));
  process.exitCode = usage ? usage.exitCode : oclifExit ?? 1;
}

/** The oclif entry: argument preparation, `--version`, then oclif with fnox's error rendering. */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  exitQuietlyOnEpipe();
  const args = prepareArgv(argv);
  if (args[0] === '--version' && args.length === 1) {
    process.stdout.write(`fnox ${cliVersion()}\n`);
    return;
  }
  const { run, flush } = await import('@oclif/core');
  try {
    await run(args, import.meta.url);
    await flush();
  } catch (error) {
    reportFailure(error);
  }
}
