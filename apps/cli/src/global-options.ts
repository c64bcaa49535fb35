import { FnoxError, type GlobalOptions } from '@fnox/core/hot';
import { RUNTIME_IF_MISSING_FLAG } from './argv.js';

/** Parsed global flags, from oclif or the fast path (same names as the manifest). */
export type GlobalFlagValues = Readonly<Record<string, unknown>>;

const IF_MISSING_POLICIES = ['error', 'warn', 'ignore'];

/**
 * An `--if-missing` value given on the command line: error, warn or ignore (any case); anything
 * else is a usage error (exit 2). Only the environment variables fall back to `warn` with a warning.
 */
export function checkIfMissingFlag(value: string | undefined): string | undefined {
  if (value !== undefined && !IF_MISSING_POLICIES.includes(value.toLowerCase())) {
    throw new FnoxError('usage', `invalid value '${value}' for --if-missing`, { hint: 'Use error, warn or ignore.' });
  }
  return value;
}

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
    ifMissing: checkIfMissingFlag(text(RUNTIME_IF_MISSING_FLAG) ?? (ifMissingIsRuntime ? text('if-missing') : undefined)),
    noColor: bool('no-color'),
    noDefaults: bool('no-defaults'),
    nonInteractive: bool('non-interactive'),
    writeProfile: text('write-profile'),
    // Upstream's hidden, deprecated global flag; the age provider declares that it reads it.
    providerOptions: { 'age-key-file': text('age-key-file') },
    debug,
  };
}
