/**
 * `fnox scan [DIR]` (docs/cli-reference.md, `scan`): walk a directory and report likely plaintext secrets. Needs no
 * config (upstream requires one by accident; ARCHITECTURE.md, "Compatibility with upstream fnox" allows relaxing that). Reports hold only
 * redacted matches.
 */
import { openSync, readSync, closeSync, fstatSync, realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { FnoxError } from '../../errors.js';
import type { FnoxSession } from '../../session.js';
import { scanContent, type ScanFinding } from './detectors.js';
import { compileIgnoreGlobs } from './ignore-globs.js';
import { walkFiles } from './walker.js';

/** Files larger than this are skipped. */
export const MAX_SCAN_FILE_SIZE = 5 * 1024 * 1024;

/** The report, shaped like upstream's JSON output. */
export interface ScanReport {
  readonly findings: readonly ScanFinding[];
  readonly summary: { readonly files_scanned: number; readonly files_with_findings: number; readonly findings: number };
}

/** Options of {@link scanDirectory}. */
export interface ScanOptions {
  /** Directory to scan, relative to cwd (default `.`). */
  readonly dir?: string;
  /** `--ignore` globs. */
  readonly ignore?: readonly string[];
}

/** Read a file unless it is too big or binary (contains NUL). */
function readText(path: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const size = fstatSync(fd).size;
    if (size > MAX_SCAN_FILE_SIZE) return undefined;
    const buffer = Buffer.alloc(size);
    let read = 0;
    while (read < size) {
      const n = readSync(fd, buffer, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    const bytes = buffer.subarray(0, read);
    if (bytes.includes(0)) return undefined;
    return bytes.toString('utf8');
  } catch {
    return undefined; // unreadable: skipped
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Scan a directory (see module comment). */
export function scanDirectory(session: FnoxSession, options: ScanOptions = {}): ScanReport {
  const dir = options.dir ?? '.';
  let root: string;
  try {
    root = realpathSync(resolve(session.cwd, dir));
  } catch (error) {
    throw new FnoxError('io', `Cannot scan ${dir}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`, { cause: error });
  }
  const skip = options.ignore && options.ignore.length > 0 ? compileIgnoreGlobs(options.ignore) : undefined;
  const cwd = (() => {
    try {
      return realpathSync(session.cwd);
    } catch {
      return session.cwd;
    }
  })();
  const display = (abs: string) => {
    const rel = relative(cwd, abs);
    return rel.startsWith('..') || isAbsolute(rel) ? abs : rel.split(sep).join('/');
  };
  const findings: ScanFinding[] = [];
  let scanned = 0;
  for (const file of walkFiles(root)) {
    if (skip?.(file.rel)) continue;
    const text = readText(file.abs);
    if (text === undefined) continue;
    scanned++;
    findings.push(...scanContent(display(file.abs), text));
  }
  return { findings, summary: { files_scanned: scanned, files_with_findings: new Set(findings.map((f) => f.path)).size, findings: findings.length } };
}

/** Affected paths, sorted and unique (`--quiet`). */
export function affectedPaths(report: ScanReport): string[] {
  return [...new Set(report.findings.map((f) => f.path))].sort();
}
