/**
 * Flag parsing for the fast path, driven by oclif.manifest.json so both paths accept exactly the
 * same surface. Anything this parser is not certain about — an unknown flag, help, a missing
 * argument, an enum value, a flag with relations — returns `undefined`, and oclif runs instead and
 * prints the canonical error.
 */

/** The parts of an oclif manifest flag the fast path understands. */
export interface ManifestFlag {
  readonly name: string;
  readonly char?: string;
  readonly type: 'boolean' | 'option';
  readonly multiple?: boolean;
  readonly allowNo?: boolean;
  readonly options?: readonly string[];
  readonly required?: boolean;
  readonly default?: unknown;
  readonly exclusive?: readonly string[];
  readonly dependsOn?: readonly string[];
  readonly exactlyOne?: readonly string[];
  readonly relationships?: readonly unknown[];
}

/** The parts of an oclif manifest command the fast path understands. */
export interface ManifestCommand {
  readonly id: string;
  readonly aliases?: readonly string[];
  readonly hiddenAliases?: readonly string[];
  readonly strict?: boolean;
  readonly args: Readonly<Record<string, { readonly name: string; readonly required?: boolean; readonly options?: readonly string[] }>>;
  readonly flags: Readonly<Record<string, ManifestFlag>>;
}

/** A successful parse. */
export interface FastParse {
  readonly args: Record<string, string | undefined>;
  readonly flags: Record<string, string | boolean | string[] | undefined>;
  /** Arguments after `--` or beyond the declared args (non-strict commands only). */
  readonly rest: string[];
}

function hasRelations(flag: ManifestFlag): boolean {
  return Boolean(flag.exclusive?.length || flag.dependsOn?.length || flag.exactlyOne?.length || flag.relationships?.length);
}

/** Parse `argv` (everything after the command id) for `command`, or `undefined` when unsure. */
export function parseFast(command: ManifestCommand, argv: readonly string[]): FastParse | undefined {
  const byName = new Map(Object.values(command.flags).map((flag) => [flag.name, flag]));
  const byChar = new Map(
    Object.values(command.flags)
      .filter((f) => f.char)
      .map((flag) => [flag.char!, flag]),
  );
  const flags: FastParse['flags'] = {};
  const positional: string[] = [];
  const rest: string[] = [];
  const set = (flag: ManifestFlag, value: string | boolean): boolean => {
    if (hasRelations(flag)) return false;
    if (typeof value === 'string' && flag.options && !flag.options.includes(value)) return false;
    if (flag.multiple) flags[flag.name] = [...((flags[flag.name] as string[] | undefined) ?? []), value as string];
    else if (flags[flag.name] !== undefined)
      return false; // oclif rejects a repeated single flag
    else flags[flag.name] = value;
    return true;
  };

  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (token === '--') {
      rest.push(...argv.slice(i + 1));
      break;
    }
    if (token === '--help' || token === '-h') return undefined;
    if (token.startsWith('--')) {
      const eq = token.indexOf('=');
      const name = token.slice(2, eq === -1 ? undefined : eq);
      const flag = byName.get(name);
      if (!flag) return undefined;
      if (flag.type === 'boolean') {
        if (eq !== -1 || !set(flag, true)) return undefined;
      } else {
        const value = eq === -1 ? argv[++i] : token.slice(eq + 1);
        if (value === undefined || !set(flag, value)) return undefined;
      }
      continue;
    }
    if (token.startsWith('-') && token.length > 1) {
      const flag = byChar.get(token[1]!);
      if (!flag) return undefined;
      if (flag.type === 'boolean') {
        if (token.length !== 2 || !set(flag, true)) return undefined;
      } else {
        const value = token.length > 2 ? token.slice(2) : argv[++i];
        if (value === undefined || !set(flag, value)) return undefined;
      }
      continue;
    }
    positional.push(token);
  }

  const argSpecs = Object.values(command.args);
  if (positional.length > argSpecs.length) {
    if (command.strict !== false) return undefined;
    rest.unshift(...positional.splice(argSpecs.length));
  }
  const args: FastParse['args'] = {};
  for (const [index, spec] of argSpecs.entries()) {
    const value = positional[index];
    if (value === undefined && spec.required) return undefined;
    if (value !== undefined && spec.options && !spec.options.includes(value)) return undefined;
    args[spec.name] = value;
  }
  for (const flag of byName.values()) {
    if (flags[flag.name] !== undefined) continue;
    if (flag.required) return undefined;
    if (flag.default !== undefined) flags[flag.name] = flag.default as string | boolean;
  }
  return { args, flags, rest };
}
