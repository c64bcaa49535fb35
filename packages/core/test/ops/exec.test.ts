import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { execWithSecrets, prepareExecEnv, spawnWithEnv } from '../../src/ops/read/exec.js';
import { effective, session } from '../resolve/helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'fnox-exec-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const node = process.execPath;

describe('prepareExecEnv', () => {
  const eff = effective({
    providers: { p: { type: 'fake' } },
    secrets: {
      SHELL_VISIBLE: { provider: 'p', value: 'ok:s' },
      EXEC_ONLY: { default: 'e', env: 'exec' },
      NEVER: { default: 'n', env: false },
      MISSING: { if_missing: 'ignore' },
      OVERRIDE: { default: 'config-wins' },
    },
  });

  it('injects env=true and "exec", strips env=false even if inherited, leaves no-value vars alone', async () => {
    const s = session({ env: { NEVER: 'inherited', MISSING: 'inherited', OVERRIDE: 'from-env', PATH: '/bin' } });
    const prepared = await prepareExecEnv(s, eff);
    expect(prepared.env).toEqual({ PATH: '/bin', SHELL_VISIBLE: 's', EXEC_ONLY: 'e', MISSING: 'inherited', OVERRIDE: 'config-wins' });
    expect(prepared.files).toEqual([]);
    expect(s.env.SHELL_VISIBLE).toBeUndefined();
  });

  it('as_file: 0600 file holds the value, variable holds the path, cleanup removes it', async () => {
    const dir = mkdtempSync(join(tmp, 'af-'));
    const e = effective({ secrets: { CERT: { default: '-----PEM-----\n', as_file: true } } });
    const prepared = await prepareExecEnv(session({ env: { TMPDIR: dir } }), e);
    const path = prepared.env.CERT!;
    expect(path.startsWith(join(dir, 'fnox-exec-CERT-'))).toBe(true);
    expect(readdirSync(dir)).toHaveLength(1);
    prepared.cleanup();
    expect(existsSync(path)).toBe(false);
  });
});

describe('spawnWithEnv / execWithSecrets', () => {
  it('exit status passes through', async () => {
    expect(await spawnWithEnv([node, '-e', 'process.exit(7)'], { PATH: process.env.PATH ?? '' })).toBe(7);
  });
  it('128 + signal when the child dies by a signal', async () => {
    expect(await spawnWithEnv([node, '-e', "process.kill(process.pid, 'SIGTERM')"], {})).toBe(128 + 15);
  });
  it('no command', async () => {
    await expect(execWithSecrets(session(), [], { effective: effective({}) })).rejects.toMatchObject({ code: 'command_not_specified', message: 'No command specified' });
  });
  it('spawn failure names only the command', async () => {
    const err = await spawnWithEnv(['/nonexistent/fnox-test-cmd', 'SECRET-ARG'], {}).catch((e: unknown) => e as Error);
    expect(err).toMatchObject({ code: 'command_not_found', exitCode: 127, message: 'Command execution failed: /nonexistent/fnox-test-cmd' });
    expect(JSON.stringify({ m: err.message, d: (err as { details: string[] }).details })).not.toContain('SECRET-ARG');
  });
  it('the child sees the secrets; as_file files are gone after it exits', async () => {
    const dir = mkdtempSync(join(tmp, 'run-'));
    const e = effective({ secrets: { TOKEN: { default: 't0k' }, CERT: { default: 'pem', as_file: true } } });
    const script = `const fs=require('fs');const ok=process.env.TOKEN==='t0k'&&fs.readFileSync(process.env.CERT,'utf8')==='pem'&&(fs.statSync(process.env.CERT).mode&0o777)===0o600;process.exit(ok?0:3)`;
    expect(await execWithSecrets(session({ env: { TMPDIR: dir } }), [node, '-e', script], { effective: e })).toBe(0);
    expect(readdirSync(dir)).toEqual([]);
  });
});
