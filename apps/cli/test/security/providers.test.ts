/**
 * Providers cannot wedge or shadow (issue 16 item 10), black-box:
 * - a linked package named `@fnox/provider-age` (oclif lets a link replace a core plugin) or a
 *   package claiming `age`/`aws-kms` under another name never receives a plaintext or a ciphertext,
 *   on the fast path, in oclif, and through the Node API's dependency discovery;
 * - a provider that never answers ends in a one-line timeout (FNOX_PROVIDER_TIMEOUT), not a hang;
 * - a provider answering with a non-string is an error naming the provider;
 * - `exec` that cannot run its command exits 127 (not found) / 126 (not executable);
 * - E2BIG, EPIPE and ENOSPC end in one line, no stack.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encryptToStoredValue, generateIdentity, parseRecipients } from '@fnox/provider-age';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FNOX_BIN, sandbox, type Sandbox } from '@fnox/test-kit';
import { BOTH_PATHS as PATHS } from '../helpers/black-box.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
const CANARY = 'CANARY-plain-91c2e4';

let box: Sandbox;
let stolen: string;
beforeEach(() => {
  box = sandbox();
  stolen = join(box.home, 'stolen.log');
  (box.env as Record<string, string>).FNOX_TEST_STOLEN = stolen;
});
afterEach(() => box.cleanup());

async function link(name: string): Promise<void> {
  const r = await box.run(['plugins', 'link', fixture(name), '--no-install']);
  expect(r.code, r.stderr).toBe(0);
}

async function ageConfig(): Promise<string> {
  const key = await generateIdentity();
  writeFileSync(join(box.project, 'key.txt'), `${key.identity}\n`, { mode: 0o600 });
  const value = await encryptToStoredValue('bundled-age-decrypted', parseRecipients([key.recipient]));
  const toml = `root = true\ndefault_provider = "age"\n\n[providers.age]\ntype = "age"\nrecipients = ["${key.recipient}"]\nkey_file = "key.txt"\n\n[secrets]\nEXISTING = { provider = "age", value = "${value}" }\n`;
  writeFileSync(join(box.project, 'fnox.toml'), toml);
  return toml;
}

describe('no plugin shadows a bundled or first-party type', () => {
  for (const plugin of ['provider-impostor/named-like-age', 'provider-impostor/squatter']) {
    it.each(PATHS)(`${plugin} (%s): set and get use the bundled age; the plugin sees nothing`, { timeout: 120_000 }, async (_name, env) => {
      await link(plugin);
      await ageConfig();
      const set = await box.run(['set', 'NEW'], { env, input: CANARY });
      expect(set.code, set.stderr).toBe(0);
      const written = readFileSync(join(box.project, 'fnox.toml'), 'utf8');
      expect(written).not.toContain('stolen');
      expect(written).not.toContain(CANARY);
      // Positive control: the bundled provider encrypted it and decrypts both values.
      const get = await box.run(['get', 'NEW'], { env });
      expect(get.stdout, get.stderr).toBe(`${CANARY}\n`);
      expect((await box.run(['get', 'EXISTING'], { env })).stdout).toBe('bundled-age-decrypted\n');
      expect((await box.run(['export'], { env })).stdout).toContain('bundled-age-decrypted');
      expect(existsSync(stolen), existsSync(stolen) ? readFileSync(stolen, 'utf8') : '').toBe(false);
    });
  }

  it('providers --json names the bundled age package, and the squatter is reported, not used', async () => {
    await link('provider-impostor/squatter');
    const r = await box.run(['providers', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const providers = (JSON.parse(r.stdout) as { providers: { type: string; package: string }[] }).providers;
    expect(providers.find((p) => p.type === 'age')?.package).toBe('@fnox/provider-age');
    expect(providers.some((p) => p.package === 'fnox-provider-squatter')).toBe(false);
  });

  it('Node API: an app dependency claiming `age` under another name is skipped', async () => {
    const toml = await ageConfig();
    const app = join(box.home, 'app');
    mkdirSync(join(app, 'node_modules'), { recursive: true });
    writeFileSync(join(app, 'fnox.toml'), toml.replace('key_file = "key.txt"', `key_file = "${join(box.project, 'key.txt')}"`));
    symlinkSync(fixture('provider-impostor/squatter'), join(app, 'node_modules', 'fnox-provider-squatter'));
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', type: 'module', dependencies: { 'fnox-provider-squatter': '1.0.0' } }));
    const core = fileURLToPath(import.meta.resolve('@fnox/core'));
    const script = `const { loadSecrets } = await import(${JSON.stringify(core)}); try { await loadSecrets({ cwd: ${JSON.stringify(app)} }); console.log('loaded'); } catch (e) { console.log('error:', e.code, e.message); }`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: app, env: box.env, encoding: 'utf8' });
    expect(r.stdout + r.stderr).not.toContain('from-impostor');
    expect(existsSync(stolen)).toBe(false);
  });
});

describe('a provider cannot wedge fnox', () => {
  beforeEach(async () => {
    await link('provider-misbehaving');
  });

  it.each(PATHS)('%s: a provider that never answers ends at FNOX_PROVIDER_TIMEOUT in one line', { timeout: 60_000 }, async (_name, env) => {
    writeFileSync(join(box.project, 'fnox.toml'), 'root = true\n\n[providers.slow]\ntype = "hang-fixture"\n\n[secrets]\nK = { provider = "slow", value = "k" }\n');
    const started = Date.now();
    const r = await box.run(['get', 'K'], { env: { ...env, FNOX_PROVIDER_TIMEOUT: '1' }, timeoutMs: 30_000 });
    expect(r.signal).toBeNull();
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error: Provider 'slow' (type hang-fixture) did not answer for 'K' within 1 s");
    expect(r.stderr).toContain('FNOX_PROVIDER_TIMEOUT');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('set with a provider that never answers times out and leaves fnox.toml unchanged', { timeout: 60_000 }, async () => {
    const toml = 'root = true\n\n[providers.slow]\ntype = "hang-fixture"\n\n[secrets]\n';
    writeFileSync(join(box.project, 'fnox.toml'), toml);
    const r = await box.run(['set', 'K', '-p', 'slow'], { env: { FNOX_PROVIDER_TIMEOUT: '1' }, input: CANARY, timeoutMs: 30_000 });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('did not answer');
    expect(r.stderr).not.toContain(CANARY);
    expect(readFileSync(join(box.project, 'fnox.toml'), 'utf8')).toBe(toml);
  });

  it.each(PATHS)('%s: a non-string answer is an error naming the provider', async (_name, env) => {
    writeFileSync(join(box.project, 'fnox.toml'), 'root = true\n\n[providers.odd]\ntype = "nonstring-fixture"\n\n[secrets]\nK = { provider = "odd", value = "k" }\n');
    const get = await box.run(['get', 'K'], { env });
    expect(get.code).toBe(1);
    expect(get.stderr).toContain("Provider 'odd' (type nonstring-fixture) returned a number from get() instead of a string");
    // exec follows if_missing (default warn): the warning names the provider, K is not exported.
    const exec = await box.run(['exec', '--', 'sh', '-c', 'echo "K=${K-unset}"'], { env });
    expect(exec.stderr).toContain("Provider 'odd' (type nonstring-fixture) returned a number from get() instead of a string");
    expect(exec.stdout).toBe('K=unset\n');
  });

  it('set with a provider returning undefined writes nothing', async () => {
    const toml = 'root = true\n\n[providers.odd]\ntype = "nonstring-fixture"\n\n[secrets]\n';
    writeFileSync(join(box.project, 'fnox.toml'), toml);
    const r = await box.run(['set', 'K', '-p', 'odd'], { input: 'v' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("Provider 'odd' (type nonstring-fixture) returned undefined from put() instead of a string");
    expect(readFileSync(join(box.project, 'fnox.toml'), 'utf8')).toBe(toml);
  });

  it('positive control: a well-behaved provider in the same project still answers', async () => {
    writeFileSync(join(box.project, 'fnox.toml'), 'root = true\n\n[providers.slow]\ntype = "hang-fixture"\n\n[secrets]\nOK = { default = "fine" }\n');
    expect((await box.run(['get', 'OK'], { env: { FNOX_PROVIDER_TIMEOUT: '1' } })).stdout).toBe('fine\n');
  });
});

describe.each(PATHS)('exec failures (%s)', (_name, env) => {
  beforeEach(() => {
    writeFileSync(join(box.project, 'fnox.toml'), 'root = true\n\n[secrets]\nK = { default = "v" }\n');
  });

  it('command not found → 127; not executable → 126; a directory → 126', async () => {
    const notFound = await box.run(['exec', '--', 'fnox-no-such-command-xyz'], { env });
    expect(notFound.code).toBe(127);
    expect(notFound.stderr).toContain('Command execution failed: fnox-no-such-command-xyz');
    const script = join(box.project, 'script.sh');
    writeFileSync(script, '#!/bin/sh\necho ran\n', { mode: 0o644 });
    const notExec = await box.run(['exec', '--', script], { env });
    expect(notExec.code).toBe(126);
    expect(notExec.stdout).not.toContain('ran');
    mkdirSync(join(box.project, 'adir'));
    expect((await box.run(['exec', '--', join(box.project, 'adir')], { env })).code).toBe(126);
    // Positive control: the child runs and its status passes through.
    const ok = await box.run(['exec', '--', 'sh', '-c', 'echo "K=$K"; exit 3'], { env });
    expect([ok.code, ok.stdout]).toEqual([3, 'K=v\n']);
  });

  it('E2BIG: a secret too large for one environment string is one line, no stack', async () => {
    // Linux caps each argument and environment string at 128 KiB (MAX_ARG_STRLEN).
    writeFileSync(join(box.project, 'fnox.toml'), `root = true\n\n[secrets]\nBIG = { default = "${'x'.repeat(200_000)}" }\n`);
    const r = await box.run(['exec', '--', 'true'], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Command execution failed: true');
    expect(r.stderr).toContain('E2BIG');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('EPIPE and ENOSPC', () => {
  beforeEach(() => {
    const lines = Array.from({ length: 3000 }, (_, i) => `S_${i} = { default = "${'v'.repeat(60)}" }`).join('\n');
    writeFileSync(join(box.project, 'fnox.toml'), `root = true\n\n[secrets]\n${lines}\n`);
  });

  it.each(PATHS)('%s: output into a closed pipe ends quietly (no stack)', (_name, env) => {
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${FNOX_BIN}" export | head -c 10 >/dev/null; echo "status=\${PIPESTATUS:-done}"`], {
      cwd: box.project,
      env: { ...box.env, ...env },
      encoding: 'utf8',
    });
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stderr).not.toContain('EPIPE');
  });

  it.each(PATHS)('%s: a non-blocking stdout pipe that fills up loses nothing (EAGAIN is waited out)', (_name, env) => {
    // perl sets O_NONBLOCK on the pipe and execs fnox (as a non-Node parent sharing its stdout
    // may); the reader sleeps while ~200 KB, three pipe buffers, are written. Node's own spawn
    // cannot build this: libuv makes a child's stdio blocking.
    const nonBlocking = 'my $f = fcntl(STDOUT, F_GETFL, 0); fcntl(STDOUT, F_SETFL, $f | O_NONBLOCK) or die; exec @ARGV or die';
    const r = spawnSync('bash', ['-c', `set -o pipefail; perl -MFcntl -e '${nonBlocking}' "${process.execPath}" "${FNOX_BIN}" export | (sleep 0.5; cat)`], {
      cwd: box.project,
      env: { ...box.env, ...env },
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const expected = Array.from({ length: 3000 }, (_, i) => `S_${i}=${'v'.repeat(60)}\n`).join('');
    expect(expected.length).toBeGreaterThan(3 * 65536);
    expect(r.stdout).toBe(expected);
  });

  it.each(PATHS)('%s: a failure whose stderr has no reader keeps its exit code (a closed stderr is not success)', (_name, env) => {
    // perl makes stderr a pipe whose read end is already closed, then runs fnox: the error line
    // meets EPIPE, and the exit code is all that is left to tell.
    const noReader = 'pipe(R, W) or die; close R; open(STDERR, ">&", \\*W) or die; exec @ARGV or die';
    const run = (args: string) =>
      spawnSync('bash', ['-c', `perl -e '${noReader}' "${process.execPath}" "${FNOX_BIN}" ${args}`], { cwd: box.project, env: { ...box.env, ...env }, encoding: 'utf8' }).status;
    expect(run('get NOPE')).toBe(1);
    expect(run('export --format nope')).toBe(2);
    expect(run('export > /dev/null')).toBe(0); // positive control: a success stays one
  });

  it.each(PATHS)('%s: a full disk (/dev/full) is one line with a hint', (_name, env) => {
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${FNOX_BIN}" export > /dev/full`], {
      cwd: box.project,
      env: { ...box.env, ...env },
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('No space left on device');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
  });
});
