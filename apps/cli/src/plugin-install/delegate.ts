import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '@oclif/core';
import { FnoxError, isFnoxError } from '@fnox/core/internal';
import { isExitError } from '../cli-errors.js';

/** The plugin-plugins commands fnox wraps. */
export type PluginsCommandId = 'plugins:install' | 'plugins:link' | 'plugins:uninstall';

interface RunnableCommand {
  id: string | undefined;
  _run(): Promise<unknown>;
}

const HINTS: Readonly<Record<PluginsCommandId, string>> = {
  'plugins:install': 'Check the package name, or the folder or .tgz path; --verbose shows npm output.',
  'plugins:link': 'Give the folder of a plugin package (it needs a package.json); --verbose shows more.',
  'plugins:uninstall': 'Run `fnox plugins` to see the installed plugins; core plugins cannot be uninstalled.',
};

/**
 * Run plugin-plugins' command `id` with fnox's already-loaded config, as `Command.run` would (it
 * would load a second config), and turn its failures into one-line FnoxErrors.
 */
export async function runPluginsCommand(id: PluginsCommandId, argv: readonly string[], config: Config): Promise<void> {
  // Imported here, not at module top: every oclif-run command loads the command registry.
  const { commands } = await import('@oclif/plugin-plugins');
  const Ctor = commands[id];
  const command = new Ctor([...argv], config as never) as unknown as RunnableCommand;
  command.id = id;
  try {
    await command._run();
  } catch (error) {
    if (isFnoxError(error) || isExitError(error)) throw error;
    const oclif = error as { message?: string; suggestions?: string[] };
    const lines = String(oclif.message ?? error).split('\n').map((line) => line.trim()).filter(Boolean);
    throw new FnoxError('plugin_command_failed', lines[0] ?? `${id.replace(':', ' ')} failed`, {
      details: lines.slice(1, 6),
      hint: oclif.suggestions?.[0]?.split('\n')[0] ?? HINTS[id],
      cause: error,
    });
  }
}

/** A user-installed or linked plugin as recorded in `<dataDir>/package.json`. */
export interface UserPlugin {
  readonly name: string;
  readonly type: 'user' | 'link';
  /** Package directory. */
  readonly root: string;
}

/** The user and linked plugins recorded in oclif's data directory (none when it has no package.json yet). */
export function userPlugins(config: Config): UserPlugin[] {
  let pjson: { oclif?: { plugins?: unknown[] } };
  try {
    pjson = JSON.parse(readFileSync(join(config.dataDir, 'package.json'), 'utf8')) as typeof pjson;
  } catch {
    return [];
  }
  const out: UserPlugin[] = [];
  for (const entry of pjson.oclif?.plugins ?? []) {
    const plugin = (typeof entry === 'string' ? { name: entry, type: 'user' } : entry) as { name?: unknown; type?: unknown; root?: unknown };
    if (typeof plugin.name !== 'string') continue;
    if (plugin.type === 'link' && typeof plugin.root === 'string') out.push({ name: plugin.name, type: 'link', root: plugin.root });
    else if (plugin.type !== 'link') out.push({ name: plugin.name, type: 'user', root: join(config.dataDir, 'node_modules', plugin.name) });
  }
  return out;
}

/** The package.json of an installed plugin, when readable. */
export function installedPackageJson(plugin: UserPlugin): Record<string, unknown> | undefined {
  try {
    return JSON.parse(readFileSync(join(plugin.root, 'package.json'), 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
