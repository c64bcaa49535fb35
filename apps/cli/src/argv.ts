/**
 * Argument preparation that oclif cannot do itself (docs/cli-reference.md): global flags may come before the
 * command name, and everything after `exec`'s first positional belongs to the child.
 */

/**
 * What argument preparation needs to know, from dist/fast-manifest.json (apps/cli/scripts/fast-manifest.mjs
 * derives it from the oclif manifest at build time, so it cannot drift from the commands).
 */
export interface ArgvGrammar {
  /** Flags accepted before the command name: long name, short name, whether a value follows. */
  readonly globalFlags: readonly { readonly name: string; readonly char?: string; readonly takesValue: boolean }[];
  /** `exec` and its aliases: everything after their first positional belongs to the child. */
  readonly execNames: readonly string[];
}

/** The name a leading `--if-missing` travels under, so `set --if-missing` (metadata) stays distinct. */
export const RUNTIME_IF_MISSING_FLAG = 'runtime-if-missing';

interface FlagToken {
  /** Long flag name, or undefined when not a global flag. */
  readonly name: string | undefined;
  /** Whether the value is the next token. */
  readonly takesNext: boolean;
}

function classifier(grammar: ArgvGrammar): (token: string) => FlagToken {
  const byName = new Map(grammar.globalFlags.map((flag) => [flag.name, flag]));
  const byChar = new Map(grammar.globalFlags.filter((flag) => flag.char).map((flag) => [flag.char!, flag]));
  return (token) => {
    if (token.startsWith('--')) {
      const [name, attached] = token.slice(2).split('=', 2) as [string, string | undefined];
      const flag = byName.get(name);
      if (!flag) return { name: undefined, takesNext: false };
      return { name, takesNext: flag.takesValue && attached === undefined };
    }
    const flag = byChar.get(token.slice(1, 2));
    if (!flag) return { name: undefined, takesNext: false };
    return { name: flag.name, takesNext: flag.takesValue && token.length === 2 };
  };
}

function renameRuntimeIfMissing(tokens: string[]): string[] {
  return tokens.map((token) =>
    token === '--if-missing' || token.startsWith('--if-missing=') ? token.replace('--if-missing', `--${RUNTIME_IF_MISSING_FLAG}`) : token,
  );
}

/** Put `--` before exec's child command: the first token that is neither a flag nor a global flag's value. */
function insertExecSeparator(rest: string[], classify: (token: string) => FlagToken): string[] {
  for (let i = 1; i < rest.length; i++) {
    const token = rest[i]!;
    if (token === '--') return rest;
    if (token.startsWith('-') && token !== '-') {
      if (classify(token).takesNext) i++;
      continue;
    }
    return [...rest.slice(0, i), '--', ...rest.slice(i)];
  }
  return rest;
}

/**
 * Move leading global flags (with their values) after the command id, rename a leading
 * `--if-missing` to the runtime override, and put `--` before `exec`'s child command.
 *
 * `fnox -c x.toml -P prod get KEY` → `get KEY -c x.toml -P prod`;
 * `fnox exec sh -c 'echo hi'` → `exec -- sh -c 'echo hi'`.
 */
export function prepareArgv(argv: readonly string[], grammar: ArgvGrammar): string[] {
  const classify = classifier(grammar);
  const hoisted: string[] = [];
  let i = 0;
  while (i < argv.length) {
    const token = argv[i]!;
    if (!token.startsWith('-') || token === '--' || token === '-') break;
    const { name, takesNext } = classify(token);
    if (!name) break;
    hoisted.push(token);
    if (takesNext && i + 1 < argv.length) hoisted.push(argv[i + 1]!);
    i += takesNext ? 2 : 1;
  }
  let rest = argv.slice(i);
  const isExec = rest[0] !== undefined && grammar.execNames.includes(rest[0]);
  if (isExec) rest = insertExecSeparator(rest, classify);
  if (hoisted.length === 0) return rest;
  const moved = renameRuntimeIfMissing(hoisted);
  if (rest.length === 0) return moved;
  if (isExec) return [rest[0]!, ...moved, ...rest.slice(1)];
  const separator = rest.indexOf('--');
  return separator === -1 ? [...rest, ...moved] : [...rest.slice(0, separator), ...moved, ...rest.slice(separator)];
}
