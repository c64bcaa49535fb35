/**
 * gitignore(5) rules for `fnox scan`, read with the `ignore` package (the matcher eslint and many
 * others use): one matcher per `.gitignore` / `.ignore` / `info/exclude` file, evaluated per
 * directory, deeper files and later lines winning.
 */
import ignore, { type Ignore } from 'ignore';

/** The rules of one ignore file, relative to `base` (a `/`-separated path from the scan root, '' for the root). */
export interface RuleSet {
  readonly base: string;
  readonly matcher: Ignore;
}

/** Compile the text of an ignore file found at `base`. */
export function parseIgnoreFile(text: string, base: string): RuleSet {
  return { base, matcher: ignore({ allowRelativePaths: true }).add(text) };
}

/**
 * Whether `path` (relative to the scan root, `/`-separated) is ignored by `sets` (outermost first).
 * Returns undefined when no rule matched, so callers can fall back to rules from above the root.
 */
export function isIgnored(sets: readonly RuleSet[], path: string, isDir: boolean): boolean | undefined {
  let verdict: boolean | undefined;
  for (const set of sets) {
    if (set.base !== '' && !path.startsWith(`${set.base}/`)) continue;
    const rel = set.base === '' ? path : path.slice(set.base.length + 1);
    const { ignored, unignored } = set.matcher.test(isDir ? `${rel}/` : rel);
    if (ignored) verdict = true;
    else if (unignored) verdict = false;
  }
  return verdict;
}
