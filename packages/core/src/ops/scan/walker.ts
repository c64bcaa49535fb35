/**
 * The file walk of `fnox scan`: everything under the root including dotfiles, in name order,
 * without following symlinks; skipping build/VCS directories by name, and whatever `.gitignore`
 * (inside a git work tree, like upstream's walker), `.git/info/exclude` and `.ignore` files say.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isIgnored, parseIgnoreFile, type RuleSet } from './ignore-files.js';

/** Directory names never entered. */
export const SKIPPED_DIRS: ReadonlySet<string> = new Set(['.git', '.hg', '.svn', 'target', 'node_modules', 'vendor', 'dist', 'build', '.next', '.cache', 'coverage']);

/** The git work tree containing `dir` (its top directory), if any. */
function gitTop(dir: string): string | undefined {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, '.git'))) return d;
    if (dirname(d) === d) return undefined;
  }
}

function readRules(file: string, base: string): RuleSet | undefined {
  try {
    return parseIgnoreFile(readFileSync(file, 'utf8'), base);
  } catch {
    return undefined;
  }
}

/**
 * Ignore files that apply to the root itself: git's info/exclude and the `.gitignore` files of
 * the root's ancestors up to the work tree top. Their patterns are rebased onto the root by
 * matching against the path from their own directory, so they are wrapped with a prefix.
 */
function inheritedRules(root: string, inGit: string | undefined): { prefix: string; set: RuleSet }[] {
  const out: { prefix: string; set: RuleSet }[] = [];
  const ancestors: string[] = [];
  const stop = inGit ?? root;
  for (let d = dirname(root); d.length >= stop.length && d !== root; d = dirname(d)) {
    ancestors.unshift(d);
    if (d === stop || dirname(d) === d) break;
  }
  const prefixOf = (dir: string) => root.slice(dir.length + 1);
  if (inGit) {
    const exclude = readRules(join(inGit, '.git', 'info', 'exclude'), '');
    if (exclude) out.push({ prefix: inGit === root ? '' : prefixOf(inGit), set: exclude });
  }
  for (const dir of ancestors) {
    for (const name of [...(inGit ? ['.gitignore'] : []), '.ignore']) {
      const set = readRules(join(dir, name), '');
      if (set) out.push({ prefix: prefixOf(dir), set });
    }
  }
  return out;
}

/** Every regular file to scan under `root` (absolute), with its path relative to the root. */
export function* walkFiles(root: string): Generator<{ abs: string; rel: string }> {
  const inGit = gitTop(root);
  const inherited = inheritedRules(root, inGit);
  const ignoredAbove = (rel: string, isDir: boolean) => {
    let verdict: boolean | undefined;
    for (const { prefix, set } of inherited) {
      const v = isIgnored([set], prefix ? `${prefix}/${rel}` : rel, isDir);
      if (v !== undefined) verdict = v;
    }
    return verdict;
  };

  function* walk(dir: string, rel: string, sets: readonly RuleSet[]): Generator<{ abs: string; rel: string }> {
    const own = [...(inGit ? [readRules(join(dir, '.gitignore'), rel)] : []), readRules(join(dir, '.ignore'), rel)].filter((s): s is RuleSet => s !== undefined);
    const active = [...sets, ...own];
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // unreadable directory: skipped, as upstream does
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      const isDir = entry.isDirectory();
      if (!isDir && !entry.isFile()) continue; // symlinks and devices are not followed
      if (isDir && SKIPPED_DIRS.has(entry.name)) continue;
      const local = isIgnored(active, childRel, isDir);
      if (local ?? ignoredAbove(childRel, isDir)) continue;
      if (isDir) yield* walk(join(dir, entry.name), childRel, active);
      else yield { abs: join(dir, entry.name), rel: childRel };
    }
  }
  yield* walk(root, '', []);
}
