import { existsSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/**
 * Every installed copy of package `name` under `root` (any depth of nested node_modules; symlinks
 * are not followed), as paths relative to `root`. Asserting on this is asserting on what a user's
 * disk holds, not on what a manifest claims.
 */
export function installedCopies(root: string, name: string): string[] {
  const found: string[] = [];
  const want = ['node_modules', ...name.split('/')].join(sep);
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const path = join(dir, entry.name);
      if (path.endsWith(sep + want) && existsSync(join(path, 'package.json'))) found.push(relative(root, path));
      walk(path);
    }
  };
  if (existsSync(root)) walk(root);
  return found;
}

/** Names of the packages installed under `root` (deduplicated, any depth). */
export function installedNames(root: string): Set<string> {
  const names = new Set<string>();
  const walk = (modules: string) => {
    if (!existsSync(modules)) return;
    for (const entry of readdirSync(modules, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
      const dirs = entry.name.startsWith('@')
        ? readdirSync(join(modules, entry.name), { withFileTypes: true })
            .filter((e) => e.isDirectory())
            .map((e) => `${entry.name}/${e.name}`)
        : [entry.name];
      for (const name of dirs) {
        names.add(name);
        walk(join(modules, name, 'node_modules'));
      }
    }
  };
  walk(join(root, 'node_modules'));
  walk(join(root, 'lib', 'node_modules')); // an `npm install -g --prefix` tree
  return names;
}

/** `12.3 MiB` */
export function mib(kib: number): string {
  return `${(kib / 1024).toFixed(1)} MiB`;
}
