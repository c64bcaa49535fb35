import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { readPackageJson, type PluginDescriptor } from '@fnox/contract';

interface PackageJson {
  readonly name?: string;
  readonly version?: string;
  readonly dependencies?: Record<string, string>;
  readonly oclif?: { readonly plugins?: readonly unknown[]; readonly dirname?: string };
  readonly [key: string]: unknown;
}

/** Find `name`'s package directory by Node's node_modules walk from `from` (as oclif's findRoot does). */
function findPackageRoot(name: string, from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

function descriptor(name: string, root: string, type: string): PluginDescriptor | undefined {
  const pjson = readPackageJson<PackageJson>(join(root, 'package.json'));
  if (!pjson) return undefined;
  return { name: pjson.name ?? name, version: pjson.version, root, type, pjson };
}

/**
 * The CLI itself and its core plugins (named in `oclif.plugins` and present in `dependencies`), read
 * from the CLI's own node_modules. Returns `undefined` when that is not certain (globs, nested
 * plugins). A linked or user-installed package of the same name never replaces these: oclif lets
 * a link override a core plugin, which would hand a bundled provider's plaintext to the link.
 */
export function corePlugins(cliRoot: string): PluginDescriptor[] | undefined {
  const cli = readPackageJson<PackageJson>(join(cliRoot, 'package.json'));
  if (!cli?.name || !cli.oclif) return undefined;
  const plugins: PluginDescriptor[] = [{ name: cli.name, version: cli.version, root: cliRoot, type: 'core', pjson: cli }];
  for (const entry of cli.oclif.plugins ?? []) {
    if (typeof entry !== 'string' || entry.includes('*')) return undefined;
    if (!cli.dependencies?.[entry]) continue; // oclif skips core plugins missing from dependencies
    const root = findPackageRoot(entry, cliRoot);
    if (!root) continue; // listed but not installed: oclif skips it silently too
    const plugin = descriptor(entry, root, 'core');
    if (!plugin || hasNestedPlugins(plugin)) return undefined;
    if (!plugins.some((p) => p.name === plugin.name)) plugins.push(plugin);
  }
  return plugins;
}

function hasNestedPlugins(plugin: PluginDescriptor): boolean {
  const oclif = plugin.pjson.oclif as PackageJson['oclif'];
  return Array.isArray(oclif?.plugins) && oclif.plugins.length > 0;
}

/** oclif's data directory for this CLI: `$FNOX_DATA_DIR`, else `$XDG_DATA_HOME/fnox`, else `~/.local/share/fnox`. */
export function oclifDataDir(env: NodeJS.ProcessEnv, dirnameOfCli: string): string {
  if (env.FNOX_DATA_DIR) return env.FNOX_DATA_DIR;
  const base = env.XDG_DATA_HOME || join(env.HOME || homedir(), '.local', 'share');
  return join(base, dirnameOfCli);
}

/**
 * The plugins oclif would load — core plugins named in the CLI's `oclif.plugins` and present in its
 * `dependencies`, then user-installed and linked plugins from oclif's data dir — read the same
 * way but without loading oclif. Returns `undefined` whenever the answer is not certain (globs,
 * nested plugins, unreadable files), so the caller falls back to oclif.
 */
export function discoverPlugins(cliRoot: string, env: NodeJS.ProcessEnv): PluginDescriptor[] | undefined {
  const core = corePlugins(cliRoot);
  const cli = core?.[0]?.pjson as PackageJson | undefined;
  if (!core || !cli?.oclif) return undefined;
  const plugins = [...core];
  const seen = new Set<string>(core.map((p) => p.name));
  const add = (plugin: PluginDescriptor | undefined): boolean => {
    if (!plugin || hasNestedPlugins(plugin)) return false; // nested plugins: oclif's rules get subtle, let oclif decide
    if (!seen.has(plugin.name)) {
      seen.add(plugin.name);
      plugins.push(plugin);
    }
    return true;
  };
  const dataDir = oclifDataDir(env, cli.oclif.dirname ?? cli.name!);
  const userPjsonPath = join(dataDir, 'package.json');
  if (!existsSync(userPjsonPath)) return plugins;
  const user = readPackageJson<PackageJson>(userPjsonPath);
  if (!user) return undefined;
  const entries = (user.oclif?.plugins ?? []) as readonly { name?: string; type?: string; root?: string }[];
  for (const type of ['user', 'link'] as const) {
    for (const entry of entries.filter((e) => e?.type === type)) {
      if (typeof entry.name !== 'string') return undefined;
      if (seen.has(entry.name)) continue;
      const root = type === 'link' ? entry.root : findPackageRoot(entry.name, dataDir);
      if (!root) return undefined;
      if (!add(descriptor(entry.name, root, type))) return undefined;
    }
  }
  return plugins;
}
