import type { BrandedProviderDefinition, ProviderContext, ProviderInstance, StandardSchemaV1 } from '@fnox/contract';
import { keysIn } from '../config/keys.js';
import { FnoxError } from '../errors.js';
import { guardInstance, providerTimeoutMs, withDeadline } from './guard.js';

/** Keys every provider table may have; core handles them, provider schemas never see them. */
export const COMMON_PROVIDER_KEYS: readonly string[] = keysIn('provider').map((row) => row.key);

/** A provider table without the {@link COMMON_PROVIDER_KEYS}. */
export function providerOwnConfig(table: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const own: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(table)) if (!COMMON_PROVIDER_KEYS.includes(key)) own[key] = value;
  return own;
}

function issuePath(issue: StandardSchemaV1.Issue): string {
  return (issue.path ?? []).map((segment) => String(typeof segment === 'object' ? segment.key : segment)).join('.');
}

/**
 * Validate a provider's own config through its Standard Schema; issues become one error naming
 * the provider, its file and every `providers.NAME.field: message`.
 */
export async function validateProviderConfig<C>(
  definition: BrandedProviderDefinition<C>,
  name: string,
  config: Readonly<Record<string, unknown>>,
  file?: string,
): Promise<C> {
  const result = await definition.configSchema['~standard'].validate(config);
  if (!result.issues) return result.value;
  const details = result.issues.map((issue) => {
    const path = issuePath(issue);
    return `providers.${name}${path ? `.${path}` : ''}: ${issue.message}`;
  });
  const where = file ? ` in ${file}` : '';
  throw new FnoxError('provider_config_invalid', `Invalid configuration for provider '${name}' (type ${definition.type})${where}: ${details[0]}`, {
    details: details.slice(1),
    hint: `Fix [providers.${name}]${where}; see \`fnox providers\` and the ${definition.type} provider docs for its fields.`,
  });
}

/**
 * Validate `config`, call the definition's `create`, and check that the instance has the methods
 * its `mode` promises (a store/encrypt provider without `put`, or a read provider with one, is a
 * broken plugin). The instance returned runs every call under a deadline and checks its results
 * (see guard.ts).
 */
export async function instantiateProvider<C>(
  definition: BrandedProviderDefinition<C>,
  config: Readonly<Record<string, unknown>>,
  context: ProviderContext,
): Promise<ProviderInstance> {
  const valid = await validateProviderConfig(definition, context.name, config, context.configFile);
  const target = { name: context.name, type: definition.type, timeoutMs: providerTimeoutMs(context.env), signal: context.signal };
  const instance = await withDeadline(target, 'while starting', () => definition.create(valid, context));
  if (typeof instance?.get !== 'function') {
    throw new FnoxError('provider_invalid_plugin', `Provider type '${definition.type}' created an instance without get()`);
  }
  const hasPut = typeof instance.put === 'function';
  if (definition.mode === 'read' && hasPut) {
    throw new FnoxError('provider_invalid_plugin', `Provider type '${definition.type}' declares mode 'read' but implements put()`);
  }
  if (definition.mode !== 'read' && !hasPut) {
    throw new FnoxError(
      'provider_invalid_plugin',
      `Provider type '${definition.type}' declares mode '${definition.mode}' but does not implement put()`,
    );
  }
  return guardInstance(instance, target);
}
