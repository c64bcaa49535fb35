/**
 * Crash safety of writes, black-box: `fnox set` killed with SIGKILL at random moments never leaves a
 * file that fails to parse and never loses a secret that an earlier `fnox set` reported as set; 20
 * concurrent `fnox set` on one file all land.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseToml } from '@fnox/core/internal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FNOX_BIN, sandbox, type Sandbox } from '@fnox/test-kit';

let box: Sandbox;
let file: string;

beforeAll(() => {
  box = sandbox();
  file = join(box.project, 'fnox.toml');
  writeFileSync(file, '# crash-safety project\nroot = true\n\n[providers.pl]\ntype = "plain"\n\n[secrets]\n# committed before the test\nBASE = { provider = "pl", value = "base" }\n');
});
afterAll(() => box.cleanup());

/** Start `fnox set KEY VALUE`; resolves with the exit code, or null when killed. */
function setProcess(key: string, value: string, killAfterMs?: number): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [FNOX_BIN, 'set', key, value], { cwd: box.project, env: box.env, stdio: 'ignore' });
    const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('error', reject);
    child.on('exit', (code) => {
      if (timer) clearTimeout(timer);
      resolve(code);
    });
  });
}

function secretsOnDisk(): Record<string, { value?: string }> {
  const doc = parseToml(readFileSync(file, 'utf8'), file) as { secrets?: Record<string, { value?: string }> };
  return doc.secrets ?? {};
}

describe('crash safety', () => {
  it('survives 100 SIGKILLs at random moments without corrupting the file or losing committed secrets', async () => {
    const committed = new Map<string, string>([['BASE', 'base']]);
    const BATCH = 4;
    // Calibrate: how long does a batch of uninterrupted `fnox set`s take on this machine right now?
    const started = Date.now();
    const calibration = await Promise.all(Array.from({ length: BATCH }, (_, j) => setProcess(`CALIBRATE_${j}`, 'c')));
    expect(calibration).toEqual(Array(BATCH).fill(0));
    for (let j = 0; j < BATCH; j++) committed.set(`CALIBRATE_${j}`, 'c');
    const span = Math.max(200, Date.now() - started);
    for (let round = 0; round < 100; round += BATCH) {
      const runs = Array.from({ length: BATCH }, (_, j) => {
        const key = `K_${round + j}`;
        const value = `value-${round + j}`;
        // Kill moments stratified over twice the calibrated span: early kills (before any write),
        // kills mid-write, and runs that finish.
        const killAt = ((j + Math.random()) / BATCH) * 2 * span;
        return setProcess(key, value, killAt).then((code) => ({ key, value, code }));
      });
      for (const { key, value, code } of await Promise.all(runs)) if (code === 0) committed.set(key, value);
      const onDisk = secretsOnDisk();
      for (const [key, value] of committed) expect(onDisk[key]?.value, `${key} survives`).toBe(value);
    }
    // Some runs should have been killed mid-way and some should have completed.
    expect(committed.size).toBeGreaterThan(1 + BATCH);
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith('# crash-safety project\nroot = true\n')).toBe(true);
    expect(text).toContain('# committed before the test\nBASE = { provider = "pl", value = "base" }\n');
  }, 300_000);

  it('20 concurrent sets on one file all land', async () => {
    const codes = await Promise.all(Array.from({ length: 20 }, (_, i) => setProcess(`C_${i}`, `concurrent-${i}`)));
    expect(codes).toEqual(Array(20).fill(0));
    const onDisk = secretsOnDisk();
    for (let i = 0; i < 20; i++) expect(onDisk[`C_${i}`]).toEqual({ provider: 'pl', value: `concurrent-${i}` });
    expect(onDisk.BASE).toEqual({ provider: 'pl', value: 'base' });
  }, 120_000);
});
