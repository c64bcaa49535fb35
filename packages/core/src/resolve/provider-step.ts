/** The provider step of a secret (ARCHITECTURE.md, "The resolution pipeline" step 1) and error text helpers shared by single and batch mode. */
import type { EffectiveConfig, SecretConfig } from '../config/types.js';
import { resolveDefaultProvider } from './default-provider.js';

/** Pick (provider, input) for the provider step, or undefined to skip it. May throw (default provider errors). */
export function providerStep(effective: EffectiveConfig, secret: SecretConfig): { provider: string; value: string } | undefined {
  if (secret.sync) return { provider: secret.sync.provider, value: secret.sync.value };
  if (secret.value === undefined) return undefined;
  const provider = secret.provider ?? resolveDefaultProvider(effective);
  return provider === undefined ? undefined : { provider, value: secret.value };
}

/** Plain one-line description of any error for logs and aggregated reports (never a value). */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
