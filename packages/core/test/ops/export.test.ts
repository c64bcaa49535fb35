import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportSecrets } from '../../src/ops/read/export.js';
import { effective, session } from '../resolve/helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'fnox-export-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const now = new Date(Date.UTC(2024, 4, 1, 12, 0, 0, 0));

const eff = effective({
  providers: { p: { type: 'fake' } },
  secrets: {
    A: { provider: 'p', value: 'ok:alpha' },
    GONE: { if_missing: 'ignore' },
    HIDDEN: { default: 'h', env: false },
    EXEC: { default: 'x', env: 'exec' },
    Q: { default: "it's $x" },
  },
});

describe('exportSecrets', () => {
  it('env = true only, no-value keys omitted, config order', async () => {
    const r = await exportSecrets(session(), { effective: eff, now });
    expect(r.text).toBe('A=alpha\nQ="it\'s $x"\n');
    expect(r.keys).toEqual(['A', 'Q']);
  });
  it('--all includes env = false and "exec"', async () => {
    const r = await exportSecrets(session(), { effective: eff, all: true, format: 'shell', now });
    expect(r.text).toBe(`export A=alpha\nexport HIDDEN=h\nexport EXEC=x\nexport Q="it's "'$x'\n`);
  });
  it('--header', async () => {
    const r = await exportSecrets(session(), { effective: eff, header: true, now, format: 'shell' });
    expect(r.text.split('\n').slice(0, 4)).toEqual(['# Exported from profile: default', '# Exported at: 2024-05-01T12:00:00+00:00', '# Total secrets: 2', '']);
  });
  it('-o writes the file (0600); -n with -o writes nothing', async () => {
    const out = join(tmp, 'out.env');
    const r = await exportSecrets(session({ cwd: tmp }), { effective: eff, output: 'out.env', now });
    expect(r.written).toBe(out);
    expect(readFileSync(out, 'utf8')).toBe('A=alpha\nQ="it\'s $x"\n');
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const dry = join(tmp, 'dry.env');
    const d = await exportSecrets(session({ cwd: tmp }), { effective: eff, output: 'dry.env', dryRun: true, now });
    expect(d.written).toBeUndefined();
    expect(d.keys).toEqual(['A', 'Q']);
    expect(existsSync(dry)).toBe(false);
  });
  it('as_file exports a persistent fnox-export- path', async () => {
    const dir = mkdtempSync(join(tmp, 'f-'));
    const e = effective({ secrets: { CERT: { default: 'PEM', as_file: true } } });
    const r = await exportSecrets(session({ env: { TMPDIR: dir } }), { effective: e, format: 'json', now });
    const path = JSON.parse(r.text).secrets.CERT as string;
    expect(path.startsWith(join(dir, 'fnox-export-CERT-'))).toBe(true);
    expect(readFileSync(path, 'utf8')).toBe('PEM');
    expect(readdirSync(dir)).toHaveLength(1);
  });
  it('failing secret under warn: empty output, WARN on the log', async () => {
    const s = session();
    const e = effective({ providers: { p: { type: 'fake' } }, secrets: { BAD: { provider: 'p', value: 'fail:decrypt:nope' } } });
    const r = await exportSecrets(s, { effective: e, now });
    expect(r.text).toBe('');
    expect(s.warnings.join('\n')).toContain('WARN');
  });
  it('the session env is not modified', async () => {
    const s = session({ env: { KEEP: '1' } });
    await exportSecrets(s, { effective: eff, now });
    expect(s.env).toEqual({ KEEP: '1' });
  });
});
