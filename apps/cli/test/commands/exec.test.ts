import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FNOX_BIN, type Sandbox } from '@fnox/test-kit';
import { PLAIN, project } from './secrets-helpers.js';

const CANARY = 'canary-7f3a9c1e-VALUE';
const box: Sandbox = project(
  PLAIN +
    `TOKEN = { provider = "plain", value = "${CANARY}" }
EXEC_ONLY = { default = "e", env = "exec" }
STRIPPED = { default = "s", env = false }
CERT = { default = "pem-body", as_file = true }
OVERRIDE = { default = "config" }
`,
);
const tmp = join(box.home, 'tmp');
mkdirSync(tmp);
afterAll(() => box.cleanup());

/** Start fnox exec; resolve once `ready` exists (the child is running). */
function start(args: string[], ready: string) {
  const child = spawn(process.execPath, [FNOX_BIN, ...args], { cwd: box.project, env: { ...box.env, TMPDIR: tmp }, stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    // 'exit', not 'close': a stray grandchild holding the pipe must not stall the test.
    child.on('exit', (code, signal) => setTimeout(() => resolve({ code, signal, stdout, stderr }), 50)),
  );
  const running = (async () => {
    for (let i = 0; i < 600 && !existsSync(ready); i++) await new Promise((r) => setTimeout(r, 50));
    if (!existsSync(ready)) throw new Error(`child never became ready; stderr: ${stderr}`);
  })();
  return { child, done, running };
}

describe('fnox exec', () => {
  it('injects env=true and "exec", strips env=false even when inherited, config beats env', async () => {
    const r = await box.run(['exec', '--', 'sh', '-c', 'printf "%s|%s|%s|%s|%s" "$TOKEN" "$EXEC_ONLY" "${STRIPPED-unset}" "$OVERRIDE" "$(cat "$CERT")"'], {
      env: { STRIPPED: 'inherited', OVERRIDE: 'from-env' },
    });
    expect(r).toMatchObject({ code: 0, stdout: `${CANARY}|e|unset|config|pem-body` });
  });

  it('everything after the command belongs to it (-c is sh\'s, not --config)', async () => {
    const r = await box.run(['x', 'sh', '-c', 'echo "$1-$2"', 'arg0', '-P', '--verbose']);
    expect(r).toMatchObject({ code: 0, stdout: '-P---verbose\n' });
  });

  it('exit status passes through', async () => {
    expect((await box.run(['exec', '--', 'sh', '-c', 'exit 42'])).code).toBe(42);
    expect((await box.run(['run', '--', 'sh', '-c', 'exit 0'])).code).toBe(0);
  });

  it('128 + signal when the child dies by a signal', async () => {
    const r = await box.run(['exec', '--', 'sh', '-c', 'kill -KILL $$']);
    expect(r.code).toBe(137);
  });

  it('as_file temp files are 0600 while the child runs and removed after it exits', async () => {
    const r = await box.run(['exec', '--', 'sh', '-c', 'stat -c %a "$CERT"; echo "$CERT"'], { env: { TMPDIR: tmp } });
    const [mode, path] = r.stdout.trim().split('\n');
    expect(mode).toBe('600');
    expect(path!.startsWith(join(tmp, 'fnox-exec-CERT-'))).toBe(true);
    expect(existsSync(path!)).toBe(false);
    expect(readdirSync(tmp).filter((f) => f.startsWith('fnox-exec-'))).toEqual([]);
  });

  it('SIGTERM is forwarded; fnox waits and exits with the child\'s status (trap TERM → 7)', async () => {
    const ready = join(box.home, 'ready-term');
    const run = start(['exec', '--', 'sh', '-c', `trap 'exit 7' TERM; : > '${ready}'; while :; do sleep 0.05; done`], ready);
    await run.running;
    run.child.kill('SIGTERM');
    const r = await run.done;
    expect(r).toMatchObject({ code: 7, signal: null });
    expect(readdirSync(tmp).filter((f) => f.startsWith('fnox-exec-'))).toEqual([]);
  });

  it('SIGINT is forwarded (trap INT → 9)', async () => {
    const ready = join(box.home, 'ready-int');
    const run = start(['exec', '--', 'sh', '-c', `trap 'exit 9' INT; : > '${ready}'; while :; do sleep 0.05; done`], ready);
    await run.running;
    run.child.kill('SIGINT');
    expect((await run.done).code).toBe(9);
  });

  it('SIGHUP is forwarded (trap HUP → 11): a closed terminal reaches the child', async () => {
    const ready = join(box.home, 'ready-hup');
    const run = start(['exec', '--', 'sh', '-c', `trap 'exit 11' HUP; : > '${ready}'; while :; do sleep 0.05; done`], ready);
    await run.running;
    run.child.kill('SIGHUP');
    expect(await run.done).toMatchObject({ code: 11, signal: null });
  });

  it('an untrapped forwarded SIGTERM → 143', async () => {
    const ready = join(box.home, 'ready-plain');
    const run = start(['exec', '--', 'sh', '-c', `: > '${ready}'; exec sleep 10`], ready);
    await run.running;
    run.child.kill('SIGTERM');
    expect((await run.done).code).toBe(143);
  });

  it.runIf(process.platform === 'linux')('the canary never appears in fnox\'s argv (/proc/<pid>/cmdline) or its output', async () => {
    const ready = join(box.home, 'ready-canary');
    const run = start(['exec', '--', 'sh', '-c', `: > '${ready}'; sleep 0.5; test "$TOKEN" = '${CANARY.slice(0, 6)}'"\${TOKEN#${CANARY.slice(0, 6)}}"`], ready);
    await run.running;
    const cmdline = readFileSync(`/proc/${run.child.pid}/cmdline`, 'utf8');
    expect(cmdline).toContain('exec');
    expect(cmdline).not.toContain(CANARY);
    const r = await run.done;
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).not.toContain(CANARY);
  });

  it('errors never carry the canary', async () => {
    const r = await box.run(['exec', '--', '/nonexistent/fnox-cmd', CANARY]);
    expect(r.code).toBe(127);
    expect(r.stderr).toContain('Command execution failed: /nonexistent/fnox-cmd');
    expect(r.stderr).not.toContain(CANARY);
    const b = await box.run(['--verbose', 'exec', '--', 'sh', '-c', 'exit 3']);
    expect(b.stderr).not.toContain(CANARY);
  });

  it('no command', async () => {
    const r = await box.run(['exec']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('No command specified');
  });
});
