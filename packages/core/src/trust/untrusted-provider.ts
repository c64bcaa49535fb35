/**
 * Provider tables from an untrusted config file (explicit commands still read such a file, because
 * the user asked). Two things are refused there, before the provider is built:
 * - `{ secret = "NAME" }` fields: the value could come from the user's environment (or be a secret
 *   the user's keys decrypt) and be sent wherever the provider talks to;
 * - fields that decide where credentials or data go (the provider's `reachesOut`, and any field
 *   named like an endpoint): otherwise the repository picks the server the user's AWS keys sign for.
 */
import type { BrandedProviderDefinition } from '@fnox/contract';
import type { ProviderConfig } from '../config/types.js';
import { FnoxError } from '../errors.js';
import { escapeControls } from '../format/terminal-text.js';
import { providerOwnConfig } from '../providers/instance.js';
import { isSecretRef } from '../resolve/provider-refs.js';
import { trustCommand } from './verdict.js';

/** Field names that point somewhere, whatever the provider declares. */
const ENDPOINT_LIKE = /(^|_)(endpoint|endpoints|url|uri|host|server|address|proxy)($|_)/i;

function refused(provider: string, field: string, file: string, why: string): FnoxError {
  const shown = escapeControls(file);
  return new FnoxError(
    'untrusted_provider_field',
    `Provider '${escapeControls(provider)}' in ${shown} sets '${escapeControls(field)}', which ${why}, and the file is not trusted: review it, then run \`${trustCommand(file)}\``,
    { hint: 'A config file you have not trusted may not aim a provider at a server or feed it your values (docs/security.md).' },
  );
}

/**
 * A trusted provider's `{ secret = "NAME" }` field whose secret an untrusted file defines: the
 * definition would win over the user's environment and aim the user's own provider.
 */
export function untrustedFieldSource(provider: string, field: string, secret: string, file: string): FnoxError {
  const shown = escapeControls(file);
  return new FnoxError(
    'untrusted_provider_field',
    `Provider '${escapeControls(provider)}' takes '${escapeControls(field)}' from secret '${escapeControls(secret)}', which ${shown} defines, and that file is not trusted: review it, then run \`${trustCommand(file)}\``,
    { hint: 'A config file you have not trusted may not aim a provider at a server or feed it your values (docs/security.md).' },
  );
}

/** Throw when the table of `provider` (from the untrusted `file`) has a field an untrusted file may not set. */
export function assertUntrustedProviderSafe(provider: string, table: ProviderConfig, file: string, definition: BrandedProviderDefinition): void {
  const reaching = definition.reachesOut ?? [];
  for (const [field, value] of Object.entries(providerOwnConfig(table))) {
    if (isSecretRef(value)) throw refused(provider, field, file, 'takes its value from a secret or your environment ({ secret = ... })');
    if (reaching.includes(field) || ENDPOINT_LIKE.test(field)) {
      throw refused(provider, field, file, 'decides where your credentials or data go');
    }
  }
}
