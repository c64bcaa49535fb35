/** The trust store and verdict as a library: records, content binding, prefixes, ownership, writes. */
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commitConfigWrite } from '../../src/config/commit-write.js';
import { loadConfigSync } from '../../src/config/load.js';
import { createSession } from '../../src/session.js';
import { unsafeOwnership } from '../../src/trust/file-safety.js';
import { isUnder, trustedPrefixOf } from '../../src/trust/trusted-paths.js';
import { contentDigest, recordPath, trustDir } from '../../src/trust/trust-dir.js';
import { listTrustRecords, readTrustRecord, removeTrustRecord, writeTrustRecord } from '../../src/trust/trust-store.js';
import { explainTrust, trustFiles, untrustFiles } from '../../src/trust/trust-ops.js';
import { trustCommand, trustVerdict } from '../../src/trust/verdict.js';

let root: string;
let project: string;
let env: NodeJS.ProcessEnv;
const file = () => join(project, 'fnox.toml');

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'fnox-trust-test-'));
  project = join(root, 'project');
  mkdirSync(project);
  env = { HOME: root, XDG_CONFIG_HOME: join(root, '.config'), XDG_DATA_HOME: join(root, 'data') };
  writeFileSync(file(), '[secrets]\nA = { default = "a" }\n');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const session = () => createSession({ cwd: project, env });
const verdictOf = (path = file()) => trustVerdict(path, readFileSync(path), env);

