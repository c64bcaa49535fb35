/**
 * Writes keep the user's file (issue 16 item 8) and are durable (issue 21 item 2), black-box:
 * a symlinked fnox.toml (dotfiles) is written through to its target and stays a link; owner,
 * group and mode survive; a stale lock left by a killed fnox does not block the next write; and
 * strace of a real `fnox set` shows the temp file fsynced before the rename and the directory
 * fsynced after it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, lstatSync, mkdirSync, readFileSync, readlinkSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FNOX_BIN, sandbox, type Sandbox } from '@fnox/test-kit';

const PLAIN = 'root = true\n\n[providers.pl]\ntype = "plain"\n\n[secrets]\n# kept\nOLD = { provider = "pl", value = "old" }\n';
const isRoot = process.getuid?.() === 0;

/** The file's text with `KEY= {` (the editor's spacing for an appended entry) read as `KEY = {`. */
const readEntries = (path: string): string => readFileSync(path, 'utf8').replace(/^(\w+)= /gm, '$1 = ');

let box: Sandbox;
beforeEach(() => {
  box = sandbox();
});
afterEach(() => box.cleanup());

describe('writes keep the user file', () => {
  it('a symlinked fnox.toml is written through to its target and stays a symlink', async () => {
    const dotfiles = join(box.home, 'dotfiles');
    mkdirSync(dotfiles);
    const real = join(dotfiles, 'fnox.toml');
    writeFileSync(real, PLAIN);
    const link = join(box.project, 'fnox.toml');
    symlinkSync(real, link);

    const r = await box.run(['set', 'NEW', 'new-value', '-p', 'pl']);
    expect(r.code, r.stderr).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(real);
    const text = readEntries(real);
    expect(text).toContain('NEW = { provider = "pl", value = "new-value" }');
    expect(text.startsWith(PLAIN)).toBe(true);
    // Positive control: the value reads back through the link.
    expect((await box.run(['get', 'NEW'])).stdout).toBe('new-value\n');
    // No lock or temp file is left in either directory.
    expect(spawnSync('ls', ['-A', dotfiles], { encoding: 'utf8' }).stdout.trim()).toBe('fnox.toml');
  });

  it('a relative symlink chain is followed to the final file', async () => {
    const real = join(box.home, 'real.toml');
    writeFileSync(real, PLAIN);
    symlinkSync('../real.toml', join(box.project, 'middle.toml'));
    symlinkSync('middle.toml', join(box.project, 'fnox.toml'));
    const r = await box.run(['set', 'CHAIN', 'c', '-p', 'pl']);
    expect(r.code, r.stderr).toBe(0);
    expect(lstatSync(join(box.project, 'fnox.toml')).isSymbolicLink()).toBe(true);
    expect(lstatSync(join(box.project, 'middle.toml')).isSymbolicLink()).toBe(true);
    expect(readEntries(real)).toContain('CHAIN = { provider = "pl", value = "c" }');
  });

  it('mode is kept exactly (0640 stays 0640, 0600 stays 0600)', async () => {
    const file = join(box.project, 'fnox.toml');
    for (const mode of [0o640, 0o600]) {
      writeFileSync(file, PLAIN);
      chmodSync(file, mode);
      const r = await box.run(['set', `M${mode.toString(8)}`, 'v', '-p', 'pl']);
      expect(r.code, r.stderr).toBe(0);
      expect(statSync(file).mode & 0o7777).toBe(mode);
      expect(readEntries(file)).toContain(`M${mode.toString(8)} = `);
    }
  });

  it.skipIf(!isRoot)('owner and group are kept when root edits another user\'s file', async () => {
    const file = join(box.project, 'fnox.toml');
    writeFileSync(file, PLAIN);
    chownSync(file, 65534, 65534);
    chmodSync(file, 0o664);
    const r = await box.run(['set', 'OWNED', 'v', '-p', 'pl']);
    expect(r.code, r.stderr).toBe(0);
    const after = statSync(file);
    expect([after.uid, after.gid, after.mode & 0o7777]).toEqual([65534, 65534, 0o664]);
    expect(readEntries(file)).toContain('OWNED = ');
  });

  it('a stale lock left by a killed fnox does not block the next write', async () => {
    const file = join(box.project, 'fnox.toml');
    writeFileSync(file, PLAIN);
    const lock = `${file}.lock`;
    mkdirSync(lock);
    const old = new Date(Date.now() - 60_000);
    utimesSync(lock, old, old);
    const r = await box.run(['set', 'AFTER_STALE', 'v', '-p', 'pl']);
    expect(r.code, r.stderr).toBe(0);
    expect(readEntries(file)).toContain('AFTER_STALE = ');
    expect(() => statSync(lock)).toThrow();
  });
});

/** The syscalls of one `fnox set`, with paths for every fd (`strace -y`). */
function straceSet(box: Sandbox, key: string): string[] {
  const log = join(box.home, `strace-${key}.log`);
  execFileSync('strace', ['-f', '-y', '-qq', '-e', 'trace=fsync,fdatasync,rename,renameat,renameat2', '-o', log, process.execPath, FNOX_BIN, 'set', key, 'v', '-p', 'pl'], {
    cwd: box.project,
    env: box.env,
    stdio: 'ignore',
  });
  return readFileSync(log, 'utf8').split('\n');
}

describe('durability (strace of a real fnox set)', () => {
  it('fsyncs the temp file before renaming it over fnox.toml, and the directory after', () => {
    const file = join(box.project, 'fnox.toml');
    writeFileSync(file, PLAIN);
    const lines = straceSet(box, 'DURABLE');
    const renameAt = lines.findIndex((line) => /rename(at2?)?\(.*fnox\.toml\.[0-9a-f]+.*fnox\.toml"/.test(line));
    expect(renameAt, lines.join('\n')).toBeGreaterThan(-1);
    const tempName = /"([^"]*fnox\.toml\.[0-9a-f]+)"/.exec(lines[renameAt]!)![1]!;
    const fileSync = lines.findIndex((line) => /\bf(data)?sync\(\d+</.test(line) && line.includes(`<${tempName}>`));
    expect(fileSync, `temp file fsync in:\n${lines.join('\n')}`).toBeGreaterThan(-1);
    expect(fileSync).toBeLessThan(renameAt);
    const dirSync = lines.findIndex((line, i) => i > renameAt && /\bfsync\(\d+</.test(line) && line.includes(`<${box.project}>`));
    expect(dirSync, `directory fsync after the rename in:\n${lines.join('\n')}`).toBeGreaterThan(renameAt);
    expect(readEntries(file)).toContain('DURABLE = ');
  });

  it('for a symlinked fnox.toml, the real directory is the one fsynced', () => {
    const dotfiles = join(box.home, 'dotfiles');
    mkdirSync(dotfiles);
    writeFileSync(join(dotfiles, 'fnox.toml'), PLAIN);
    symlinkSync(join(dotfiles, 'fnox.toml'), join(box.project, 'fnox.toml'));
    const lines = straceSet(box, 'LINKED');
    const renameAt = lines.findIndex((line) => /rename(at2?)?\(/.test(line) && line.includes(`${dotfiles}/fnox.toml"`));
    expect(renameAt, lines.join('\n')).toBeGreaterThan(-1);
    expect(lines.some((line, i) => i > renameAt && /\bfsync\(\d+</.test(line) && line.includes(`<${dotfiles}>`))).toBe(true);
  });
});
