/**
 * `fnox provider add NAME TYPE`: the table written is `type` plus the placeholders the
 * installed provider declares in its fields (`example`); a type that is not installed answers with
 * its install command instead, and nothing is written.
 */
import { fieldsTemplate, schemaFields } from '@fnox/contract';
import { FnoxError } from '../../errors.js';
import { canonicalProviderType } from '../../providers/catalog.js';
import type { ProviderRegistry } from '../../providers/registry.js';

/** The provider table `provider add` writes: `type` first, then the provider's template fields. */
export async function providerTemplate(registry: ProviderRegistry, name: string, vault?: string): Promise<Record<string, unknown>> {
  const type = canonicalProviderType(name);
  const definition = await registry.load(type);
  const fields = schemaFields(definition.configSchema) ?? {};
  if (vault !== undefined && !('vault' in fields)) {
    throw new FnoxError('config_invalid', `--vault is only supported for provider types with a \`vault\` field, not '${type}'`, {
      hint: 'Drop --vault, or use a type that has a vault (e.g. proton-pass).',
    });
  }
  return { type, ...fieldsTemplate(fields), ...(vault !== undefined ? { vault } : {}) };
}
