import type { Config } from '@oclif/core';
import type { PluginDescriptor } from '@fnox/contract';

/**
 * oclif already read every plugin's package.json (core, user-installed and linked) while loading
 * its config; hand those manifests to core as plain data. No provider code is imported here.
 */
export function providerPlugins(config: Config): PluginDescriptor[] {
  return config.getPluginsList().map((plugin) => ({
    name: plugin.name,
    version: plugin.version,
    root: plugin.root,
    type: plugin.type,
    pjson: plugin.pjson as unknown as PluginDescriptor['pjson'],
  }));
}