describe('trust store', () => {
  it('lives in $XDG_DATA_HOME/fnox/trust, else ~/.local/share; a relative XDG_DATA_HOME is ignored', () => {
    expect(trustDir(env)).toBe(join(root, 'data', 'fnox', 'trust'));
    expect(trustDir({ HOME: root, XDG_DATA_HOME: 'rel' })).toBe(join(root, '.local', 'share', 'fnox', 'trust'));
  });

  it('writes private records atomically, reads them back, lists and removes them', () => {
    writeTrustRecord(env, { path: '/x/fnox.toml', sha256: 'ab', trustedAt: 't' });
    expect(statSync(trustDir(env)).mode & 0o777).toBe(0o700);
    expect(statSync(recordPath(env, '/x/fnox.toml')).mode & 0o777).toBe(0o600);
    expect(readdirSync(trustDir(env)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(readTrustRecord(env, '/x/fnox.toml')).toEqual({ path: '/x/fnox.toml', sha256: 'ab', trustedAt: 't' });
    expect(readTrustRecord(env, '/y/fnox.toml')).toBeUndefined();
    writeTrustRecord(env, { path: '/a/fnox.toml', sha256: 'cd', trustedAt: 't', forced: 'why' });
    expect(listTrustRecords(env).map((r) => r.path)).toEqual(['/a/fnox.toml', '/x/fnox.toml']);
    expect(removeTrustRecord(env, '/x/fnox.toml')).toBe(true);
    expect(removeTrustRecord(env, '/x/fnox.toml')).toBe(false);
  });

  it('a damaged record, or one naming another path, counts as none', () => {
    mkdirSync(trustDir(env), { recursive: true });
    writeFileSync(recordPath(env, file()), '{not json');
    expect(readTrustRecord(env, file())).toBeUndefined();
    writeFileSync(recordPath(env, file()), JSON.stringify({ path: '/elsewhere', sha256: contentDigest(readFileSync(file())) }));
    expect(verdictOf().trusted).toBe(false);
  });

  it('tightens a loose trust directory and refuses one that is not a directory', () => {
    mkdirSync(trustDir(env), { recursive: true, mode: 0o777 });
    chmodSync(trustDir(env), 0o777);
    writeTrustRecord(env, { path: '/x', sha256: 'ab', trustedAt: 't' });
    expect(statSync(trustDir(env)).mode & 0o777).toBe(0o700);
    rmSync(trustDir(env), { recursive: true });
    symlinkSync(root, trustDir(env));
    expect(() => writeTrustRecord(env, { path: '/x', sha256: 'ab', trustedAt: 't' })).toThrow(/not a directory owned by you/);
  });
});

describe('trust verdict', () => {
  it('binds trust to the real path and the content', () => {
    expect(verdictOf()).toMatchObject({ trusted: false, reason: 'not-trusted' });
    trustFiles(session());
    expect(verdictOf()).toMatchObject({ trusted: true, reason: 'record', realPath: file() });
    const link = join(root, 'link');
    symlinkSync(project, link);
    expect(verdictOf(join(link, 'fnox.toml'))).toMatchObject({ trusted: true, realPath: file() });
    writeFileSync(file(), '[secrets]\nA = { default = "b" }\n');
    expect(verdictOf()).toMatchObject({ trusted: false, reason: 'changed' });
    untrustFiles(session());
    expect(verdictOf().reason).toBe('not-trusted');
  });

  it('the global config is trusted', () => {
    mkdirSync(join(root, '.config', 'fnox'), { recursive: true });
    writeFileSync(join(root, '.config', 'fnox', 'config.toml'), '');
    expect(verdictOf(join(root, '.config', 'fnox', 'config.toml')).reason).toBe('global');
  });

  it('FNOX_TRUSTED_CONFIG_PATHS matches on path-segment boundaries, after resolving symlinks', () => {
    expect(isUnder('/a/b/fnox.toml', '/a/b')).toBe(true);
    expect(isUnder('/a/b', '/a/b')).toBe(true);
    expect(isUnder('/a/bc/fnox.toml', '/a/b')).toBe(false);
    expect(isUnder('/a/b/fnox.toml', '/')).toBe(true);
    expect(trustedPrefixOf(file(), { FNOX_TRUSTED_CONFIG_PATHS: `rel::${project}c:${project}` })).toBe(project);
    expect(trustedPrefixOf(file(), { FNOX_TRUSTED_CONFIG_PATHS: `${project}c` })).toBeUndefined();
    symlinkSync(project, join(root, 'alias'));
    expect(trustedPrefixOf(file(), { FNOX_TRUSTED_CONFIG_PATHS: join(root, 'alias') })).toBe(project);
    expect(trustVerdict(file(), readFileSync(file()), { ...env, FNOX_TRUSTED_CONFIG_PATHS: project }).reason).toBe('trusted-path');
  });

  it('quotes the trust command for a shell and escapes control characters', () => {
    expect(trustCommand('/p/fnox.toml')).toBe('fnox trust /p/fnox.toml');
    expect(trustCommand('/p q/fnox.toml', true)).toBe("fnox trust --force '/p q/fnox.toml'");
    expect(trustCommand('/p\u001b[2K/fnox.toml')).not.toContain('\u001b');
  });
});

describe('ownership', () => {
  it('names another owner, a foreign directory and a writable non-sticky directory; root and a sticky dir are fine', () => {
    const uid = process.getuid!();
    expect(unsafeOwnership(file(), uid)).toBeUndefined();
    // Root's files are never "another user's": as root, hand the file to nobody instead.
    if (uid === 0) {
      chownSync(file(), 65534, 65534);
      expect(unsafeOwnership(file(), 0)).toBe('it is owned by another user (uid 65534)');
      chownSync(file(), 0, 0);
    } else {
      expect(unsafeOwnership(file(), uid + 1)).toBe(`it is owned by another user (uid ${uid})`);
    }
    chmodSync(project, 0o777);
    expect(unsafeOwnership(file(), uid)).toBe(`its directory ${project} is writable by anyone (no sticky bit), so the file can be replaced`);
    chmodSync(project, 0o775);
    expect(unsafeOwnership(file(), uid)).toMatch(/writable by its group/);
    chmodSync(project, 0o1777);
    expect(unsafeOwnership(file(), uid)).toBeUndefined();
  });

  it('trustFiles refuses an unsafe file without force and records the reason with it', () => {
    chmodSync(project, 0o777);
    expect(() => trustFiles(session())).toThrow(/Refusing to trust .*writable by anyone/);
    expect(listTrustRecords(env)).toEqual([]);
    expect(trustFiles(session(), { force: true })[0]?.forced).toMatch(/writable by anyone/);
    expect(explainTrust(session())[0]).toMatchObject({ verdict: { trusted: true }, unsafe: expect.stringMatching(/writable/) });
  });
});

describe('loading and writing', () => {
  it('onlyTrusted skips an untrusted file without parsing it (and never reads its imports)', () => {
    writeFileSync(file(), 'import = ["/dev/stdin"]\nthis is not toml');
    const merged = loadConfigSync(session(), { onlyTrusted: true });
    expect(merged.secrets.size).toBe(0);
    expect(merged.trust?.get(file())).toMatchObject({ trusted: false });
    expect(() => loadConfigSync(session())).toThrow();
  });

  it('commitConfigWrite keeps a trusted file trusted, trusts a file it creates, leaves an untrusted one untrusted', async () => {
    trustFiles(session());
    await commitConfigWrite(env, file(), '[secrets]\nA = { default = "new" }\n');
    expect(verdictOf().trusted).toBe(true);
    const created = join(project, 'fnox.local.toml');
    await commitConfigWrite(env, created, '');
    expect(verdictOf(created).trusted).toBe(true);
    untrustFiles(session(), { path: file() });
    await commitConfigWrite(env, file(), '[secrets]\n');
    expect(verdictOf().trusted).toBe(false);
  });

  it('commitConfigWrite never trusts the global config by record (it is trusted by place), nor a file it cannot read', async () => {
    const globalFile = join(root, '.config', 'fnox', 'config.toml');
    mkdirSync(join(globalFile, '..'), { recursive: true });
    writeFileSync(globalFile, '');
    await commitConfigWrite(env, globalFile, '[secrets]\n');
    expect(readTrustRecord(env, globalFile)).toBeUndefined();
    expect(verdictOf(globalFile)).toMatchObject({ trusted: true, reason: 'global' });
    // A path that exists but cannot be read as a file (a directory) is not "created by fnox".
    const dir = join(project, 'fnox.dir.toml');
    mkdirSync(dir);
    await expect(commitConfigWrite(env, dir, '')).rejects.toThrow();
    expect(readTrustRecord(env, dir)).toBeUndefined();
  });

  it('commitConfigWrite refuses a config larger than fnox reads back (bytes, not characters), leaving the file as it was', async () => {
    const before = readFileSync(file(), 'utf8');
    const exactly = `# ${'x'.repeat(1024 * 1024 - 3)}\n`;
    expect(Buffer.byteLength(exactly)).toBe(1024 * 1024);
    await commitConfigWrite(env, file(), exactly); // positive control: the limit itself is allowed
    expect(readFileSync(file(), 'utf8')).toBe(exactly);
    writeFileSync(file(), before);
    const multibyte = `# ${'é'.repeat(512 * 1024)}\n`; // 524,291 characters, 1,048,579 bytes
    await expect(commitConfigWrite(env, file(), multibyte)).rejects.toMatchObject({
      code: 'input_too_large',
      message: `Refusing to write configuration file: ${file()} (it would be 1048579 bytes, more than the 1048576 bytes fnox reads)`,
    });
    await expect(commitConfigWrite(env, file(), `${exactly}x`)).rejects.toMatchObject({ code: 'input_too_large' });
    expect(readFileSync(file(), 'utf8')).toBe(before);
  });
});
