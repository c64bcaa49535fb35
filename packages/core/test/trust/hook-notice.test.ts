/** The shell hook's notice for untrusted files: once per (file, content), bounded memory, the exact fnox trust command. */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { untrustedNotices } from '../../src/trust/hook-notice.js';
import type { TrustVerdict } from '../../src/trust/verdict.js';

let dir: string;
const KEY = Buffer.alloc(32, 7).toString('base64url');

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'fnox-notice-test-'));
  mkdirSync(join(dir, 'p'));
  chmodSync(join(dir, 'p'), 0o755);
  writeFileSync(join(dir, 'p', 'fnox.toml'), '');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function verdict(overrides: Partial<TrustVerdict> = {}): TrustVerdict {
  const path = join(dir, 'p', 'fnox.toml');
  return { path, realPath: path, digest: 'd1', trusted: false, reason: 'not-trusted', ...overrides };
}

describe('untrusted-file notices', () => {
  it('names an untrusted file and the command that trusts it; trusted files get none', () => {
    const file = join(dir, 'p', 'fnox.toml');
    const first = untrustedNotices([verdict(), verdict({ trusted: true, reason: 'record', path: '/t', realPath: '/t' })], [], KEY);
    expect(first.lines).toEqual([`fnox: ${file} is not trusted; its secrets were not loaded. Review it, then run: fnox trust ${file}`]);
    expect(first.reported).toHaveLength(1);
    expect(first.reported[0]).not.toContain(file);
    const changed = untrustedNotices([verdict({ reason: 'changed', digest: 'd2' })], [], KEY);
    expect(changed.lines).toEqual([`fnox: ${file} changed since you trusted it; its secrets were not loaded. Review it, then run: fnox trust ${file}`]);
  });

  it('says each (file, content) once per session, and again when the content or the session key changes', () => {
    const first = untrustedNotices([verdict()], [], KEY);
    const again = untrustedNotices([verdict(), verdict()], first.reported, KEY);
    expect(again.lines).toEqual([]);
    expect(again.reported).toEqual(first.reported);
    const edited = untrustedNotices([verdict({ digest: 'd2' })], first.reported, KEY);
    expect(edited.lines).toHaveLength(1);
    expect(edited.reported).toEqual([...first.reported, expect.any(String)]);
    const otherKey = untrustedNotices([verdict()], first.reported, Buffer.alloc(32, 8).toString('base64url'));
    expect(otherKey.lines).toHaveLength(1);
    const sameTwice = untrustedNotices([verdict({ digest: 'd3' }), verdict({ digest: 'd3' })], [], KEY);
    expect(sameTwice.lines).toHaveLength(1);
  });

  it('remembers the last 64 reported pairs, oldest dropped first', () => {
    const old = Array.from({ length: 70 }, (_, i) => `old-${i}`);
    const result = untrustedNotices([verdict()], old, KEY);
    expect(result.reported).toHaveLength(64);
    expect(result.reported[0]).toBe('old-7');
    expect(result.reported[62]).toBe('old-69');
    expect(result.reported[63]).not.toMatch(/^old-/);
    expect(untrustedNotices([], old.slice(0, 64), KEY).reported).toEqual(old.slice(0, 64));
  });

  it('for a file another user could replace, names the problem and the --force command', () => {
    chmodSync(join(dir, 'p'), 0o777);
    const file = join(dir, 'p', 'fnox.toml');
    expect(untrustedNotices([verdict()], [], KEY).lines).toEqual([
      `fnox: ${file} is not trusted: its directory ${join(dir, 'p')} is writable by anyone (no sticky bit), so the file can be replaced; not loaded. If you are sure: fnox trust --force ${file}`,
    ]);
  });

  it('a file that vanished since it was read still gets the plain notice', () => {
    const gone = join(dir, 'gone', 'fnox.toml');
    expect(untrustedNotices([verdict({ path: gone, realPath: gone })], [], KEY).lines).toEqual([
      `fnox: ${gone} is not trusted; its secrets were not loaded. Review it, then run: fnox trust ${gone}`,
    ]);
  });
});
