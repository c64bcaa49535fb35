/**
 * `fnox scan --ignore` globs, with upstream's globset semantics (`*` crosses `/`, `{a,b}`
 * alternatives), which no gitignore matcher gives; gitignore files are read in ignore-files.ts.
 */

/** Translate a glob body to a regex source (`*` and `?` may cross `/`). */
function globSource(glob: string): string {
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
      out += '.*';
    } else if (c === '?') {
      out += '.';
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
    } else if (c === '{') {
      const end = glob.indexOf('}', i);
      if (end < 0) {
        out += '\\{';
        continue;
      }
      out += `(?:${glob
        .slice(i + 1, end)
        .split(',')
        .map((alt) => globSource(alt))
        .join('|')})`;
      i = end;
    } else {
      out += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    }
  }
  return out;
}

/** `--ignore` globs: a path is skipped when a glob matches its path from the root or its file name. */
export function compileIgnoreGlobs(patterns: readonly string[]): (relPath: string) => boolean {
  const regexes = patterns.flatMap((pattern) => {
    const sources = [globSource(pattern)];
    if (!pattern.includes('/')) sources.push(`(?:.*/)?${globSource(pattern)}`);
    return sources.map((source) => new RegExp(`^${source}$`));
  });
  return (relPath) => {
    const name = relPath.slice(relPath.lastIndexOf('/') + 1);
    return regexes.some((r) => r.test(relPath) || r.test(name));
  };
}
