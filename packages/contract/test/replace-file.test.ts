import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { replaceFileSync } from '../src/index.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'fnox-replace-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('replaceFileSync', () => {
  it('creates the file owner-only by default, with exactly the bytes given, and leaves no temp file', () => {
    const path = join(dir, 'out');
    replaceFileSync(path, 'first\n');
    expect(readFileSync(path, 'utf8')).toBe('first\n');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    replaceFileSync(path, Buffer.from([0, 1, 2]), { fsync: true });
    expect([...readFileSync(path)]).toEqual([0, 1, 2]);
    expect(readdirSync(dir)).toEqual(['out']);
  });

  it('writes a target whose name is near the 255-byte limit (the temp name stays short)', () => {
    for (const name of ['x'.repeat(250), 'é'.repeat(127)]) {
      const path = join(dir, name);
      replaceFileSync(path, 'ok');
      expect(readFileSync(path, 'utf8')).toBe('ok');
    }
  });

  it('applies a stricter mode on the descriptor', () => {
    const path = join(dir, 'out');
    replaceFileSync(path, 'x', { mode: 0o400 });
    expect(statSync(path).mode & 0o777).toBe(0o400);
  });

  it('replaces a symlink at the target instead of writing through it', () => {
    const victim = join(dir, 'victim');
    writeFileSync(victim, 'untouched');
    const path = join(dir, 'out');
    symlinkSync(victim, path);
    expect(readlinkSync(path)).toBe(victim); // positive control: the link is there
    replaceFileSync(path, 'new');
    expect(readFileSync(victim, 'utf8')).toBe('untouched');
    expect(lstatSync(path).isSymbolicLink()).toBe(false);
    expect(readFileSync(path, 'utf8')).toBe('new');
  });

  it('throws the OS error and leaves nothing behind when it cannot finish', () => {
    // The target is a directory: the temp file is written, the rename fails.
    const path = join(dir, 'taken');
    writeFileSync(join(dir, 'keep'), 'k');
    rmSync(path, { force: true });
    mkdirSync(path);
    expect(() => replaceFileSync(path, 'x')).toThrow(expect.objectContaining({ code: expect.stringMatching(/^E(ISDIR|EXIST|NOTEMPTY)$/) }));
    expect(readdirSync(dir).sort()).toEqual(['keep', 'taken']);
    expect(() => replaceFileSync(join(dir, 'missing', 'out'), 'x')).toThrow(expect.objectContaining({ code: 'ENOENT' }));
  });
});
