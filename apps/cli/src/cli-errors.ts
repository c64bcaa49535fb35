import { FnoxError, isStopError, renderError, toFnoxError } from '@fnox/core/hot';
import { stderr } from './stdio.js';
import { errorStyle } from './terminal-style.js';

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

/**
 * The one way a failure reaches the user, from every entry (oclif commands, the fast path, oclif
 * itself): one line with hint and diagnostic id on stderr (code and stack with `--debug`), and a
 * process that a wedged provider cannot keep alive. Returns the exit code to use.
 */
export function reportError(error: unknown, debug: boolean = debugRequested()): number {
  const fnoxError = toFnoxError(error);
  stderr.write(renderError(fnoxError, { debug, style: errorStyle() }));
  exitIfWedged(fnoxError);
  return fnoxError.exitCode;
}

/** Render a failure that escaped a command (oclif itself, plugins, argument routing) and set the exit code. */
export async function reportFailure(error: unknown): Promise<void> {
  if (isExitError(error)) {
    process.exitCode = (error as { oclif: { exit: number } }).oclif.exit;
    return;
  }
  const usage = usageError(error);
  const oclifExit = (error as OclifLikeError | undefined)?.oclif?.exit;
  const rendered =
    usage ??
    (oclifExit !== undefined && error instanceof Error
      ? new FnoxError('usage', error.message.split('\n')[0] ?? 'invalid usage', { hint: 'See `fnox --help`.' })
      : error);
  const code = reportError(rendered);
  process.exitCode = rendered instanceof FnoxError || oclifExit === undefined ? code : oclifExit;
}

/**
 * After a provider missed its deadline, or was stopped by Ctrl-C/SIGTERM, its sockets or timers
 * may still hold the event loop; the error is on stderr (synchronous for files, pipes and
 * terminals), so end now.
 */
export function exitIfWedged(error: unknown): void {
  if (error instanceof FnoxError && (error.code === 'provider_timeout' || isStopError(error))) process.exit(error.exitCode);
}
