import { describe, expect, it } from 'vitest';
import { diffSecrets } from '../../src/shell/diff.js';
import { envFingerprint, newSessionKey, secretHash } from '../../src/shell/fingerprint.js';
import { decodeSession, EMPTY_SESSION, encodeSession } from '../../src/shell/session-state.js';
import { detectActivateShell, detectHookShell } from '../../src/shell/shells.js';
import { debugSummary, normalSummary, shellOutputLevel, summaryWidth } from '../../src/shell/summary.js';

describe('__FNOX_SESSION encoding', () => {
  it('round-trips and holds only keyed hashes', () => {
    const key = newSessionKey();
    const state = {
      dir: '/p',
      config: '/p/fnox.toml',
      files: [['/p/fnox.toml', 1700000000123.456] as const],
      env: envFingerprint(key, { FNOX_AGE_KEY: 'AGE-SECRET-KEY-1TOPSECRET' }),
      key,
      secrets: [['DB_PASSWORD', secretHash(key, 'DB_PASSWORD', 'hunter2-plaintext', false)] as const],
      asFiles: [],
      saved: [['DATABASE_URL', 'the user own value']] as const,
      tmp: '/tmp',
      stamps: '/tmp/fnox-stamps-x',
    };
    const text = encodeSession(state);
    expect(text).toMatch(/^1\.[A-Za-z0-9_-]+$/);
    expect(decodeSession(text)).toEqual(state);
    const json = JSON.stringify(decodeSession(text));
    expect(json).not.toContain('hunter2');
    expect(json).not.toContain('TOPSECRET');
  });

  it('treats absent, foreign or damaged text as the empty state', () => {
    for (const text of [undefined, '', 'garbage', '1.', '1.!!!!', `1.${Buffer.from('{}').toString('base64url')}`]) {
      expect(decodeSession(text)).toEqual(EMPTY_SESSION);
    }
  });

  it('uses a different hash per session key', () => {
    expect(secretHash(newSessionKey(), 'K', 'v', false)).not.toBe(secretHash(newSessionKey(), 'K', 'v', false));
    const key = newSessionKey();
    expect(secretHash(key, 'K', 'v', false)).not.toBe(secretHash(key, 'K', 'v', true));
  });
});

describe('summary line (docs/shell-integration.md)', () => {
  const keys = Array.from({ length: 8 }, (_, i) => `KEY_${String(i).padStart(2, '0')}_${'X'.repeat(13)}`);
  it('pins: 8 keys of 20 chars → all at 200 cols, 3 at 80, 2 at 60', () => {
    expect(keys[0]).toHaveLength(20);
    expect(normalSummary(keys, [], 200)).toBe(`fnox: +8 ${keys.join(', ')}`);
    expect(normalSummary(keys, [], 80)).toBe(`fnox: +8 ${keys.slice(0, 3).join(', ')}, ...`);
    expect(normalSummary(keys, [], 60)).toBe(`fnox: +8 ${keys.slice(0, 2).join(', ')}, ...`);
  });
  it('+N and -M only when non-zero; nothing when nothing changed', () => {
    expect(normalSummary(['A'], ['B', 'C'], 80)).toBe('fnox: +1 -2 A, B, C');
    expect(normalSummary([], ['B'], 80)).toBe('fnox: -1 B');
    expect(normalSummary([], [], 80)).toBeUndefined();
    expect(normalSummary(['A'.repeat(100)], [], 20)).toBe('fnox: +1 ...');
  });
  it('levels and width sources', () => {
    expect(['none', 'OFF', 'false', '0'].map(shellOutputLevel)).toEqual(['none', 'none', 'none', 'none']);
    expect(['debug', 'Verbose'].map(shellOutputLevel)).toEqual(['debug', 'debug']);
    expect([undefined, 'normal', 'loud'].map(shellOutputLevel)).toEqual(['normal', 'normal', 'normal']);
    expect(summaryWidth(120, { COLUMNS: '50' })).toBe(120);
    expect(summaryWidth(undefined, { COLUMNS: '50' })).toBe(50);
    expect(summaryWidth(undefined, {})).toBe(80);
    expect(debugSummary(['A'], ['B'])).toEqual(['fnox: loaded 1 secret(s):', '  + A', 'fnox: unloaded 1 secret(s):', '  - B']);
  });
});

describe('diff', () => {
  it('sets new and changed keys in config order, unsets vanished ones, replaces as_file files', () => {
    const key = newSessionKey();
    const old = {
      ...EMPTY_SESSION,
      key,
      secrets: [
        ['GONE', secretHash(key, 'GONE', 'x', false)],
        ['SAME', secretHash(key, 'SAME', 's', false)],
        ['CHANGED', secretHash(key, 'CHANGED', 'old', false)],
        ['FILE', secretHash(key, 'FILE', 'f1', true)],
      ] as const,
      asFiles: [['FILE', '/nonexistent/fnox-hook-FILE-1']] as const,
    };
    const written: string[] = [];
    const diff = diffSecrets(
      old,
      key,
      [
        { key: 'NEW', value: 'n', asFile: false },
        { key: 'SAME', value: 's', asFile: false },
        { key: 'CHANGED', value: 'new', asFile: false },
        { key: 'FILE', value: 'f1', asFile: true },
      ],
      (name) => {
        written.push(name);
        return `/tmp/fnox-hook-${name}-2`;
      },
    );
    expect(diff.sets).toEqual([
      ['NEW', 'n'],
      ['CHANGED', 'new'],
      ['FILE', '/tmp/fnox-hook-FILE-2'], // same value, but its file has vanished
    ]);
    expect(diff.unsets).toEqual(['GONE']);
    expect(written).toEqual(['FILE']);
    expect(diff.obsoleteFiles).toEqual(['/nonexistent/fnox-hook-FILE-1']);
    expect(diff.secrets.map(([name]) => name)).toEqual(['NEW', 'SAME', 'CHANGED', 'FILE']);
  });
});

describe('shell detection', () => {
  it('activate: argument, FNOX_SHELL, basename of SHELL, else an error', () => {
    expect(detectActivateShell('zsh', { SHELL: '/bin/bash' })).toBe('zsh');
    expect(detectActivateShell(undefined, { FNOX_SHELL: 'fish', SHELL: '/bin/bash' })).toBe('fish');
    expect(detectActivateShell(undefined, { SHELL: '/usr/bin/zsh' })).toBe('zsh');
    expect(() => detectActivateShell(undefined, {})).toThrow('Could not detect shell. Please specify shell explicitly: fnox activate <shell>');
    expect(() => detectActivateShell('tcsh', {})).toThrow('unsupported shell: tcsh');
  });
  it('hook-env: defaults to bash', () => {
    expect(detectHookShell(undefined, {})).toBe('bash');
    expect(detectHookShell('powershell', {})).toBe('pwsh');
    expect(() => detectHookShell('tcsh', {})).toThrow(/unsupported shell: tcsh/);
  });
});
