/**
 * The multi-file entry writer: all files computed before any is replaced, and a signal that fires
 * while the entries are placed ends the write with nothing written.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeEntries, type EntryWrite } from '../../src/ops/write/write-entries.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'fnox-write-entries-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const ORIGINAL = '[secrets]\nOLD = { default = "o" }\n';
const writesTo = (file: string, count: number): EntryWrite[] =>
  Array.from({ length: count }, (_, i) => ({ file, section: ['secrets'], key: `K${i}`, entry: { default: `v${i}` } }));

describe('writeEntries', () => {
  it('writes every entry of every file (positive control)', async () => {
    const a = join(dir, 'a.toml');
    const b = join(dir, 'b.toml');
    writeFileSync(a, ORIGINAL);
    const files = await writeEntries([...writesTo(a, 50), ...writesTo(b, 2)], { env: {} });
    expect(files.sort()).toEqual([a, b]);
    expect(readFileSync(a, 'utf8')).toBe(`${ORIGINAL}${Array.from({ length: 50 }, (_, i) => `K${i}= { default = "v${i}" }\n`).join('')}`);
    expect(readFileSync(b, 'utf8')).toBe('[secrets]\nK0= { default = "v0" }\nK1= { default = "v1" }\n');
  });

  it('stops on the signal while placing entries: its reason, and no file written or created', async () => {
    const a = join(dir, 'a.toml');
    const b = join(dir, 'b.toml');
    writeFileSync(a, ORIGINAL);
    const controller = new AbortController();
    let ticks = 0;
    const tick = () => (++ticks === 20 ? controller.abort(new Error('terminated')) : setImmediate(tick));
    setImmediate(tick);
    await expect(writeEntries([...writesTo(a, 200), ...writesTo(b, 200)], { env: {}, signal: controller.signal })).rejects.toThrow('terminated');
    expect(readFileSync(a, 'utf8')).toBe(ORIGINAL);
    expect(() => readFileSync(b)).toThrow(/ENOENT/);
  });
});
