/**
 * What `fnox trust` does: trust, untrust, list and explain. Cold path (only that command loads it).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { candidateFileNames, expandHome, globalConfigPath } from '../config/files.js';
import { ancestors } from '../config/load.js';
import { profileStack } from '../config/profiles.js';
import { FnoxError } from '../errors.js';
import type { FnoxSession } from '../session.js';
import { unsafeOwnership } from './file-safety.js';
import { contentDigest } from './trust-dir.js';
import { realPathOf } from './trusted-paths.js';
import { listTrustRecords, removeTrustRecord, writeTrustRecord } from './trust-store.js';
import { trustCommand, trustVerdict, type TrustVerdict } from './verdict.js';

/** Names of config files `fnox trust DIR` covers: fnox.toml, .fnox.toml, fnox.*.toml, .fnox.*.toml. */
const CONFIG_NAME = /^\.?fnox(\.[^/]+)?\.toml$/;

/** What happened to one file. */
export interface TrustOutcome {
  readonly file: string;
  readonly realPath: string;
  /** `trusted`/`untrusted`: the record was written/removed; `unchanged`: nothing to remove. */
  readonly action: 'trusted' | 'untrusted' | 'unchanged';
  /** The ownership problem `--force` overrode. */
  readonly forced?: string;
}

function isFile(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isFile() === true;
}

/** The config files directly in `dir`, sorted. */
export function configFilesIn(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((name) => CONFIG_NAME.test(name))
    .sort()
    .map((name) => join(dir, name))
    .filter(isFile);
}

/** The files PATH names: a file, a directory's config files, or (no PATH) the nearest directory with config files. */
function targets(session: FnoxSession, path: string | undefined, mustExist: boolean): string[] {
  if (path === undefined) {
    for (const dir of ancestors(session.cwd)) {
      const files = configFilesIn(dir);
      if (files.length > 0) return files;
    }
    throw new FnoxError('trust_no_config', `No fnox config file in ${resolve(session.cwd)} or any parent directory`, {
      hint: 'Give the file or directory to trust: fnox trust PATH',
    });
  }
  const target = resolve(session.cwd, expandHome(path, session.env));
  const stat = statSync(target, { throwIfNoEntry: false });
  if (stat?.isDirectory()) {
    const files = configFilesIn(target);
    if (files.length === 0 && mustExist) {
      throw new FnoxError('trust_no_config', `No fnox config file in ${target}`, { hint: 'Give the config file itself: fnox trust PATH/fnox.toml' });
    }
    return files;
  }
  if (stat?.isFile() || !mustExist) return [target];
  throw new FnoxError('trust_no_config', `${target} is not a file or directory`, { hint: 'Check the path given to fnox trust.' });
}

/** Options of {@link trustFiles}. */
export interface TrustOptions {
  readonly path?: string;
  /** Trust files another user controls (see file-safety.ts). */
  readonly force?: boolean;
}

/** Trust the files PATH names (all or none: an unsafe file stops the command before any record is written). */
export function trustFiles(session: FnoxSession, options: TrustOptions = {}): TrustOutcome[] {
  const plans = targets(session, options.path, true).map((file) => {
    const realPath = realPathOf(file);
    const unsafe = unsafeOwnership(realPath);
    if (unsafe !== undefined && !options.force) {
      throw new FnoxError('trust_unsafe_file', `Refusing to trust ${file}: ${unsafe}`, {
        hint: `Check who controls it; \`${trustCommand(file, true)}\` trusts it anyway.`,
      });
    }
    return { file, realPath, unsafe };
  });
  const trustedAt = new Date().toISOString();
  return plans.map(({ file, realPath, unsafe }) => {
    const sha256 = contentDigest(readFileSync(realPath));
    writeTrustRecord(session.env, { path: realPath, sha256, trustedAt, ...(unsafe ? { forced: unsafe } : {}) });
    return { file, realPath, action: 'trusted', ...(unsafe ? { forced: unsafe } : {}) };
  });
}

/** Remove the trust records of the files PATH names (a deleted file can still be named). */
export function untrustFiles(session: FnoxSession, options: { readonly path?: string } = {}): TrustOutcome[] {
  return targets(session, options.path, false).map((file) => {
    const realPath = realPathOf(file);
    return { file, realPath, action: removeTrustRecord(session.env, realPath) ? 'untrusted' : 'unchanged' };
  });
}

/** A trust record and the state of its file now. */
export interface TrustedEntry {
  readonly path: string;
  readonly trustedAt: string;
  /** `trusted`: content matches; `changed`: edited since; `missing`: the file is gone. */
  readonly state: 'trusted' | 'changed' | 'missing';
  readonly forced?: string;
}

/** Every trust record, with whether it still applies. */
export function listTrusted(session: FnoxSession): TrustedEntry[] {
  return listTrustRecords(session.env).map((record) => {
    let state: TrustedEntry['state'];
    try {
      state = contentDigest(readFileSync(record.path)) === record.sha256 ? 'trusted' : 'changed';
    } catch {
      state = 'missing';
    }
    return { path: record.path, trustedAt: record.trustedAt, state, ...(record.forced ? { forced: record.forced } : {}) };
  });
}

/** One file's trust, explained. */
export interface TrustExplanation {
  readonly verdict: TrustVerdict;
  /** Why `fnox trust` would refuse it without `--force`. */
  readonly unsafe?: string;
}

/**
 * Why each file is trusted or not: PATH's files, or every config file discovery finds from the
 * working directory up (imports are not followed: their files are named by `fnox config-files`).
 */
export function explainTrust(session: FnoxSession, options: { readonly path?: string } = {}): TrustExplanation[] {
  let files: string[];
  if (options.path !== undefined) files = targets(session, options.path, true);
  else {
    const names = candidateFileNames(profileStack(session));
    files = ancestors(session.cwd).flatMap((dir) => names.map((name) => join(dir, name)).filter(isFile));
    const global = globalConfigPath(session.env);
    if (isFile(global) && !files.includes(global)) files.push(global);
  }
  return files.map((file) => {
    const verdict = trustVerdict(file, readFileSync(file), session.env);
    const unsafe = unsafeOwnership(verdict.realPath);
    return { verdict, ...(unsafe !== undefined ? { unsafe } : {}) };
  });
}
