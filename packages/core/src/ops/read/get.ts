/** `fnox get KEY` (docs/cli-reference.md, `get`): single-mode resolution of one secret. */
import type { EffectiveConfig } from '../../config/types.js';
import { base64Problem } from '@fnox/contract';
import { FnoxError } from '../../errors.js';
import { createResolver } from '../../resolve/resolver.js';
import { findSimilar, formatSuggestions } from '../../resolve/suggest.js';
import { tempDirFor, writeSecretFile } from '../../resolve/temp-files.js';
import type { FnoxSession } from '../../session.js';
import { fromUntrustedFile } from '../../trust/untrusted-value.js';
import { loadActiveConfig } from '../active-config.js';

/** Options of {@link getSecret}. */
export interface GetOptions {
  /** The config to use; default: loaded from the session and validated (docs/configuration.md). */
  readonly effective?: EffectiveConfig;
  /** `--base64-decode`: strict standard base64, then UTF-8. */
  readonly base64Decode?: boolean;
}

/** What `get` prints: the value, the path of an `as_file` temp file, or nothing at all. */
export type GetResult =
  /** `untrusted`: the value may come from a config file the user has not trusted (shown escaped on a terminal). */
  | { readonly kind: 'value'; readonly value: string; readonly untrusted: boolean }
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'none' };

/** The error for a key that is not an effective secret, with up to three did-you-mean names. */
export function secretNotFound(effective: EffectiveConfig, key: string): FnoxError {
  const p = effective.profileLabel;
  const suggestion = formatSuggestions(findSimilar(key, effective.secrets.keys()));
  const hints = [suggestion, `See what is defined: fnox list -P ${p} --sources`, `Define it: fnox set ${key} <value> -P ${p}`];
  return new FnoxError('secret_not_found', `Secret '${key}' not found in profile '${p}'`, {
    details: ['(not defined in any config file)'],
    hint: hints.filter(Boolean).join('\n'),
  });
}

/** Strict standard base64 (padded, canonical) to UTF-8; errors never quote the value. */
export function decodeBase64Secret(value: string): string {
  const fail = (detail: string) => new FnoxError('secret_decode_failed', `Failed to decode secret: ${detail}`);
  const problem = base64Problem(value);
  if (problem?.kind === 'symbol') throw fail(`Failed to base64 decode secret: Invalid symbol at offset ${problem.offset}`);
  if (problem?.kind === 'padding' || problem?.kind === 'length') throw fail('Failed to base64 decode secret: Invalid padding');
  if (problem?.kind === 'last-symbol') throw fail('Failed to base64 decode secret: Invalid last symbol');
  const bytes = Buffer.from(value, 'base64');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw fail('decoded secret is not valid UTF-8: invalid utf-8 sequence');
  }
}

/**
 * `fnox get KEY`: validate the config (unless `options.effective` is given), then resolve one
 * secret in single mode, whatever its `env` mode. `as_file` secrets are written to a persistent
 * 0600 temp file whose path is returned.
 */
export async function getSecret(session: FnoxSession, key: string, options: GetOptions = {}): Promise<GetResult> {
  const effective = options.effective ?? loadActiveConfig(session, { validate: true });
  const entry = effective.secrets.get(key);
  if (!entry) throw secretNotFound(effective, key);
  const resolver = createResolver(session, effective);
  let value: string | undefined;
  try {
    value = await resolver.resolveOne(key);
  } finally {
    await resolver.dispose();
  }
  if (value === undefined) return { kind: 'none' };
  if (options.base64Decode) value = decodeBase64Secret(value);
  if (entry.config.as_file) return { kind: 'file', path: writeSecretFile(tempDirFor(session.env), 'fnox-', key, value) };
  return { kind: 'value', value, untrusted: fromUntrustedFile(effective, key) };
}
