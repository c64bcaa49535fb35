import { readFileSync, statSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '@fnox/test-kit';
import { PLAIN, project } from './secrets-helpers.js';

const boxes: Sandbox[] = [];
const make = (toml: string) => {
  const b = project(toml);
  boxes.push(b);
  return b;
};
afterAll(() => boxes.forEach((b) => b.cleanup()));

describe('fnox get', () => {
  const box = make(
    PLAIN +
      `DATABASE_URL = { provider = "plain", value = "postgres://u:p@h/db" }
DATABASE_USER = { default = "admin" }
API_KEY = { provider = "plain", value = "k-123" }
URL = { default = "https://\${API_KEY}@x" }
QUIET = { if_missing = "ignore" }
FROM_ENV = {}
B64 = { default = "aMOpbGxv" }
BADB64 = { default = "not base64!" }
CERT = { default = "-----BEGIN-----\\n", as_file = true }
NEVER_ENV = { default = "n", env = false }
`,
  );

  it('prints the value with a newline', async () => {
    const r = await box.run(['get', 'DATABASE_URL']);
    expect(r).toMatchObject({ code: 0, stdout: 'postgres://u:p@h/db\n', stderr: '' });
  });
  it('global flags before the command, interpolated default', async () => {
    const r = await box.run(['-c', 'fnox.toml', 'get', 'URL']);
    expect(r.stdout).toBe('https://k-123@x\n');
  });
  it('environment is the last fallback, never an override', async () => {
    expect((await box.run(['get', 'FROM_ENV'], { env: { FROM_ENV: 'from-env' } })).stdout).toBe('from-env\n');
    expect((await box.run(['get', 'API_KEY'], { env: { API_KEY: 'env-loses' } })).stdout).toBe('k-123\n');
  });
  it('works whatever the env mode', async () => expect((await box.run(['get', 'NEVER_ENV'])).stdout).toBe('n\n'));

  it('if_missing = ignore prints nothing at all, exit 0', async () => {
    const r = await box.run(['get', 'QUIET']);
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });
  it('missing under --if-missing error', async () => {
    const r = await box.run(['--if-missing', 'error', 'get', 'FROM_ENV']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("Secret 'FROM_ENV' not found and no default provided");
  });

  it('unknown key: did-you-mean (up to three)', async () => {
    const r = await box.run(['get', 'DATABASE_UR']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain("Secret 'DATABASE_UR' not found in profile 'default'");
    expect(r.stderr).toContain('(not defined in any config file)');
    expect(r.stderr).toContain("Did you mean one of: 'DATABASE_URL', 'DATABASE_USER'?");
    const single = await box.run(['get', 'api_kye']);
    expect(single.stderr).toContain("Did you mean 'API_KEY'?");
  });

  it('--base64-decode', async () => {
    expect((await box.run(['get', 'B64', '--base64-decode'])).stdout).toBe('héllo\n');
    const bad = await box.run(['get', 'BADB64', '--base64-decode']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Failed to decode secret: Failed to base64 decode secret:');
    expect(bad.stderr).not.toContain('not base64!');
  });

  it('as_file prints the path of a 0600 file holding the value', async () => {
    const r = await box.run(['get', 'CERT']);
    const path = r.stdout.trim();
    expect(path).toMatch(/fnox-CERT-\d+-\d+$/);
    expect(readFileSync(path, 'utf8')).toBe('-----BEGIN-----\n');
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('runs validation first: a provider-less config fails get (but exec works)', async () => {
    const b = make('[secrets]\nONLY_DEFAULT = { default = "d" }\n');
    const r = await b.run(['get', 'ONLY_DEFAULT']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Configuration validation failed (1 issue)');
    expect(r.stderr).toContain('No providers configured');
    const e = await b.run(['exec', '--', 'sh', '-c', 'printf %s "$ONLY_DEFAULT"']);
    expect(e).toMatchObject({ code: 0, stdout: 'd' });
  });

  it('provider failure is not rescued by if_missing in single mode; unknown provider names did-you-mean', async () => {
    const b = make(PLAIN + 'K = { provider = "plian", value = "x", if_missing = "ignore" }\n');
    const r = await b.run(['get', 'K']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("Provider 'plian' not configured in profile 'default'");
    expect(r.stderr).toContain("Did you mean 'plain'?");
  });

  it('missing KEY is a usage error (exit 2)', async () => expect((await box.run(['get'])).code).toBe(2));
});
