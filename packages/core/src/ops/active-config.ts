/** The effective config of the session's active profile stack, as get/exec/export/check load it. */
import { effectiveConfig } from '../config/effective.js';
import { loadConfigSync } from '../config/load.js';
import { noDefaultsEnabled, profileStack } from '../config/profiles.js';
import type { EffectiveConfig } from '../config/types.js';
import { assertValidConfig } from '../config/validate.js';
import type { FnoxSession } from '../session.js';

/** Options of {@link loadActiveConfig}. */
export interface ActiveConfigOptions {
  /** Run docs/configuration.md validation first (`get`, `check`, `doctor` do; `exec`, `export`, hook-env don't). */
  readonly validate?: boolean;
}

/** Load and merge the config files (docs/configuration.md, "How files are found"), validate if asked, and apply the profile stack (docs/profiles.md). */
export function loadActiveConfig(session: FnoxSession, options: ActiveConfigOptions = {}): EffectiveConfig {
  const stack = profileStack(session);
  const merged = loadConfigSync(session, { stack });
  if (options.validate) assertValidConfig(merged);
  return effectiveConfig(merged, stack, { noDefaults: noDefaultsEnabled(session) });
}
