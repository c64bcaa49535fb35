/**
 * What the shell hook says about untrusted files: one line per file naming it and the exact
 * `fnox trust` command, printed once per content of that file (the session remembers keyed hashes
 * of the (path, content) pairs it already reported, never the paths themselves).
 */
import { keyedHash } from '../shell/fingerprint.js';
import { unsafeOwnership } from './file-safety.js';
import { trustCommand, untrustedReason, type TrustVerdict } from './verdict.js';

/** How many reported (file, content) pairs a session remembers. */
const MAX_REMEMBERED = 64;

/** The notice lines to print now and the updated list of reported pairs. */
export interface UntrustedNotices {
  readonly lines: string[];
  readonly reported: string[];
}

function noticeLine(verdict: TrustVerdict): string {
  let unsafe: string | undefined;
  try {
    unsafe = unsafeOwnership(verdict.realPath);
  } catch {
    unsafe = undefined;
  }
  if (unsafe !== undefined) {
    return `fnox: ${untrustedReason(verdict)}: ${unsafe}; not loaded. If you are sure: ${trustCommand(verdict.path, true)}`;
  }
  return `fnox: ${untrustedReason(verdict)}; its secrets were not loaded. Review it, then run: ${trustCommand(verdict.path)}`;
}

/** Notices for the untrusted files among `verdicts` not yet reported in this session (`reported`). */
export function untrustedNotices(verdicts: Iterable<TrustVerdict>, reported: readonly string[], key: string): UntrustedNotices {
  const lines: string[] = [];
  const next = [...reported];
  for (const verdict of verdicts) {
    if (verdict.trusted) continue;
    const id = keyedHash(key, 'untrusted', verdict.realPath, verdict.digest);
    if (next.includes(id)) continue;
    next.push(id);
    lines.push(noticeLine(verdict));
  }
  return { lines, reported: next.slice(-MAX_REMEMBERED) };
}
