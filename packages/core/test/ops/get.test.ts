import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeBase64Secret, getSecret } from '../../src/ops/read/get.js';
import { effective, session } from '../resolve/helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'fnox-get-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('getSecret', () => {
  const eff = effective({
    providers: { p: { type: 'fake' } },
    secrets: {
      DATABASE_URL: { provider: 'p', value: 'ok:pg://x' },
      DATABASE_USER: { default: 'u' },
      API_KEY: { default: 'k' },
      IGNORED: { if_missing: 'ignore' },
      B64: { default: Buffer.from('héllo').toString('base64') },
      FILE: { default: 'file-content\n', as_file: true },
      EXEC_ONLY: { default: 'e', env: false },
    },
  });

  it('value', async () => expect(await getSecret(session(), 'DATABASE_URL', { effective: eff })).toEqual({ kind: 'value', value: 'pg://x', untrusted: false }));
  it('works for env = false secrets', async () => expect(await getSecret(session(), 'EXEC_ONLY', { effective: eff })).toEqual({ kind: 'value', value: 'e', untrusted: false }));
  it('ignore → nothing, no warning', async () => {
    const s = session();
    expect(await getSecret(s, 'IGNORED', { effective: eff })).toEqual({ kind: 'none' });
    expect(s.warnings).toEqual([]);
  });

  it('not found: did-you-mean up to three (Jaro-Winkler ≥ 0.7, case-insensitive)', async () => {
    const err = await getSecret(session(), 'database_ur', { effective: eff }).catch((e: unknown) => e as { message: string; hint: string; details: string[]; code: string });
    expect(err.code).toBe('secret_not_found');
    expect(err.message).toBe("Secret 'database_ur' not found in profile 'default'");
    expect(err.details).toEqual(['(not defined in any config file)']);
    expect(err.hint).toContain("Did you mean one of: 'DATABASE_URL', 'DATABASE_USER'?");
    expect(err.hint).toContain('fnox list -P default --sources');
    const one = await getSecret(session(), 'API_KYE', { effective: eff }).catch((e: unknown) => e as { hint: string });
    expect(one.hint).toContain("Did you mean 'API_KEY'?");
    const none = await getSecret(session(), 'ZZZZZZ', { effective: eff }).catch((e: unknown) => e as { hint: string });
    expect(none.hint).not.toContain('Did you mean');
  });

  it('--base64-decode', async () => expect(await getSecret(session(), 'B64', { effective: eff, base64Decode: true })).toEqual({ kind: 'value', value: 'héllo', untrusted: false }));

  const bad: [string, string][] = [
    ['not base64!', 'Failed to decode secret: Failed to base64 decode secret: Invalid symbol at offset 3'],
    ['abc', 'Failed to decode secret: Failed to base64 decode secret: Invalid padding'],
    ['/w==', 'Failed to decode secret: decoded secret is not valid UTF-8'],
  ];
  for (const [input, msg] of bad) {
    it(`--base64-decode error: ${input}`, () => {
      expect(() => decodeBase64Secret(input)).toThrow(msg);
      try {
        decodeBase64Secret(input);
      } catch (e) {
        expect((e as { code: string }).code).toBe('secret_decode_failed');
      }
    });
  }

  it('as_file: prints a path to a persistent 0600 file $TMPDIR/fnox-KEY-pid-nanos', async () => {
    const r = await getSecret(session({ env: { TMPDIR: tmp } }), 'FILE', { effective: eff });
    expect(r.kind).toBe('file');
    const path = (r as { path: string }).path;
    expect(path.startsWith(join(tmp, `fnox-FILE-${process.pid}-`))).toBe(true);
    expect(readFileSync(path, 'utf8')).toBe('file-content\n');
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });
});
