import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { readPackageJson, type PluginDescriptor } from '@fnox/contract';

type PackageJson = Record<string, unknown> & {
  readonly name?: string;
  readonly version?: string;
  readonly dependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
  readonly devDependencies?: Record<string, string>;
};

/** The nearest `package.json` from `cwd` upward: the app whose dependencies may be providers. */
export function findAppPackageJson(cwd: string): string | undefined {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * Where `name`'s package.json is, as the app would import it. `require.resolve` follows Node's
 * rules (and pnpm's symlinks); packages whose `exports` hide `./package.json` are found by the
 * node_modules walk Node itself would do.
 */
function packageJsonOf(name: string, appPackageJson: string): string | undefined {
  try {
    return createRequire(appPackageJson).resolve(`${name}/package.json`);
  } catch {
    for (let dir = dirname(appPackageJson); ; dir = dirname(dir)) {
      const candidate = join(dir, 'node_modules', name, 'package.json');
      if (existsSync(candidate)) return candidate;
      if (dirname(dir) === dir) return undefined;
    }
  }
}

/**
 * Provider packages among an app's own dependencies (`dependencies`, `optionalDependencies` and
 * `devDependencies` that are installed), found by their `fnox` manifest field, so
 * `npm i @fnox/core @fnox/provider-age` works without the CLI. Reads package.json files only; no
 * provider code is imported. A dependency that is not installed is skipped.
 */
export function dependencyProviders(cwd: string): PluginDescriptor[] {
  const appPackageJson = findAppPackageJson(cwd);
  if (!appPackageJson) return [];
  const app = readPackageJson<PackageJson>(appPackageJson);
  if (!app) return [];
  const names = new Set([
    ...Object.keys(app.dependencies ?? {}),
    ...Object.keys(app.optionalDependencies ?? {}),
    ...Object.keys(app.devDependencies ?? {}),
  ]);
  const out: PluginDescriptor[] = [];
  for (const name of names) {
    const path = packageJsonOf(name, appPackageJson);
    const pjson = path && readPackageJson<PackageJson>(path);
    if (!path || !pjson || pjson.fnox === undefined) continue;
    out.push({ name: pjson.name ?? name, version: pjson.version, root: dirname(path), type: 'dependency', pjson });
  }
  return out;
}
