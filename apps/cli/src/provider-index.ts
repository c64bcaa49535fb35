import type { Config } from '@oclif/core';
import type { PluginDescriptor } from '@fnox/contract';
import { corePlugins } from './fast/plugins.js';

/**
 * oclif already read every plugin's package.json (core, user-installed and linked) while loading
 * its config; hand those manifests to core as plain data. No provider code is imported here. The
 * CLI's core plugins are always the ones from its own dependencies (as on the fast path): oclif
 * lets `fnox plugins link` replace a core plugin of the same name, which must not let a link
 * receive what the bundled age provider would.
 */
export function providerPlugins(config: Config): PluginDescriptor[] {
  const core = corePlugins(config.root) ?? [];
  const coreNames = new Set(core.map((plugin) => plugin.name));
  const others = config
    .getPluginsList()
    .filter((plugin) => !coreNames.has(plugin.name))
    .map((plugin) => ({
      name: plugin.name,
      version: plugin.version,
      root: plugin.root,
      type: plugin.type,
      pjson: plugin.pjson as unknown as PluginDescriptor['pjson'],
    }));
  return [...core, ...others];
}
