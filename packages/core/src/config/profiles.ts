/**
 * The active profile stack (docs/profiles.md): `-P` flags (repeatable, comma lists) beat `FNOX_PROFILE`,
 * which beats `default`. Invalid names are dropped with a warning.
 */
import type { FnoxSession } from '../session.js';

/** The name of the top level. */
export const DEFAULT_PROFILE = 'default';

/**
 * True for a usable profile name: not `.`/`..`, no `/`, `\`, `,`, NUL or control characters
 * (names become file names like `fnox.<name>.toml`).
 */
export function isValidProfileName(name: string): boolean {
  if (name === '' || name === '.' || name === '..') return false;
  // eslint-disable-next-line no-control-regex
  return !/[/\\,\u0000-\u001f\u007f]/.test(name);
}

const stacks = new WeakMap<FnoxSession, readonly string[]>();

function normalise(entries: readonly string[], source: string, warn: (line: string) => void): string[] {
  const out: string[] = [];
  for (const raw of entries.flatMap((entry) => entry.split(','))) {
    const name = raw.trim();
    if (name === '') continue;
    if (!isValidProfileName(name)) {
      warn(`Warning: Invalid profile name '${name}' in ${source} ignored (contains path separators or invalid characters)`);
      continue;
    }
    out.push(name);
  }
  return out;
}

/**
 * The active stack for a session, e.g. `['default']` or `['aws', 'prod']` (later wins). Computed
 * once per session so the warning for a bad name is printed once.
 */
export function profileStack(session: FnoxSession): readonly string[] {
  const cached = stacks.get(session);
  if (cached) return cached;
  const warn = (line: string) => session.log.warn(line);
  const flags = session.options.profiles ?? [];
  let stack = flags.length > 0 ? normalise(flags, '--profile', warn) : [];
  if (flags.length === 0 && session.env.FNOX_PROFILE !== undefined) {
    stack = normalise([session.env.FNOX_PROFILE], 'FNOX_PROFILE', warn);
  }
  const result = Object.freeze(stack.length > 0 ? stack : [DEFAULT_PROFILE]);
  stacks.set(session, result);
  return result;
}

/** The stack without `default` (what overlays apply). */
export function nonDefaultProfiles(stack: readonly string[]): string[] {
  return stack.filter((name) => name !== DEFAULT_PROFILE);
}

/** Display form of a stack: `aws,prod`, or `default`. */
export function profileLabel(stack: readonly string[]): string {
  const names = nonDefaultProfiles(stack);
  return names.length > 0 ? names.join(',') : DEFAULT_PROFILE;
}

/** `true|1|yes|on` (case-insensitive), as Rust reads boolean env vars like FNOX_NO_DEFAULTS. */
export function envFlag(value: string | undefined): boolean {
  return value !== undefined && ['true', '1', 'yes', 'on'].includes(value.trim().toLowerCase());
}

/** Whether `--no-defaults` (or FNOX_NO_DEFAULTS) is in effect. */
export function noDefaultsEnabled(session: FnoxSession): boolean {
  return Boolean(session.options.noDefaults) || envFlag(session.env.FNOX_NO_DEFAULTS);
}
