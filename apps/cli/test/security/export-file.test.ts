/**
 * `fnox export -o FILE` (issue 16 item 7, second half), black-box: the file holds every secret, so
 * a symlink planted at FILE (pointing at ~/.bashrc, or dangling into a directory someone else
 * reads) is refused and its target left untouched; a new file is 0600; an existing file is never
 * made looser than it was (nor than 0600); fast path and oclif alike.
 */
import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BOTH_PATHS as PATHS, sandboxPerTest } from '../helpers/black-box.js';

const CONFIG = 'root = true\n\n[secrets]\nAPI_TOKEN = { default = "tok-123" }\n';

const box = sandboxPerTest({ config: CONFIG });

describe.each(PATHS)('export -o (%s)', (_name, env) => {
  it('writes a new file 0600 with the secrets (positive control)', async () => {
    const out = join(box.project, 'out.env');
    const r = await box.run(['export', '-o', out], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(readFileSync(out, 'utf8')).toContain('API_TOKEN=tok-123');
    // Only the file itself is left in the directory (no temp file).
    expect(readdirSync(box.project).sort()).toEqual(['fnox.toml', 'out.env']);
  });

  it('refuses a symlink to an existing file and leaves the target untouched', async () => {
    const victim = join(box.home, '.bashrc');
    writeFileSync(victim, '# my shell\n');
    chmodSync(victim, 0o644);
    const out = join(box.project, 'out.env');
    symlinkSync(victim, out);
    const r = await box.run(['export', '-o', out], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`error: Refusing to write export file through a symbolic link: ${out}`);
    expect(readFileSync(victim, 'utf8')).toBe('# my shell\n');
    expect(statSync(victim).mode & 0o777).toBe(0o644);
    expect(lstatSync(out).isSymbolicLink()).toBe(true);
  });

  it('refuses a dangling symlink (it would create the target elsewhere)', async () => {
    const shared = join(box.home, 'shared');
    mkdirSync(shared);
    const out = join(box.project, 'out.env');
    symlinkSync(join(shared, 'secrets.env'), out);
    const r = await box.run(['export', '-o', out], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('symbolic link');
    expect(existsSync(join(shared, 'secrets.env'))).toBe(false);
  });

  it('never loosens an existing file: 0644 becomes 0600, 0400 stays 0400', async () => {
    const out = join(box.project, 'out.env');
    writeFileSync(out, 'old\n');
    chmodSync(out, 0o644);
    expect((await box.run(['export', '-o', out], { env })).code).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(readFileSync(out, 'utf8')).toContain('API_TOKEN=');

    writeFileSync(out, 'old\n');
    chmodSync(out, 0o400);
    const r = await box.run(['export', '-o', out], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o400);
    expect(readFileSync(out, 'utf8')).toContain('API_TOKEN=');
  });

  it('refuses a directory or a device as the output', async () => {
    for (const out of [join(box.project, 'adir'), '/dev/null']) {
      if (out.endsWith('adir')) mkdirSync(out);
      const r = await box.run(['export', '-o', out], { env });
      expect(r.code, out).toBe(1);
      expect(r.stderr).toContain('not a regular file');
    }
  });
});
