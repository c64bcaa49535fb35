import type { GlobalOptions } from '@fnox/core/hot';
import { RUNTIME_IF_MISSING_FLAG } from './argv.js';

/** Parsed global flags, from oclif or the fast path (same names as the manifest). */
export type GlobalFlagValues = Readonly<Record<string, unknown>>;

/**
 * Map parsed flags to core's GlobalOptions. One function for both the oclif commands and the fast
 * path, so they cannot disagree. `ifMissingIsRuntime` is false for `set`, whose own `--if-missing`
 * is secret metadata.
 */
export function globalOptionsFromFlags(flags: GlobalFlagValues, ifMissingIsRuntime: boolean, debug: boolean): GlobalOptions {
  const text = (name: string) => (typeof flags[name] === 'string' ? (flags[name] as string) : undefined);
  const bool = (name: string) => flags[name] === true;
  return {
    config: text('config'),
    profiles: Array.isArray(flags.profile) ? (flags.profile as string[]) : [],
    verbose: bool('verbose'),
    ifMissing: text(RUNTIME_IF_MISSING_FLAG) ?? (ifMissingIsRuntime ? text('if-missing') : undefined),
    noColor: bool('no-color'),
    noDefaults: bool('no-defaults'),
    nonInteractive: bool('non-interactive'),
    writeProfile: text('write-profile'),
    // Upstream's hidden, deprecated global flag; the age provider declares that it reads it.
    providerOptions: { 'age-key-file': text('age-key-file') },
    debug,
  };
}
