import { schemaFields, type FieldSpec } from '@fnox/contract';
import type { ProviderRegistry } from '../providers/registry.js';
import type { Logger } from '../session.js';
import type { ProviderSchemaInput } from './provider-schema.js';

/**
 * What the schema needs from every usable provider type in `registry`. This imports each
 * provider's definition (only `fnox schema` does this); a provider that cannot be loaded is listed
 * without fields, with a warning.
 */
export async function providerSchemaInputs(registry: ProviderRegistry, log?: Pick<Logger, 'warn'>): Promise<ProviderSchemaInput[]> {
  const out: ProviderSchemaInput[] = [];
  for (const entry of Object.values(registry.report.providers)) {
    let fields: Readonly<Record<string, FieldSpec>> | undefined;
    try {
      fields = schemaFields((await registry.load(entry.type)).configSchema);
    } catch (error) {
      log?.warn(`Warning: provider '${entry.type}' could not be loaded (${error instanceof Error ? error.message : String(error)}); its fields are not checked`);
    }
    out.push({ type: entry.type, title: entry.title, ...(entry.summary ? { summary: entry.summary } : {}), ...(fields ? { fields } : {}) });
  }
  return out;
}
