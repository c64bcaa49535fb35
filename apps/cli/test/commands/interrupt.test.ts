/**
 * Ctrl-C aborts the signal providers get (ProviderContext.signal), black-box: fnox is spawned on a
 * provider that waits (test fixture `wait-fixture`), sent SIGINT/SIGTERM once the provider call has
 * started, and must end promptly with the status of core's table, the provider having seen the
 * abort. Positive control: left alone, the same provider answers.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXIT_CODES } from '@fnox/core/internal';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FNOX_BIN, sandbox, type Sandbox } from '@fnox/test-kit';

const fixture = fileURLToPath(new URL('../fixtures/provider-misbehaving', import.meta.url));
const PATHS = [
  ['fast path', {}],
  ['oclif', { FNOX_NO_FAST_PATH: '1' }],
] as const;
const CONFIG = `root = true

[providers.slow]
type = "wait-fixture"

[providers.stuck]
type = "hang-fixture"

[secrets]
K = { provider = "slow", value = "k" }
STUCK = { provider = "stuck", value = "s", if_missing = "warn" }
`;

let box: Sandbox;
let markers: string;
beforeEach(async () => {
  box = sandbox();
  markers = join(box.home, 'markers');
  mkdirSync(markers);
  const linked = await box.run(['plugins', 'link', fixture, '--no-install']);
  expect(linked.code, linked.stderr).toBe(0);
  writeFileSync(join(box.project, 'fnox.toml'), CONFIG);
});
afterEach(() => box.cleanup());

const until = async (what: string, probe: () => boolean, ms = 20_000) => {
  for (const start = Date.now(); !probe(); await new Promise((r) => setTimeout(r, 25))) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
  }
};

/** Spawn fnox; once `ready()` holds, send `signal`; the exit status, output and time from the signal to the exit. */
async function interrupt(args: string[], env: NodeJS.ProcessEnv, signal: NodeJS.Signals | undefined, ready: () => boolean) {
  const child = spawn(process.execPath, [FNOX_BIN, ...args], {
    cwd: box.project,
    env: { ...box.env, FNOX_TEST_MARKERS: markers, FNOX_TEST_WAIT_MS: '60000', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, sig) => resolve({ code, signal: sig })),
  );
  const kill = setTimeout(() => child.kill('SIGKILL'), 40_000);
  try {
    await until('the provider call to start', ready);
    const sent = Date.now();
    if (signal) child.kill(signal);
    const result = await closed;
    return { ...result, stdout, stderr, ms: Date.now() - sent };
  } finally {
    clearTimeout(kill);
  }
}

const started = () => existsSync(join(markers, 'started'));
const aborted = () => existsSync(join(markers, 'aborted'));

describe('Ctrl-C aborts the providers', () => {
  it.each(PATHS)('%s: SIGINT during get aborts the provider signal and exits 130 promptly', { timeout: 60_000 }, async (_name, env) => {
    const r = await interrupt(['get', 'K'], env, 'SIGINT', started);
    expect(EXIT_CODES.interrupted).toBe(130);
    expect({ code: r.code, signal: r.signal }).toEqual({ code: 130, signal: null });
    expect(aborted()).toBe(true);
    expect(r.ms).toBeLessThan(10_000);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: Interrupted \(Ctrl-C\) \(fnox::interrupted\)\n/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it.each(PATHS)('%s: SIGTERM during get exits 143 the same way', { timeout: 60_000 }, async (_name, env) => {
    const r = await interrupt(['get', 'K'], env, 'SIGTERM', started);
    expect({ code: r.code, signal: r.signal }).toEqual({ code: EXIT_CODES.terminated, signal: null });
    expect(EXIT_CODES.terminated).toBe(143);
    expect(aborted()).toBe(true);
    expect(r.stderr).toMatch(/^error: Terminated \(SIGTERM\) \(fnox::terminated\)\n/);
  });

  it('exec: SIGINT while resolving never starts the command (no partial environment under if_missing)', { timeout: 60_000 }, async () => {
    const ran = join(markers, 'ran');
    const r = await interrupt(['exec', '--', 'sh', '-c', `touch '${ran}'`], { FNOX_IF_MISSING: 'warn' }, 'SIGINT', started);
    expect(r.code).toBe(130);
    expect(aborted()).toBe(true);
    expect(existsSync(ran)).toBe(false);
    expect(r.stderr).not.toContain('WARN');
  });

  it('a provider that ignores the signal still cannot keep fnox past Ctrl-C', { timeout: 60_000 }, async () => {
    let waited = false;
    setTimeout(() => (waited = true), 1500);
    const r = await interrupt(['get', 'STUCK'], { FNOX_PROVIDER_TIMEOUT: '0' }, 'SIGINT', () => waited);
    expect({ code: r.code, signal: r.signal }).toEqual({ code: 130, signal: null });
    expect(r.ms).toBeLessThan(10_000);
  });

  it.each(PATHS)('%s: positive control: without a signal the provider answers and sees no abort', { timeout: 60_000 }, async (_name, env) => {
    const r = await interrupt(['get', 'K'], { ...env, FNOX_TEST_WAIT_MS: '300' }, undefined, () => true);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('waited-value\n');
    expect(started()).toBe(true);
    expect(aborted()).toBe(false);
  });
});

describe('an import', () => {
  it('ends on SIGTERM while encrypting with its status, writing nothing, the provider aborted', { timeout: 60_000 }, async () => {
    const config = readFileSync(join(box.project, 'fnox.toml'), 'utf8');
    const child = spawn(process.execPath, [FNOX_BIN, 'import', '-p', 'slow', '--force'], {
      cwd: box.project,
      env: { ...box.env, FNOX_TEST_MARKERS: markers, FNOX_TEST_WAIT_MS: '60000' },
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    child.stdin.end('A=1\nB=2\nC=3\n');
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await until('the first put to start', started);
    expect(child.exitCode).toBeNull(); // positive control: still importing when the signal comes
    const sent = Date.now();
    child.kill('SIGTERM');
    expect(await exited).toBe(EXIT_CODES.terminated);
    expect(Date.now() - sent).toBeLessThan(5000);
    expect(aborted()).toBe(true);
    expect(readFileSync(join(box.project, 'fnox.toml'), 'utf8')).toBe(config);
  });
});
