/**
 * A small gitignore matcher for `fnox scan` (no dependency): the pattern syntax of gitignore(5) —
 * comments, `!` negation, `\` escapes, trailing `/` for directories, anchoring by a `/` in the
 * pattern, `*`, `?`, `[...]` and `**` — evaluated per directory, deeper files and later lines
 * winning. Also turns `--ignore` globs into matchers (globset semantics: `*` crosses `/`).
 */

/** One compiled gitignore line. */
interface Rule {
  readonly regex: RegExp;
  readonly negate: boolean;
  readonly dirOnly: boolean;
  /** Anchored rules match the path relative to the file's directory; others match any tail. */
  readonly anchored: boolean;
}

/** The rules of one ignore file, relative to `base` (a `/`-separated path from the scan root, '' for the root). */
export interface RuleSet {
  readonly base: string;
  readonly rules: readonly Rule[];
}

/** Translate a glob body to a regex source; `slashStar` decides whether `*` may cross `/`. */
export function globSource(glob: string, slashStar: boolean): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '\\' && i + 1 < glob.length) {
      out += glob[++i]!.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    } else if (c === '*' && glob[i + 1] === '*') {
      const slashAfter = glob[i + 2] === '/';
      const slashBefore = i === 0 || glob[i - 1] === '/';
      if (slashBefore && slashAfter) {
        out += '(?:.*/)?';
        i += 2;
      } else {
        out += '.*';
        i += 1;
      }
    } else if (c === '*') {
      out += slashStar ? '.*' : '[^/]*';
    } else if (c === '?') {
      out += slashStar ? '.' : '[^/]';
    } else if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end < 0) {
        out += '\\[';
        continue;
      }
      let body = glob.slice(i + 1, end);
      if (body.startsWith('!')) body = `^${body.slice(1)}`;
      out += `[${body.replace(/\\/g, '\\\\')}]`;
      i = end;
    } else if (c === '{' && slashStar) {
      const end = glob.indexOf('}', i);
      if (end < 0) {
        out += '\\{';
        continue;
      }
      out += `(?:${glob.slice(i + 1, end).split(',').map((alt) => globSource(alt, true)).join('|')})`;
      i = end;
    } else {
      out += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    }
  }
  return out;
}

/** Compile the text of a `.gitignore` / `.ignore` / `info/exclude` file found at `base`. */
export function parseIgnoreFile(text: string, base: string): RuleSet {
  const rules: Rule[] = [];
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.replace(/(?<!\\)\s+$/, '');
    if (line === '' || line.startsWith('#')) continue;
    let negate = false;
    if (line.startsWith('!')) {
      negate = true;
      line = line.slice(1);
    } else if (line.startsWith('\\!') || line.startsWith('\\#')) {
      line = line.slice(1);
    }
    const dirOnly = line.endsWith('/');
    if (dirOnly) line = line.slice(0, -1);
    const anchored = line.includes('/');
    if (line.startsWith('/')) line = line.slice(1);
    if (line === '') continue;
    try {
      rules.push({ regex: new RegExp(`^${globSource(line, false)}$`), negate, dirOnly, anchored });
    } catch {
      // An unparsable line ignores nothing, as git does.
    }
  }
  return { base, rules };
}

/**
 * Whether `path` (relative to the scan root, `/`-separated) is ignored by `sets` (outermost first).
 * Returns undefined when no rule matched, so callers can fall back.
 */
export function isIgnored(sets: readonly RuleSet[], path: string, isDir: boolean): boolean | undefined {
  let verdict: boolean | undefined;
  for (const set of sets) {
    if (set.base !== '' && !path.startsWith(`${set.base}/`)) continue;
    const rel = set.base === '' ? path : path.slice(set.base.length + 1);
    const name = rel.slice(rel.lastIndexOf('/') + 1);
    for (const rule of set.rules) {
      if (rule.dirOnly && !isDir) continue;
      if (rule.regex.test(rule.anchored ? rel : name)) verdict = !rule.negate;
    }
  }
  return verdict;
}

/** `--ignore` globs: a path is skipped when a glob matches its path from the root or its file name. */
export function compileIgnoreGlobs(patterns: readonly string[]): (relPath: string) => boolean {
  const regexes = patterns.flatMap((pattern) => {
    const sources = [globSource(pattern, true)];
    if (!pattern.includes('/')) sources.push(`(?:.*/)?${globSource(pattern, true)}`);
    return sources.map((source) => new RegExp(`^${source}$`));
  });
  return (relPath) => {
    const name = relPath.slice(relPath.lastIndexOf('/') + 1);
    return regexes.some((r) => r.test(relPath) || r.test(name));
  };
}
