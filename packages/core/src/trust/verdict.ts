/**
 * Is this config file trusted? The check the loader runs on every file it reads (hot path: one
 * realpath, at most one small record read, one hash of bytes already read). Trusted are: the
 * global config, files under a
 * `FNOX_TRUSTED_CONFIG_PATHS` prefix, and files whose content matches their trust record.
 */
import { join } from 'node:path';
import { posixQuote } from '../format/shell-quote.js';
import { escapeControls } from '../format/terminal-text.js';
import { globalConfigDir } from '../session.js';
import { contentDigest } from './trust-dir.js';
import { realPathOf, trustedPrefixOf } from './trusted-paths.js';
import { readTrustRecord } from './trust-store.js';

/** Why a file is trusted, or why not. */
export type TrustReason =
  | 'global'
  | 'trusted-path'
  | 'record'
  /** Never trusted (no record). */
  | 'not-trusted'
  /** Trusted once, changed since. */
  | 'changed';

/** The trust of one file as it was read. */
export interface TrustVerdict {
  /** The path as the loader read it. */
  readonly path: string;
  readonly realPath: string;
  /** SHA-256 (hex) of the bytes read. */
  readonly digest: string;
  readonly trusted: boolean;
  readonly reason: TrustReason;
}

/** The verdict for the file at `path` whose content is `bytes`. */
export function trustVerdict(path: string, bytes: Uint8Array, env: NodeJS.ProcessEnv): TrustVerdict {
  const realPath = realPathOf(path);
  const digest = contentDigest(bytes);
  const verdict = (trusted: boolean, reason: TrustReason): TrustVerdict => ({ path, realPath, digest, trusted, reason });
  if (realPath === realPathOf(join(globalConfigDir(env), 'config.toml'))) return verdict(true, 'global');
  if (trustedPrefixOf(realPath, env) !== undefined) return verdict(true, 'trusted-path');
  const record = readTrustRecord(env, realPath);
  if (record === undefined) return verdict(false, 'not-trusted');
  return record.sha256 === digest ? verdict(true, 'record') : verdict(false, 'changed');
}

/** The command that trusts `path`, quoted for a POSIX shell and safe to show on a terminal. */
export function trustCommand(path: string, force = false): string {
  return escapeControls(`fnox trust ${force ? '--force ' : ''}${posixQuote(path)}`);
}

/** One line saying why `verdict`'s file is not trusted and how to trust it. */
export function untrustedReason(verdict: TrustVerdict): string {
  const shown = escapeControls(verdict.path);
  return verdict.reason === 'changed' ? `${shown} changed since you trusted it` : `${shown} is not trusted`;
}
