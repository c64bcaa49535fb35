import { FnoxError } from '@fnox/core/hot';

interface OclifLikeError {
  readonly code?: string;
  readonly message?: string;
  readonly oclif?: { readonly exit?: number };
}

/** True for oclif's ExitError, which `this.exit()` throws and which must pass through untouched. */
export function isExitError(error: unknown): boolean {
  return (error as OclifLikeError | undefined)?.code === 'EEXIT';
}

/** Turn an oclif parse/usage error into the usage FnoxError (exit 2). */
export function usageError(error: unknown, commandId?: string): FnoxError | undefined {
  const oclifError = error as OclifLikeError | undefined;
  if (oclifError?.oclif?.exit !== 2 || typeof oclifError.message !== 'string') return undefined;
  // oclif prefixes grouped parse errors with "The following error(s) occurred:"; show the error itself.
  const message = oclifError.message
    .split('\n')
    .map((line) => line.trim())
    .find((line) => line && !line.startsWith('See more help') && !/^The following errors? occurred:?$/.test(line));
  return new FnoxError('usage', message ?? 'invalid usage', {
    hint: `See \`fnox ${commandId ? `${commandId.replaceAll(':', ' ')} ` : ''}--help\`.`,
  });
}

/** Whether error output should include codes and stacks. */
export function debugRequested(flagValue?: boolean): boolean {
  return Boolean(flagValue) || process.env.FNOX_DEBUG === '1' || process.env.FNOX_DEBUG === 'true' || process.argv.includes('--debug');
}

/** Render a failure that escaped a command (oclif itself, plugins, argument routing) and set the exit code. */
export async function reportFailure(error: unknown): Promise<void> {
  if (isExitError(error)) {
    process.exitCode = (error as { oclif: { exit: number } }).oclif.exit;
    return;
  }
  const { renderError } = await import('@fnox/core');
  const usage = usageError(error);
  const oclifExit = (error as OclifLikeError | undefined)?.oclif?.exit;
  const rendered =
    usage ??
    (oclifExit !== undefined && error instanceof Error
      ? new FnoxError('usage', error.message.split('\n')[0] ?? 'invalid usage', { hint: 'See `fnox --help`.' })
      : error);
  process.stderr.write(renderError(rendered, { debug: debugRequested() }));
  process.exitCode = usage ? usage.exitCode : rendered instanceof FnoxError ? rendered.exitCode : (oclifExit ?? 1);
  exitIfWedged(rendered);
}

/**
 * After a provider missed its deadline its sockets or timers may still hold the event loop; the
 * error is on stderr (synchronous for files, pipes and terminals), so end now.
 */
export function exitIfWedged(error: unknown): void {
  if (error instanceof FnoxError && error.code === 'provider_timeout') process.exit(error.exitCode);
}
