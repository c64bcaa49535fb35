import type { Config } from '@oclif/core';

/** Single-quote for fish (`\\` and `'` escaped). */
function fishQuote(text: string): string {
  return `'${text.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

/** Commands whose first argument is a secret name: completed from `fnox list --complete`. */
const SECRET_ARG_COMMANDS = new Set(['get', 'set', 'remove']);

/**
 * A fish completion script for every visible command, its aliases and flags: sub-commands after
 * `fnox`, topic commands after their topic (`fnox provider add`), flags after their command, and
 * secret names for `get`, `set` and `remove`.
 */
export function fishCompletion(config: Config): string {
  const bin = config.bin;
  const lines = [`# fish completion for ${bin}`, `complete -c ${bin} -f`];
  const commands = config.commands.filter((c) => !c.hidden);
  const topics = new Map<string, string[]>();
  for (const command of commands) {
    const words = command.id.split(':');
    if (words.length === 2) topics.set(words[0]!, [...(topics.get(words[0]!) ?? []), words[1]!]);
  }
  const seen = new Set<string>();
  for (const command of commands) {
    const words = command.id.split(':');
    const summary = fishQuote((command.summary ?? command.description ?? '').split('\n')[0]!);
    let condition: string;
    if (words.length === 1) {
      for (const name of [words[0]!, ...command.aliases.filter((a) => !a.includes(':'))]) {
        if (seen.has(name)) continue;
        seen.add(name);
        lines.push(`complete -c ${bin} -n __fish_use_subcommand -a ${fishQuote(name)} -d ${summary}`);
      }
      condition = `__fish_seen_subcommand_from ${[words[0]!, ...command.aliases.filter((a) => !a.includes(':'))].join(' ')}`;
    } else if (words.length === 2) {
      const [topic, sub] = words as [string, string];
      if (!seen.has(topic)) {
        seen.add(topic);
        lines.push(`complete -c ${bin} -n __fish_use_subcommand -a ${fishQuote(topic)} -d ${fishQuote(`${topic} commands`)}`);
      }
      const siblings = topics.get(topic)!.join(' ');
      lines.push(
        `complete -c ${bin} -n ${fishQuote(`__fish_seen_subcommand_from ${topic}; and not __fish_seen_subcommand_from ${siblings}`)} -a ${fishQuote(sub)} -d ${summary}`,
      );
      condition = `__fish_seen_subcommand_from ${topic}; and __fish_seen_subcommand_from ${sub}`;
    } else {
      continue;
    }
    for (const flag of Object.values(command.flags)) {
      if (flag.hidden) continue;
      const parts = [`complete -c ${bin} -n ${fishQuote(condition)} -l ${flag.name}`];
      if (flag.char) parts.push(`-s ${flag.char}`);
      if (flag.type === 'option') parts.push(flag.options?.length ? `-x -a ${fishQuote(flag.options.join(' '))}` : '-r');
      if (flag.summary ?? flag.description) parts.push(`-d ${fishQuote((flag.summary ?? flag.description ?? '').split('\n')[0]!)}`);
      lines.push(parts.join(' '));
    }
    if (words.length === 1 && SECRET_ARG_COMMANDS.has(words[0]!)) {
      lines.push(`complete -c ${bin} -n ${fishQuote(condition)} -a ${fishQuote(`(${bin} list --complete 2>/dev/null)`)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
