import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BoundedReadError, readRegularFileSync } from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'fnox-read-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const refusal = (path: string, max?: number): BoundedReadError => {
  try {
    readRegularFileSync(path, max);
  } catch (error) {
    if (error instanceof BoundedReadError) return error;
    throw error;
  }
  throw new Error(`${path} was read`);
};

describe('readRegularFileSync', () => {
  it('reads a regular file', () => {
    writeFileSync(join(dir, 'a.txt'), 'hello');
    expect(readRegularFileSync(join(dir, 'a.txt')).toString()).toBe('hello');
  });

  it('refuses a directory, a FIFO (without blocking) and a device', () => {
    mkdirSync(join(dir, 'd'));
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    expect(refusal(join(dir, 'd'))).toMatchObject({ reason: 'not-regular', detail: 'a directory, not a regular file' });
    expect(refusal(join(dir, 'fifo'))).toMatchObject({ reason: 'not-regular', detail: 'a FIFO (named pipe), not a regular file' });
    expect(refusal('/dev/zero')).toMatchObject({ reason: 'not-regular', detail: 'a character device, not a regular file' });
  });

  it('refuses more than the cap, by size or (for files reporting size 0) by reading', () => {
    writeFileSync(join(dir, 'big'), 'x'.repeat(11));
    expect(refusal(join(dir, 'big'), 10)).toMatchObject({ reason: 'too-large', detail: '11 bytes, more than the 10 bytes allowed' });
    expect(readRegularFileSync(join(dir, 'big'), 11).length).toBe(11);
    expect(refusal('/proc/self/environ', 1)).toMatchObject({ reason: 'too-large', detail: 'more than the 1 bytes allowed' });
  });

  it('reports OS failures by code, never content', () => {
    expect(refusal(join(dir, 'missing'))).toMatchObject({ reason: 'ENOENT', detail: 'no such file' });
  });
});
