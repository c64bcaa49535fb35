/**
 * The side effect that follows the `fnox init` wizard's questions: testing the new
 * provider's connection before the config is written.
 */
import { effectiveConfig } from '../../config/effective.js';
import type { MergedConfig, ProviderConfig, Sourced } from '../../config/types.js';
import { createProviderFactory } from '../../resolve/provider-factory.js';
import { errorMessage } from '../../resolve/provider-step.js';
import type { FnoxSession } from '../../session.js';
import type { InitProvider } from './init-config.js';

/**
 * Build the new provider through the same factory the other commands use and run its `check()`
 * (a provider without one passes once it builds). The config is assembled in memory, as if read
 * from `file`, so relative paths resolve where the file will be. Returns the error message, or
 * undefined on success; never throws for a provider failure (the wizard only warns).
 */
export async function testInitProvider(session: FnoxSession, file: string, provider: InitProvider): Promise<string | undefined> {
  const entry: Sourced<ProviderConfig> = { name: provider.name, config: { type: provider.type, ...provider.fields }, source: { file } };
  const merged: MergedConfig = { root: false, providers: new Map([[provider.name, entry]]), secrets: new Map(), profiles: new Map(), files: [file] };
  const factory = createProviderFactory(session, effectiveConfig(merged, []));
  try {
    const { instance } = await factory.instance(provider.name);
    if (typeof instance.check === 'function') await instance.check();
    return undefined;
  } catch (error) {
    return errorMessage(error);
  } finally {
    await factory.dispose();
  }
}
