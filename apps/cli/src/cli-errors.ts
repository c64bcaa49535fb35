import { FnoxError, isStopError } from '@fnox/core/hot';

interface OclifLikeError {
  readonly code?: string;
  readonly message?: string;
  readonly oclif?: { readonly exit?: number };
  /** oclif's RequiredArgsError: the arguments that were not given. */
  readonly args?: readonly { readonly name?: string }[];
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
  // "Missing 1 required arg:" is followed by a list oclif renders on the next lines: name them on one.
  const missing = oclifError.args?.map((arg) => arg.name?.toUpperCase()).filter(Boolean) ?? [];
  const text = message?.startsWith('Missing ') && missing.length > 0 ? `${message.replace(/:$/, '')}: ${missing.join(', ')}` : message;
  return new FnoxError('usage', text ?? 'invalid usage', {
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
  const { renderError } = await import('@fnox/core/internal');
  const usage = usageError(error);
  const oclifExit = (error as OclifLikeError | undefined)?.oclif?.exit;
  const rendered =
    usage ??
    (oclifExit !== undefined && error instanceof Error
      ? new FnoxError('usage', error.message.split('\n')[0] ?? 'invalid usage', { hint: 'See `fnox --help`.' })
      : error);
  const { errorStyle } = await import('./terminal-style.js');
  process.stderr.write(renderError(rendered, { debug: debugRequested(), style: errorStyle() }));
  process.exitCode = usage ? usage.exitCode : rendered instanceof FnoxError ? rendered.exitCode : (oclifExit ?? 1);
  exitIfWedged(rendered);
}

/**
 * After a provider missed its deadline, or was stopped by Ctrl-C/SIGTERM, its sockets or timers
 * may still hold the event loop; the error is on stderr (synchronous for files, pipes and
 * terminals), so end now.
 */
export function exitIfWedged(error: unknown): void {
  if (error instanceof FnoxError && (error.code === 'provider_timeout' || isStopError(error))) process.exit(error.exitCode);
}
