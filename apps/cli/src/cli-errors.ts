import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FnoxError } from '@fnox/core/hot';

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

/** Visible command ids and aliases (`provider add`), from the oclif manifest beside dist/. */
function commandNames(): string[] {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 4; depth++, dir = dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'oclif.manifest.json'), 'utf8')) as {
        commands: Record<string, { hidden?: boolean; aliases?: string[] }>;
      };
      return Object.entries(manifest.commands)
        .filter(([, c]) => !c.hidden)
        .flatMap(([id, c]) => [id, ...(c.aliases ?? [])])
        .map((name) => name.replaceAll(':', ' '));
    } catch {
      // not here; look one directory up
    }
  }
  return [];
}

/** Render a failure that escaped a command (oclif itself, plugins, argument routing) and set the exit code. */
export async function reportFailure(error: unknown): Promise<void> {
  if (isExitError(error)) {
    process.exitCode = (error as { oclif: { exit: number } }).oclif.exit;
    return;
  }
  const { findSimilar, formatSuggestions, renderError } = await import('@fnox/core');
  // oclif's "command X not found": one fnox usage error with a did-you-mean, like every other error.
  const unknown = /^command (\S+) not found$/.exec((error as OclifLikeError | undefined)?.message ?? '');
  if (unknown) {
    const word = unknown[1]!.replaceAll(':', ' ');
    const suggestion = formatSuggestions(findSimilar(word, commandNames()));
    const notFound = new FnoxError('usage', `'${word}' is not a fnox command`, { hint: `${suggestion ? `${suggestion} ` : ''}Run \`fnox help\` for a list of commands.` });
    const { errorStyle } = await import('./terminal-style.js');
    process.stderr.write(renderError(notFound, { debug: debugRequested(), style: errorStyle() }));
    process.exitCode = notFound.exitCode;
    return;
  }
  const usage = usageError(error);
  const oclifExit = (error as OclifLikeError | undefined)?.oclif?.exit;
  const rendered =
    usage ??
    (oclifExit !== undefined && error instanceof Error
      ? new FnoxError('usage', error.message.split('\n')[0] ?? 'invalid usage', { hint: 'See `fnox --help`.' })
      : error);
  const { errorStyle } = await import('./terminal-style.js');
  process.stderr.write(renderError(rendered, { debug: debugRequested(), style: errorStyle() }));
  process.exitCode = usage ? usage.exitCode : (oclifExit ?? 1);
}
