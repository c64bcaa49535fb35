/**
 * Whether a secret's value may come from a config file the user has not trusted: its own
 * definition is in one, or its `default` names (`${NAME}`, transitively) a secret defined in one.
 * Such a value is resolved for the command the user ran, but is kept out of the environment
 * providers read and is shown escaped on a terminal (docs/security.md).
 */
import { isUntrustedSource, type EffectiveConfig } from '../config/types.js';
import { templateRefs } from '../resolve/interpolate.js';

/** See the module comment. A name no config defines comes from the user's own environment. */
export function fromUntrustedFile(effective: EffectiveConfig, key: string, seen: Set<string> = new Set()): boolean {
  if (seen.has(key)) return false;
  seen.add(key);
  const entry = effective.secrets.get(key);
  if (!entry) return false;
  if (isUntrustedSource(effective.merged, entry.source.file)) return true;
  return templateRefs(entry.config.default).some((name) => fromUntrustedFile(effective, name, seen));
}
