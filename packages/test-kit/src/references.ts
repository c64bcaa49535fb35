import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Citations of documents that are not in the repository: the background notes the project was
 * started from (specification, design, toolchain, start-up, AWS wire and trust notes) and the
 * folder beside the checkout they lived in. A clone must explain itself, so code and docs cite
 * ARCHITECTURE.md or docs/ instead. (Names are split, as in `TOOL(?:CHAIN)`, so this file passes the same grep.)
 */
export const OUTSIDE_REFERENCE =
  /\b(?:SPEC|DESIGN|STYLE|TOOL(?:CHAIN)|STARTUP|AWS-(?:WIRE)|TRUST)(?:\.md)?\s*§|\b(?:SPEC|DESIGN|STYLE|TOOL(?:CHAIN)|STARTUP|AWS-(?:WIRE)|TRUST)\.md\b|\.\.\/shared\b|\/work\/shared\b/;

/** A bare section sign before a number in code (`§3.5`) pointed into those notes too; RFC sections are fine. */
export const BARE_SECTION = /(?<!RFC \d{3,5} )§\s?\d/;

const SKIPPED_DIRS = new Set(['node_modules', 'dist', '.git', '.turbo', '.tools', 'coverage', 'vectors']);
/** Generated and git-ignored outputs (test results, manifests) are not sources. */
const SKIPPED_FILES = new Set(['.vitest-results.json', 'oclif.manifest.json', 'fast-manifest.json', 'meta.json']);
const TEXT_FILE = /\.(?:[cm]?[jt]s|json|md|toml|ya?ml|sh)$|^\.ci$|^run$/;
const CODE_FILE = /\.[cm]?[jt]s$/;

/** One offending line. */
export interface OutsideReference {
  readonly file: string;
  readonly line: number;
  readonly text: string;
}

/** Every line under `root` (dependencies, builds and vendored vectors skipped) that cites a document outside the repository. */
export function findOutsideReferences(root: string, ignore: readonly string[] = []): OutsideReference[] {
  const found: OutsideReference[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith('.dist-')) walk(path);
        continue;
      }
      const file = relative(root, path);
      if (!entry.isFile() || SKIPPED_FILES.has(entry.name) || !TEXT_FILE.test(entry.name) || ignore.includes(file)) continue;
      const lines = readFileSync(path, 'utf8').split('\n');
      lines.forEach((text, index) => {
        if (OUTSIDE_REFERENCE.test(text) || (CODE_FILE.test(entry.name) && BARE_SECTION.test(text))) found.push({ file, line: index + 1, text: text.trim() });
      });
    }
  };
  walk(root);
  return found;
}
