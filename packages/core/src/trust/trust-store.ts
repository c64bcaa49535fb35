/**
 * The trust records: one JSON file per trusted config file in {@link trustDir} (directory 0700,
 * files 0600, each written with replaceFileSync, so a reader never sees half a record). A record
 * binds the file's real path to the SHA-256 of its content: any change (a `git pull`) makes the
 * file untrusted again until it is trusted anew.
 */
import { chmodSync, lstatSync, mkdirSync, readdirSync, readFileSync, unlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { replaceFileSync } from '@fnox/contract';
import { FnoxError } from '../errors.js';
import { recordPath, trustDir } from './trust-dir.js';

/** One trusted file. */
export interface TrustRecord {
  /** Real path (symlinks resolved) of the config file. */
  readonly path: string;
  /** SHA-256 (hex) of the content that was trusted. */
  readonly sha256: string;
  /** ISO-8601 time the record was written. */
  readonly trustedAt: string;
  /** Set when the file was trusted with `--force` despite this ownership problem. */
  readonly forced?: string;
}

function parseRecord(text: string): TrustRecord | undefined {
  try {
    const raw = JSON.parse(text) as Record<string, unknown>;
    if (typeof raw.path !== 'string' || typeof raw.sha256 !== 'string') return undefined;
    return {
      path: raw.path,
      sha256: raw.sha256,
      trustedAt: typeof raw.trusted_at === 'string' ? raw.trusted_at : '',
      ...(typeof raw.forced === 'string' ? { forced: raw.forced } : {}),
    };
  } catch {
    return undefined;
  }
}

/** The record of the file at `realPath`, if any (a damaged or foreign record counts as none). */
export function readTrustRecord(env: NodeJS.ProcessEnv, realPath: string): TrustRecord | undefined {
  let text: string;
  try {
    text = readFileSync(recordPath(env, realPath), 'utf8');
  } catch {
    return undefined;
  }
  const record = parseRecord(text);
  return record?.path === realPath ? record : undefined;
}

/** Create the trust directory (and fnox's data directory) private to this user; refuse a planted one. */
function ensurePrivateDir(dir: string): void {
  mkdirSync(dirname(dir), { recursive: true, mode: 0o700 });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stat = lstatSync(dir);
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  if (!stat.isDirectory() || (uid !== undefined && stat.uid !== uid)) {
    throw new FnoxError('trust_store_failed', `The trust directory ${dir} is not a directory owned by you`, {
      hint: `Remove ${dir}; fnox creates it again, private to you.`,
    });
  }
  if ((stat.mode & 0o077) !== 0) chmodSync(dir, 0o700);
}

/** Write (or replace) the record of `record.path`. */
export function writeTrustRecord(env: NodeJS.ProcessEnv, record: TrustRecord): void {
  const dir = trustDir(env);
  const target = recordPath(env, record.path);
  const json = JSON.stringify({
    path: record.path,
    sha256: record.sha256,
    trusted_at: record.trustedAt,
    ...(record.forced ? { forced: record.forced } : {}),
  });
  try {
    ensurePrivateDir(dir);
    // No fsync: after a crash a record is old, new or empty, and an empty one only means "not trusted".
    replaceFileSync(target, `${json}\n`);
  } catch (error) {
    if (error instanceof FnoxError) throw error;
    throw new FnoxError('trust_store_failed', `Could not record trust in ${dir}`, { cause: error });
  }
}

/** Remove the record of `realPath`; true when there was one. */
export function removeTrustRecord(env: NodeJS.ProcessEnv, realPath: string): boolean {
  try {
    unlinkSync(recordPath(env, realPath));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new FnoxError('trust_store_failed', `Could not remove the trust record of ${realPath}`, { cause: error });
  }
}

/** Every record, sorted by path. */
export function listTrustRecords(env: NodeJS.ProcessEnv): TrustRecord[] {
  const dir = trustDir(env);
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.json'));
  } catch {
    return [];
  }
  const out: TrustRecord[] = [];
  for (const name of names) {
    try {
      const record = parseRecord(readFileSync(join(dir, name), 'utf8'));
      if (record) out.push(record);
    } catch {
      // Vanished or unreadable: not a record.
    }
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
