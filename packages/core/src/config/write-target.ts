/**
 * Where write commands write (docs/configuration.md, "How files are found"): the write profile, the target file (cwd pick, `-c`, or
 * `--global`) and the section inside it (top level or `[profiles.P.*]`).
 */
import { join, resolve } from 'node:path';
import { FnoxError } from '../errors.js';
import type { FnoxSession } from '../session.js';
import { globalConfigPath, isProfileFileName, pathExists } from './files.js';
import { DEFAULT_PROFILE, isValidProfileName, nonDefaultProfiles, profileStack } from './profiles.js';

/** A resolved write destination. */
export interface WriteTarget {
  /** Absolute path of the file to edit (may not exist yet). */
  readonly file: string;
  readonly exists: boolean;
  /** The write profile (`default` for the top level). */
  readonly profile: string;
  /** Key path of the secrets table: `['secrets']` or `['profiles', P, 'secrets']`. */
  readonly secretsSection: readonly string[];
  /** Whether the target is the global config. */
  readonly global: boolean;
}

/** Options of {@link writeTarget}. */
export interface WriteTargetOptions {
  /** `--global`. */
  readonly global?: boolean;
}

/**
 * The profile writes go to: `--write-profile`, else the single active profile, else an error when
 * several are active.
 */
export function writeProfile(session: FnoxSession): string {
  const explicit = session.options.writeProfile;
  if (explicit !== undefined) {
    const name = explicit.trim();
    if (!isValidProfileName(name)) throw new FnoxError('profile_invalid', `Invalid --write-profile name: '${explicit}'`);
    return name;
  }
  const active = nonDefaultProfiles(profileStack(session));
  if (active.length > 1) {
    throw new FnoxError(
      'profile_ambiguous',
      `Multiple profiles are active (${active.join(',')}). Specify --write-profile <NAME> to choose the write target.`,
    );
  }
  return active[0] ?? DEFAULT_PROFILE;
}

/** The file a write goes to when `-c` is the default: cwd only, no upward walk. */
function cwdPick(cwd: string, profile: string): string {
  const names: string[] = [];
  if (profile !== DEFAULT_PROFILE) names.push(`fnox.${profile}.toml`, `.fnox.${profile}.toml`);
  names.push('fnox.toml', '.fnox.toml');
  if (profile === DEFAULT_PROFILE) names.push('fnox.local.toml', '.fnox.local.toml');
  for (const name of names) if (pathExists(join(cwd, name))) return join(cwd, name);
  return join(cwd, 'fnox.toml');
}

/** Resolve the write target for `set` / `remove`. */
export function writeTarget(session: FnoxSession, options: WriteTargetOptions = {}): WriteTarget {
  const profile = writeProfile(session);
  const config = session.options.config;
  let file: string;
  if (options.global) file = globalConfigPath(session.env);
  else if (config === undefined || config === 'fnox.toml') file = cwdPick(resolve(session.cwd), profile);
  else file = resolve(session.cwd, config);
  const topLevel = profile === DEFAULT_PROFILE || (!options.global && isProfileFileName(file));
  return {
    file,
    exists: pathExists(file),
    profile,
    secretsSection: topLevel ? ['secrets'] : ['profiles', profile, 'secrets'],
    global: Boolean(options.global),
  };
}
