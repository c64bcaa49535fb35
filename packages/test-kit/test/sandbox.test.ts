import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isolatedEnv, mustSucceed, runCommand, sandbox, tempDir } from '../src/index.js';

const LEAKY = {
  FNOX_PROFILE: 'prod',
  FNOX_AGE_KEY: 'AGE-SECRET-KEY-1LEAK',
  AWS_PROFILE: 'admin',
  NODE_EXTRA_CA_CERTS: '/etc/ca.pem',
  NODE_OPTIONS: '--require /x.js',
  HTTPS_PROXY: 'http://p',
};
const saved = { ...process.env };
afterEach(() => {
  for (const name of Object.keys(LEAKY)) if (saved[name] === undefined) delete process.env[name];
  Object.assign(process.env, saved);
});

describe('isolatedEnv', () => {
  it("keeps nothing of the developer's fnox, AWS, proxy or Node setup; HOME and XDG point into the home", () => {
    Object.assign(process.env, LEAKY);
    const env = isolatedEnv('/sandbox');
    for (const name of Object.keys(LEAKY)) expect(env[name], name).toBeUndefined();
    expect(env).toMatchObject({
      HOME: '/sandbox',
      XDG_CONFIG_HOME: '/sandbox/.config',
      XDG_DATA_HOME: '/sandbox/.local/share',
      AWS_CONFIG_FILE: '/sandbox/.aws/config',
    });
    expect(env.PATH).toBe(process.env.PATH);
  });
});

describe('sandbox', () => {
  it('trusts its own tree unless asked not to, and removes everything on cleanup', () => {
    const box = sandbox();
    expect(box.env.FNOX_TRUSTED_CONFIG_PATHS).toBe(box.home);
    expect(existsSync(box.project)).toBe(true);
    box.cleanup();
    expect(existsSync(box.home)).toBe(false);
    const untrusted = sandbox({ trusted: false });
    expect(untrusted.env.FNOX_TRUSTED_CONFIG_PATHS).toBeUndefined();
    untrusted.cleanup();
  });
});

describe('runCommand', () => {
  it('collects both streams and the exit code, feeds stdin, and never throws for a failure', async () => {
    const dir = tempDir();
    try {
      const ok = await runCommand('sh', ['-c', 'cat; echo err >&2'], { cwd: dir.dir, env: { PATH: process.env.PATH }, input: 'in' });
      expect(ok).toEqual({ code: 0, stdout: 'in', stderr: 'err\n' });
      const failed = await runCommand('sh', ['-c', 'exit 3'], { env: { PATH: process.env.PATH } });
      expect(failed.code).toBe(3);
      expect(() => mustSucceed(failed, 'the step')).toThrow('the step failed (exit 3)');
      expect(dir.path('x')).toBe(join(dir.dir, 'x'));
    } finally {
      dir.cleanup();
    }
  });
});
