/**
 * Argument preparation that oclif cannot do itself (docs/cli-reference.md): global flags may come before the
 * command name, and everything after `exec`'s first positional belongs to the child.
 */

/** Global flags and whether each takes a value. Long names without dashes. */
const GLOBAL_FLAGS: ReadonlyMap<string, boolean> = new Map([
  ['config', true],
  ['profile', true],
  ['verbose', false],
  ['if-missing', true],
  ['no-color', false],
  ['no-defaults', false],
  ['non-interactive', false],
  ['write-profile', true],
  ['age-key-file', true],
  ['no-daemon', false],
  ['debug', false],
]);

const SHORT_TO_LONG: ReadonlyMap<string, string> = new Map([
  ['c', 'config'],
  ['P', 'profile'],
  ['v', 'verbose'],
]);

/** The name a leading `--if-missing` travels under, so `set --if-missing` (metadata) stays distinct. */
export const RUNTIME_IF_MISSING_FLAG = 'runtime-if-missing';

interface FlagToken {
  /** Long flag name, or undefined when not a global flag. */
  readonly name: string | undefined;
  /** Whether the value is the next token. */
  readonly takesNext: boolean;
}

function classify(token: string): FlagToken {
  if (token.startsWith('--')) {
    const [name, attached] = token.slice(2).split('=', 2) as [string, string | undefined];
    const takesValue = GLOBAL_FLAGS.get(name);
    if (takesValue === undefined) return { name: undefined, takesNext: false };
    return { name, takesNext: takesValue && attached === undefined };
  }
  const long = SHORT_TO_LONG.get(token.slice(1, 2));
  if (!long) return { name: undefined, takesNext: false };
  const takesValue = GLOBAL_FLAGS.get(long) === true;
  return { name: long, takesNext: takesValue && token.length === 2 };
}

function renameRuntimeIfMissing(tokens: string[]): string[] {
  return tokens.map((token) =>
    token === '--if-missing' || token.startsWith('--if-missing=')
      ? token.replace('--if-missing', `--${RUNTIME_IF_MISSING_FLAG}`)
      : token,
  );
}

/**
 * Value-taking flags of `exec` itself (besides the global ones), so the child command can be
 * found: the first token that is neither a flag nor a flag's value.
 */
const EXEC_VALUE_FLAGS = new Set<string>();

function insertExecSeparator(rest: string[], execIndex: number): string[] {
  for (let i = execIndex + 1; i < rest.length; i++) {
    const token = rest[i]!;
    if (token === '--') return rest;
    if (token.startsWith('-') && token !== '-') {
      const { name, takesNext } = classify(token);
      const execFlag = EXEC_VALUE_FLAGS.has(token.replace(/^--?/, '').split('=')[0]!);
      if ((name && takesNext) || (execFlag && !token.includes('='))) i++;
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
export function prepareArgv(argv: readonly string[]): string[] {
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
  const execIndex = rest[0] === 'exec' || rest[0] === 'x' || rest[0] === 'run' ? 0 : -1;
  if (execIndex === 0) rest = insertExecSeparator(rest, 0);
  if (hoisted.length === 0) return rest;
  const moved = renameRuntimeIfMissing(hoisted);
  if (rest.length === 0) return moved;
  if (execIndex === 0) return [rest[0]!, ...moved, ...rest.slice(1)];
  const separator = rest.indexOf('--');
  return separator === -1 ? [...rest, ...moved] : [...rest.slice(0, separator), ...moved, ...rest.slice(separator)];
}
