/**
 * `fnox trust` as a user runs it: records outside the repository (0700/0600), bound to the real
 * path and the content, FNOX_TRUSTED_CONFIG_PATHS on path-segment boundaries, and files fnox
 * writes keep their trust. Checked through `--show`/`--list` and through `hook-env`, which loads
 * only trusted files (the positive control of every refusal here).
 */
import { mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sandbox, type Sandbox } from '@fnox/test-kit';

const CONFIG = '[secrets]\nA = { default = "alpha" }\n';

let box: Sandbox;
beforeEach(() => {
  box = sandbox({ trusted: false });
  writeFileSync(join(box.project, 'fnox.toml'), CONFIG);
});
afterEach(() => box.cleanup());

/** What `fnox hook-env` exports in `cwd` (a fresh shell each time). */
async function hookLoads(cwd = box.project, env: NodeJS.ProcessEnv = {}): Promise<{ exported: string[]; stderr: string }> {
  const result = await box.run(['hook-env', '-s', 'bash'], { cwd, env: { FNOX_SHELL: 'bash', ...env } });
  expect(result.code, result.stderr).toBe(0);
  const exported = [...result.stdout.matchAll(/^export ([A-Z_][A-Z0-9_]*)=/gm)].map((m) => m[1]!).filter((n) => n !== '__FNOX_SESSION');
  return { exported, stderr: result.stderr };
}

async function show(path?: string, env: NodeJS.ProcessEnv = {}): Promise<string> {
  const result = await box.run(['trust', '--show', ...(path ? [path] : [])], { env });
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
}

const trustDir = () => join(box.home, '.local', 'share', 'fnox', 'trust');

