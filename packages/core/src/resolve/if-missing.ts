/** The effective `if_missing` policy of a secret (ARCHITECTURE.md, "The resolution pipeline"). */
import type { EffectiveConfig, IfMissing, SecretConfig } from '../config/types.js';
import type { FnoxSession } from '../session.js';

const POLICIES: readonly IfMissing[] = ['error', 'warn', 'ignore'];

function parse(raw: string | undefined, onInvalid: (raw: string) => void): IfMissing | undefined {
  if (raw === undefined || raw === '') return undefined;
  const lower = raw.toLowerCase();
  if ((POLICIES as readonly string[]).includes(lower)) return lower as IfMissing;
  onInvalid(raw);
  return 'warn';
}

/** Computes policies; each invalid runtime value is warned about once per command, not per secret. */
export interface IfMissingPolicy {
  /** The policy for one secret: flag > FNOX_IF_MISSING > secret > top level > FNOX_IF_MISSING_DEFAULT > warn. */
  for(secret: SecretConfig): IfMissing;
}

/** Build the policy function for one command. */
export function createIfMissingPolicy(session: FnoxSession, effective: EffectiveConfig): IfMissingPolicy {
  let runtime: IfMissing | undefined | null = null;
  let base: IfMissing | undefined | null = null;
  const runtimeOverride = (): IfMissing | undefined => {
    if (runtime === null) {
      const raw = session.options.ifMissing ?? session.env.FNOX_IF_MISSING;
      runtime = parse(raw, (v) => session.log.warn(`Warning: Invalid if_missing value '${v}', using 'warn'`));
    }
    return runtime;
  };
  const baseDefault = (): IfMissing | undefined => {
    if (base === null) {
      base = parse(session.env.FNOX_IF_MISSING_DEFAULT, (v) =>
        session.log.warn(`Warning: Invalid FNOX_IF_MISSING_DEFAULT value '${v}', using 'warn'`),
      );
    }
    return base;
  };
  return {
    for: (secret) => runtimeOverride() ?? secret.if_missing ?? effective.merged.ifMissing ?? baseDefault() ?? 'warn',
  };
}
