/**
 * Stamp files: how a shell compares a file's mtime without starting a process. bash, zsh and fish
 * have `-nt`/`-ot` file tests as builtins (nanosecond precision) but no builtin that prints an
 * mtime. For the i-th existing watched file hook-env writes `<dir>/<i>.lo` and `<i>.hi`, empty
 * files whose mtimes bracket the file's mtime by a few microseconds (node can set times only to
 * ~0.25 µs). The file is unchanged while it is neither newer than `hi` nor older than `lo`.
 */
import { lstatSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

const PREFIX = 'fnox-stamps-';
/** Bracket half-width: far above the float error of utimes, far below any real edit interval. */
const MARGIN_NS = 5_000n;
/** For temp file systems with coarse timestamps (the bracket must still hold). */
const COARSE_MARGIN_NS = 2_000_000_000n;

/** True when `path` is a stamp directory this user owns (not a symlink someone planted). */
function usable(path: string): boolean {
  if (!basename(path).startsWith(PREFIX)) return false;
  try {
    const stat = lstatSync(path);
    return stat.isDirectory() && (typeof process.getuid !== 'function' || stat.uid === process.getuid());
  } catch {
    return false;
  }
}

/** The session's stamp directory: `previous` when still usable, else a new private one in `tmp`. */
export function ensureStampDir(tmp: string, previous: string | undefined): string | undefined {
  if (previous && usable(previous)) return previous;
  try {
    return mkdtempSync(join(tmp, PREFIX));
  } catch {
    return undefined;
  }
}

function setTimeNs(path: string, ns: bigint): void {
  const seconds = Number(ns) / 1e9;
  utimesSync(path, seconds, seconds);
}

function bracketHolds(lo: string, hi: string, mtimeNs: bigint): boolean {
  const l = statSync(lo, { bigint: true }).mtimeNs;
  const h = statSync(hi, { bigint: true }).mtimeNs;
  return l <= mtimeNs && mtimeNs <= h;
}

/**
 * Write the stamp pairs for `mtimes` (ns, in watched-file order) and remove stale ones. Returns
 * false when it could not (the hook then simply calls hook-env on every prompt).
 */
export function writeStamps(dir: string, mtimes: readonly bigint[]): boolean {
  try {
    const keep = new Set<string>();
    mtimes.forEach((mtimeNs, i) => {
      const lo = join(dir, `${i}.lo`);
      const hi = join(dir, `${i}.hi`);
      writeFileSync(lo, '');
      writeFileSync(hi, '');
      setTimeNs(lo, mtimeNs - MARGIN_NS);
      setTimeNs(hi, mtimeNs + MARGIN_NS);
      if (!bracketHolds(lo, hi, mtimeNs)) {
        setTimeNs(lo, mtimeNs - COARSE_MARGIN_NS);
        setTimeNs(hi, mtimeNs + COARSE_MARGIN_NS);
      }
      keep.add(`${i}.lo`).add(`${i}.hi`);
    });
    for (const name of readdirSync(dir)) if (!keep.has(name)) rmSync(join(dir, name), { force: true });
    return true;
  } catch {
    return false;
  }
}

/** Remove a stamp directory (only ever one named `fnox-stamps-*`); returns false on failure. */
export function removeStampDir(dir: string | undefined): boolean {
  if (!dir || !basename(dir).startsWith(PREFIX)) return true;
  try {
    rmSync(dir, { recursive: true, force: true });
    return true;
  } catch {
    return false;
  }
}