describe('fnox trust', () => {
  it('records trust outside the repo, private, bound to content; untrust removes it', async () => {
    const file = join(box.project, 'fnox.toml');
    expect(await show()).toContain(`${file}: not trusted; run: fnox trust ${file}`);
    expect((await hookLoads()).exported).toEqual([]);

    const trusted = await box.run(['trust']);
    expect(trusted.code, trusted.stderr).toBe(0);
    expect(trusted.stdout).toBe(`✓ Trusted ${file}\n`);
    expect(readdirSync(box.project)).toEqual(['fnox.toml']); // nothing written into the repository
    expect(statSync(trustDir()).mode & 0o777).toBe(0o700);
    const records = readdirSync(trustDir());
    expect(records).toHaveLength(1);
    expect(statSync(join(trustDir(), records[0]!)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(join(trustDir(), records[0]!), 'utf8'))).toMatchObject({ path: file, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(await show()).toContain(`${file}: trusted`);
    expect((await hookLoads()).exported).toEqual(['A']);

    // A change (a git pull) untrusts it until trusted again.
    writeFileSync(file, `${CONFIG}B = { default = "beta" }\n`);
    expect(await show()).toContain(`${file}: changed since trusted; run: fnox trust ${file}`);
    expect((await box.run(['trust', '--list'])).stdout).toBe(`changed  ${file}\n`);
    expect((await hookLoads()).exported).toEqual([]);
    expect((await box.run(['trust', file])).code).toBe(0);
    expect((await hookLoads()).exported).toEqual(['A', 'B']);
    expect((await box.run(['trust', '--list'])).stdout).toBe(`trusted  ${file}\n`);

    const untrust = await box.run(['trust', '--untrust', '.']);
    expect(untrust.stdout).toBe(`✓ Untrusted ${file}\n`);
    expect((await hookLoads()).exported).toEqual([]);
    expect((await box.run(['trust', '--untrust'])).stdout).toBe(`${file} was not trusted\n`);
  });

  it('a directory trusts its fnox*.toml files only; trust follows the real path of a symlink', async () => {
    writeFileSync(join(box.project, 'fnox.local.toml'), '[secrets]\nL = { default = "l" }\n');
    writeFileSync(join(box.project, 'other.toml'), 'x = 1\n');
    const result = await box.run(['trust', box.project]);
    expect(result.stdout).toBe(`✓ Trusted ${join(box.project, 'fnox.local.toml')}\n✓ Trusted ${join(box.project, 'fnox.toml')}\n`);
    expect((await hookLoads()).exported.sort()).toEqual(['A', 'L']);

    const link = join(box.home, 'link');
    symlinkSync(box.project, link);
    expect((await hookLoads(link)).exported.sort()).toEqual(['A', 'L']);
  });

  it('a trusted parent applies while its untrusted child does not; a missing path is an error', async () => {
    const child = join(box.project, 'child');
    mkdirSync(child);
    writeFileSync(join(child, 'fnox.toml'), '[secrets]\nC = { default = "child" }\nA = { default = "overridden" }\n');
    await box.run(['trust', join(box.project, 'fnox.toml')]);
    const { exported, stderr } = await hookLoads(child);
    expect(exported).toEqual(['A']);
    expect(stderr).toContain(
      `fnox: ${join(child, 'fnox.toml')} is not trusted; its secrets were not loaded. Review it, then run: fnox trust ${join(child, 'fnox.toml')}`,
    );

    const missing = await box.run(['trust', 'nope.toml']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/error: .*nope\.toml is not a file or directory/);
  });

  it('FNOX_TRUSTED_CONFIG_PATHS trusts a tree on path-segment boundaries, through symlinks', async () => {
    const sibling = `${box.project}c`; // /…/project vs /…/projectc
    mkdirSync(sibling);
    writeFileSync(join(sibling, 'fnox.toml'), CONFIG);
    const env = { FNOX_TRUSTED_CONFIG_PATHS: `relative/ignored::${box.project}` };
    expect(await show(undefined, env)).toContain(`${join(box.project, 'fnox.toml')}: trusted (FNOX_TRUSTED_CONFIG_PATHS)`);
    expect((await hookLoads(box.project, env)).exported).toEqual(['A']);
    expect((await hookLoads(sibling, env)).exported).toEqual([]);
    expect(await show(sibling, env)).toContain('not trusted');

    const link = join(box.home, 'via-link');
    symlinkSync(box.project, link);
    expect((await hookLoads(box.project, { FNOX_TRUSTED_CONFIG_PATHS: link })).exported).toEqual(['A']);
  });

  it('the global config is trusted without a record', async () => {
    const global = join(box.home, '.config', 'fnox', 'config.toml');
    mkdirSync(join(box.home, '.config', 'fnox'), { recursive: true });
    writeFileSync(global, '[secrets]\nG = { default = "g" }\n');
    expect(await show()).toContain(`${global}: trusted (global config)`);
    expect((await hookLoads()).exported).toEqual(['G']);
  });

  it('files fnox writes keep their trust; an untrusted file stays untrusted after a write', async () => {
    const file = join(box.project, 'fnox.toml');
    writeFileSync(file, '[providers.plain]\ntype = "plain"\n\n[secrets]\nA = { default = "alpha" }\n');
    await box.run(['trust']);
    for (const args of [
      ['set', 'K', 'v', '-p', 'plain'],
      ['remove', 'K'],
      ['provider', 'add', 'p2', 'plain'],
      ['provider', 'remove', 'p2'],
    ]) {
      const result = await box.run(args);
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0);
      expect(await show(), args.join(' ')).toContain(`${file}: trusted`);
    }
    // A file fnox creates is trusted.
    const fresh = join(box.home, 'fresh');
    mkdirSync(fresh);
    expect((await box.run(['init', '--skip-wizard'], { cwd: fresh })).code).toBe(0);
    expect(await show(join(fresh, 'fnox.toml'))).toContain(`${join(fresh, 'fnox.toml')}: trusted`);
    // A write never trusts a file the user had not trusted.
    await box.run(['trust', '--untrust']);
    expect((await box.run(['set', 'K2', 'v', '-p', 'plain'])).code).toBe(0);
    expect(await show()).toContain(`${file}: not trusted`);
  });
});
