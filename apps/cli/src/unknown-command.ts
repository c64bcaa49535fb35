/**
 * What a mistyped command gets: a suggestion by edit distance and exit 127, as a shell says
 * "command not found". Never a question: oclif's not-found plugin asked "Did you mean edit? (Y/n)"
 * with Yes as the default, so Enter on `fnox lsit` decrypted every secret into an editor.
 */
import type { Config } from '@oclif/core';
import { editDistance, FnoxError } from '@fnox/core/internal';

/** The commands a typo may be meant as: visible ids and aliases, spelt as typed (`provider add`). */
function commandNames(config: Config): string[] {
  const names = new Set<string>();
  for (const command of config.commands) {
    if (command.hidden) continue;
    names.add(command.id.replaceAll(':', ' '));
    for (const alias of command.aliases ?? []) names.add(alias.replaceAll(':', ' '));
  }
  return [...names];
}

/**
 * The closest names to `typed`: within 2 edits (1 for words of up to 3 letters; a swap counts
 * as one), only the nearest ones, at most three.
 */
export function suggestCommands(typed: string, names: readonly string[]): string[] {
  const limit = typed.length <= 3 ? 1 : 2;
  const scored = names.map((name) => ({ name, distance: editDistance(typed.toLowerCase(), name) })).filter((c) => c.distance <= limit);
  const best = Math.min(...scored.map((c) => c.distance));
  return scored
    .filter((c) => c.distance === best)
    .map((c) => c.name)
    .sort()
    .slice(0, 3);
}

/** The `unknown_command` error for oclif's "command X not found", or undefined for anything else. */
export function unknownCommandError(error: unknown, config: Config): FnoxError | undefined {
  const match = /^command (.+) not found$/.exec((error as Error | undefined)?.message ?? '');
  if (!match) return undefined;
  const typed = match[1]!.replaceAll(':', ' ');
  const similar = suggestCommands(typed, commandNames(config));
  const hint =
    similar.length === 0
      ? 'Run `fnox --help` to see the commands.'
      : `Did you mean ${similar.map((name) => `\`fnox ${name}\``).join(' or ')}? Run \`fnox --help\` to see the commands.`;
  return new FnoxError('unknown_command', `'${typed}' is not a fnox command`, { hint });
}
