/** Locked, atomic config writes as a library: the real target through links, mode kept, the lock's life and its failures. */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { atomicWriteFile, fsyncDirectory, realTarget, withFileLock } from '../../src/config/atomic-write.js';
import { FnoxError } from '../../src/errors.js';

let root: string;
beforeEach(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'fnox-atomic-')));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

async function rejection(promise: Promise<unknown>): Promise<FnoxError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(FnoxError);
    return error as FnoxError;
  }
  throw new Error('expected a FnoxError');
}

describe('realTarget', () => {
  it('follows a link to its file, a linked directory for a new file, and keeps a path whose directory is missing', () => {
    writeFileSync(join(root, 'real.toml'), '');
    symlinkSync(join(root, 'real.toml'), join(root, 'link.toml'));
    expect(realTarget(join(root, 'link.toml'))).toBe(join(root, 'real.toml'));
    mkdirSync(join(root, 'dir'));
    symlinkSync(join(root, 'dir'), join(root, 'alias'));
    expect(realTarget(join(root, 'alias', 'new.toml'))).toBe(join(root, 'dir', 'new.toml'));
    expect(realTarget(join(root, 'none', 'x.toml'))).toBe(join(root, 'none', 'x.toml'));
  });
});

describe('atomicWriteFile', () => {
  it('writes through a link (which stays a link), keeps the mode, and creates directories when asked', async () => {
    writeFileSync(join(root, 'real.toml'), 'old');
    chmodSync(join(root, 'real.toml'), 0o640);
    symlinkSync(join(root, 'real.toml'), join(root, 'link.toml'));
    await atomicWriteFile(join(root, 'link.toml'), 'new ✓');
    expect(readFileSync(join(root, 'real.toml'), 'utf8')).toBe('new ✓');
    expect(statSync(join(root, 'real.toml')).mode & 0o777).toBe(0o640);
    expect(realpathSync(join(root, 'link.toml'))).toBe(join(root, 'real.toml'));
    await atomicWriteFile(join(root, 'a', 'b', 'c.toml'), 'x', { createDir: true });
    expect(readFileSync(join(root, 'a', 'b', 'c.toml'), 'utf8')).toBe('x');
  });

  it('a failed write is a config_write_failed error naming the file, with the cause', async () => {
    const file = join(root, 'missing', 'x.toml');
    const error = await rejection(atomicWriteFile(file, 'x'));
    expect(error.code).toBe('config_write_failed');
    expect(error.message).toBe(`Failed to write configuration file: ${file}`);
    expect((error.cause as NodeJS.ErrnoException).code).toBe('ENOENT');
    expect(existsSync(join(root, 'missing'))).toBe(false);
  });

  it('fsyncing a directory that cannot be opened is not an error', () => {
    expect(() => fsyncDirectory(join(root, 'nope'))).not.toThrow();
    expect(() => fsyncDirectory(root)).not.toThrow();
  });
});

describe('withFileLock', () => {
  it('holds a lock directory beside the real target while fn runs, and removes it after, even when fn throws', async () => {
    const file = join(root, 'fnox.toml');
    writeFileSync(file, '');
    const result = await withFileLock(file, async () => {
      expect(statSync(`${file}.lock`).isDirectory()).toBe(true);
      return 42;
    });
    expect(result).toBe(42);
    expect(existsSync(`${file}.lock`)).toBe(false);
    await expect(withFileLock(file, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it('two links to one file share one lock, and a second writer waits for the first', async () => {
    const file = join(root, 'fnox.toml');
    writeFileSync(file, '');
    symlinkSync(file, join(root, 'link.toml'));
    const order: string[] = [];
    let releaseFirst!: () => void;
    const first = withFileLock(file, async () => {
      order.push('first in');
      await new Promise<void>((done) => (releaseFirst = done));
      order.push('first out');
    });
    while (!existsSync(`${file}.lock`)) await new Promise((done) => setTimeout(done, 5));
    const second = withFileLock(join(root, 'link.toml'), async () => {
      order.push('second');
    });
    await new Promise((done) => setTimeout(done, 100));
    expect(order).toEqual(['first in']);
    releaseFirst();
    await Promise.all([first, second]);
    expect(order).toEqual(['first in', 'first out', 'second']);
  });

  it('gives up on a held lock after the timeout, naming the lock directory', async () => {
    const file = join(root, 'fnox.toml');
    writeFileSync(file, '');
    mkdirSync(`${file}.lock`);
    const started = Date.now();
    const error = await rejection(withFileLock(file, async () => 'never', { timeoutMs: 200 }));
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    expect(error.code).toBe('config_locked');
    expect(error.message).toBe(`Timed out waiting for the lock on ${file}`);
    expect(error.hint).toBe(`Another fnox is writing this file. If none is running, remove the directory ${file}.lock.`);
  });

  it('a lock that cannot be made at all is a config_write_failed error with its code', async () => {
    const file = join(root, 'missing', 'fnox.toml');
    const error = await rejection(withFileLock(file, async () => 'never'));
    expect(error.code).toBe('config_write_failed');
    expect(error.message).toBe(`Could not lock ${file} for writing (ENOENT)`);
    expect((error.cause as NodeJS.ErrnoException).code).toBe('ENOENT');
  });
});
