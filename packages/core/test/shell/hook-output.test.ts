/** The exact text hook-env prints: fingerprint lines per shell (present/absent files, stamps, own dir) and change lines (nu's JSON included). */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changeLines, fingerprintLines } from '../../src/shell/hook-output.js';

let stamps: string;
beforeEach(() => {
  stamps = mkdtempSync(join(tmpdir(), 'fnox-stamps-'));
});
afterEach(() => rmSync(stamps, { recursive: true, force: true }));

const watched = [{ path: '/p/fnox.toml', mtimeMs: 1, mtimeNs: 1_000_000n }, { path: '/p/.fnox.toml' }, { path: '/fnox.toml', mtimeMs: 2, mtimeNs: 2_000_000n }];

describe('fingerprint lines', () => {
  it('splits present from absent files, stamps the present ones, and lets bash read $PWD and the FNOX_ text itself', () => {
    expect(fingerprintLines('bash', watched, stamps)).toBe(
      [
        '__fnox_fp_absent=( /p/.fnox.toml )',
        '__fnox_fp_present=( /p/fnox.toml /fnox.toml )',
        `__fnox_fp_stamps=${stamps}`,
        '__fnox_fp_dir=$PWD',
        '__fnox_env_text',
        '__fnox_fp_env=$__fnox_envtxt',
        '',
      ].join('\n'),
    );
    expect(readdirSync(stamps).sort()).toEqual(['0.hi', '0.lo', '1.hi', '1.lo']);
  });

  it('fish sets globals; the own stamp directory is named only when it is ours', () => {
    expect(fingerprintLines('fish', watched, stamps, true)).toBe(
      [
        'set -g __fnox_fp_absent "/p/.fnox.toml"',
        'set -g __fnox_fp_present "/p/fnox.toml" "/fnox.toml"',
        `set -g __fnox_fp_stamps "${stamps}"`,
        `set -g __fnox_fp_own "${stamps}"`,
        'set -g __fnox_fp_dir $PWD',
        '__fnox_env_text',
        'set -g __fnox_fp_env $__fnox_envtxt',
        '',
      ].join('\n'),
    );
    expect(fingerprintLines('bash', [], stamps)).not.toContain('__fnox_fp_own');
  });

  it('without a stamp directory (or when stamping fails) the stamps variable is empty', () => {
    expect(fingerprintLines('bash', watched, undefined, true)).toContain("__fnox_fp_stamps=''\n");
    expect(fingerprintLines('bash', watched, undefined, true)).not.toContain('__fnox_fp_own');
    expect(fingerprintLines('bash', watched, join(stamps, 'missing', 'dir'))).toContain("__fnox_fp_stamps=''\n");
  });
});

describe('change lines', () => {
  it('exports, unsets, then names the session', () => {
    expect(changeLines('bash', [['A', "a'1"]], ['B'], 'S1')).toBe('export A="a\'1"\nunset B\nexport __FNOX_SESSION=S1\n');
    expect(changeLines('fish', [['A', 'x']], [], undefined)).toBe('set -gx A "x"\n');
  });

  it('gives nu one JSON object to load-env and hide-env, NULs dropped', () => {
    expect(changeLines('nu', [['A', 'a\0b']], ['B'], 'S1')).toBe('{"set":{"A":"ab","__FNOX_SESSION":"S1"},"unset":["B"]}\n');
    expect(changeLines('nu', [], [], undefined)).toBe('{"set":{},"unset":[]}\n');
  });
});
