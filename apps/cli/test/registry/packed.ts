import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, posix } from 'node:path';
import { mustSucceed, runCommand } from '@fnox/test-kit';

/** Every package users get from the registry: workspace folder → published name. */
export const PUBLISHED = {
  'packages/contract': '@fnox/contract',
  'packages/core': '@fnox/core',
  'packages/provider-age': '@fnox/provider-age',
  'packages/provider-aws-kms': '@fnox/provider-aws-kms',
  'packages/provider-secrets-manager': '@fnox/provider-secrets-manager',
  'packages/provider-keychain': '@fnox/provider-keychain',
  'packages/provider-password-store': '@fnox/provider-password-store',
  'packages/aws-emulator': '@fnox/aws-emulator',
  'apps/cli': '@fnox/cli',
  // The third-party example, published under its own (unscoped) name like any outside author would.
  'examples/provider-env-file': 'fnox-provider-env-file',
} as const;

type PackageJson = {
  name: string;
  version: string;
  private?: boolean;
  license?: string;
  engines?: { node?: string };
  files?: string[];
  main?: string;
  types?: string;
  bin?: string | Record<string, string>;
  exports?: unknown;
  oclif?: unknown;
  fnox?: { providers?: Record<string, { entry?: string }> };
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
};

/** A tarball unpacked for inspection. */
export interface Packed {
  readonly tarball: string;
  /** The unpacked `package/` folder. */
  readonly root: string;
  readonly pjson: PackageJson;
}

/** Unpack a tarball made by `pnpm pack` into `dest` and read its manifest. */
export async function unpack(tarball: string, dest: string): Promise<Packed> {
  mkdirSync(dest, { recursive: true });
  mustSucceed(await runCommand('tar', ['-xzf', tarball, '-C', dest], { env: process.env }), `tar -xzf ${tarball}`);
  const root = join(dest, 'package');
  return { tarball, root, pjson: JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as PackageJson };
}

function files(dir: string, base = ''): string[] {
  return readdirSync(join(dir, base)).flatMap((name) => {
    const rel = base ? `${base}/${name}` : name;
    return statSync(join(dir, rel)).isDirectory() ? files(dir, rel) : [rel];
  });
}

/** Every string target of an `exports` map, with the condition path that leads to it. */
function exportTargets(node: unknown, path: string[] = []): { path: string[]; target: string }[] {
  if (typeof node === 'string') return [{ path, target: node }];
  if (node && typeof node === 'object') return Object.entries(node).flatMap(([key, value]) => exportTargets(value, [...path, key]));
  return [];
}

/** The package a bare import specifier names (`@scope/name/sub` → `@scope/name`). */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/**
 * Static `import … from 'x'`, `export … from 'x'`, bare `import 'x'` and literal `import('x')` of a
 * package-shaped specifier in shipped JS, one per line (a comment line is skipped by the caller).
 */
const IMPORT = /^(.*?)(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s*)["']((?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*(?:\/[\w.@/-]*)?)["']/gm;
const COMMENT_LINE = /^\s*(?:\*|\/\/|\/\*)/;

/**
 * What would break for a user installing this tarball from a registry, as readable sentences (empty
 * when nothing). These are the faults a workspace hides: `workspace:` ranges, files left out of
 * `files`, exports/bin/provider entries pointing at nothing, a missing oclif manifest, and imports of
 * packages the manifest does not declare (they resolve in the monorepo through hoisting only).
 */
export function publishProblems(packed: Packed): string[] {
  const { pjson, root } = packed;
  const problems: string[] = [];
  const shipped = new Set(files(root));
  const has = (target: string) => shipped.has(posix.normalize(target).replace(/^\.\//, ''));
  const text = readFileSync(join(root, 'package.json'), 'utf8');
  if (text.includes('workspace:')) problems.push('package.json still has a workspace: range');
  if (pjson.private) problems.push('package is private');
  if (!pjson.license) problems.push('no license');
  if (!pjson.engines?.node) problems.push('no engines.node');
  if (!Array.isArray(pjson.files)) problems.push('no files list');
  if (![...shipped].some((file) => /^readme(\.md)?$/i.test(file))) problems.push('no README (the registry page would be empty)');
  for (const field of ['main', 'types'] as const) {
    const target = pjson[field];
    if (target && !has(target)) problems.push(`${field} ${target} is not in the tarball`);
  }
  const bins = typeof pjson.bin === 'string' ? { [pjson.name]: pjson.bin } : (pjson.bin ?? {});
  for (const [name, target] of Object.entries(bins)) if (!has(target)) problems.push(`bin ${name} → ${target} is not in the tarball`);
  for (const { path, target } of exportTargets(pjson.exports)) {
    if (!target.includes('*') && !has(target)) problems.push(`exports ${path.join(' → ')} → ${target} is not in the tarball`);
  }
  // Our own packages are TypeScript libraries: every importable subpath carries its types.
  if (pjson.name.startsWith('@fnox/') && pjson.exports && typeof pjson.exports === 'object') {
    for (const [subpath, target] of Object.entries(pjson.exports as Record<string, unknown>)) {
      if (subpath === './package.json') continue;
      if (typeof target !== 'object' || target === null || !('types' in target)) problems.push(`exports ${subpath} has no types condition`);
    }
  }
  if (pjson.oclif !== undefined) {
    if (!has('oclif.manifest.json')) problems.push('oclif plugin without oclif.manifest.json (oclif would import every command at start-up)');
    else JSON.parse(readFileSync(join(root, 'oclif.manifest.json'), 'utf8'));
  }
  for (const [type, provider] of Object.entries(pjson.fnox?.providers ?? {})) {
    if (!provider.entry || !has(provider.entry)) problems.push(`provider ${type} entry ${String(provider.entry)} is not in the tarball`);
  }
  const declared = new Set([pjson.name, ...Object.keys(pjson.dependencies ?? {}), ...Object.keys(pjson.peerDependencies ?? {})]);
  const builtins = new Set(builtinModules);
  const undeclared = new Map<string, string>();
  for (const file of shipped) {
    // Declarations too: a type import of an undeclared package breaks the consumer's type check.
    if (!/\.(m?js|d\.ts)$/.test(file)) continue;
    for (const match of readFileSync(join(root, file), 'utf8').matchAll(IMPORT)) {
      if (COMMENT_LINE.test(match[1]!)) continue;
      const specifier = match[2]!;
      if (specifier.startsWith('node:') || builtins.has(specifier)) continue;
      const name = packageOf(specifier);
      if (!declared.has(name) && !undeclared.has(name)) undeclared.set(name, file);
    }
  }
  for (const [name, file] of undeclared) problems.push(`${file} imports ${name}, which is not a dependency or peer dependency`);
  return problems;
}

/** `@fnox/*` packages this manifest needs at install time (dependencies and peers). */
export function fnoxRequirements(pjson: PackageJson): string[] {
  return [...Object.keys(pjson.dependencies ?? {}), ...Object.keys(pjson.peerDependencies ?? {})].filter((name) => name.startsWith('@fnox/'));
}

/** Whether a workspace package has been built (packing does not build). */
export function isBuilt(repoRoot: string, dir: string): boolean {
  return existsSync(join(repoRoot, dir, 'dist'));
}
