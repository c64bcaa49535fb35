/** fnox trust as a library: which files a PATH names, untrust, list and explain, and the store's failure paths. */
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FnoxError } from '../../src/errors.js';
import { createSession } from '../../src/session.js';
import { unsafeOwnership } from '../../src/trust/file-safety.js';
import { contentDigest, recordPath, trustDir } from '../../src/trust/trust-dir.js';
import { configFilesIn, explainTrust, listTrusted, trustFiles, untrustFiles } from '../../src/trust/trust-ops.js';
import { listTrustRecords, readTrustRecord, removeTrustRecord, writeTrustRecord } from '../../src/trust/trust-store.js';
import { realPathOf, trustedPrefixes } from '../../src/trust/trusted-paths.js';
import { trustVerdict, untrustedReason } from '../../src/trust/verdict.js';

let root: string;
let project: string;
let env: NodeJS.ProcessEnv;

beforeEach(() => {
  root = realPathOf(mkdtempSync(join(tmpdir(), 'fnox-trust-ops-')));
  project = join(root, 'project');
  mkdirSync(join(project, 'sub'), { recursive: true });
  chmodSync(project, 0o755);
  env = { HOME: root, XDG_CONFIG_HOME: join(root, '.config'), XDG_DATA_HOME: join(root, 'data') };
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const session = (cwd = project) => createSession({ cwd, env });
const write = (name: string, text = '') => {
  writeFileSync(join(project, name), text);
  return join(project, name);
};

function thrown(fn: () => unknown): FnoxError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(FnoxError);
    return error as FnoxError;
  }
  throw new Error('expected a FnoxError');
}

describe('which files fnox trust covers', () => {
  it('a directory means its fnox config files, sorted, and nothing else', () => {
    // Created out of order, so a listing in creation order (or its reverse) is not already sorted.
    for (const name of [
      'fnox.prod.toml',
      'fnox.toml',
      '.fnox.local.toml',
      'fnox.toml.bak',
      'xfnox.toml',
      'fnox.txt',
      'fnox..toml',
      'other.toml',
      '.fnox.toml',
      'fnox.a.toml',
      'fnoxtoml',
      'fnox.tomlx',
    ])
      write(name);
    mkdirSync(join(project, 'fnox.dir.toml'));
    expect(configFilesIn(project).map((f) => f.slice(project.length + 1))).toEqual([
      '.fnox.local.toml',
      '.fnox.toml',
      'fnox.a.toml',
      'fnox.prod.toml',
      'fnox.toml',
    ]);
    expect(configFilesIn(join(root, 'missing'))).toEqual([]);
  });

  it('no PATH means the nearest directory, from the working directory up, that has config files', () => {
    const file = write('fnox.toml');
    const outcomes = trustFiles(session(join(project, 'sub')));
    expect(outcomes).toEqual([{ file, realPath: file, action: 'trusted' }]);
    const record = readTrustRecord(env, file)!;
    expect(record.sha256).toBe(contentDigest(readFileSync(file)));
    expect(Date.parse(record.trustedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(record.forced).toBeUndefined();
  });

  it('names what is missing: no config anywhere up, an empty directory, a path that is nothing', () => {
    const lonely = join(root, 'lonely');
    mkdirSync(lonely);
    const none = thrown(() => trustFiles(session(lonely)));
    expect(none.code).toBe('trust_no_config');
    expect(none.message).toBe(`No fnox config file in ${lonely} or any parent directory`);
    expect(none.hint).toBe('Give the file or directory to trust: fnox trust PATH');
    const empty = thrown(() => trustFiles(session(), { path: 'sub' }));
    expect(empty.code).toBe('trust_no_config');
    expect(empty.message).toBe(`No fnox config file in ${join(project, 'sub')}`);
    expect(empty.hint).toBe('Give the config file itself: fnox trust PATH/fnox.toml');
    const nothing = thrown(() => trustFiles(session(), { path: 'nope.toml' }));
    expect(nothing.code).toBe('trust_no_config');
    expect(nothing.message).toBe(`${join(project, 'nope.toml')} is not a file or directory`);
    expect(nothing.hint).toBe('Check the path given to fnox trust.');
    expect(listTrustRecords(env)).toEqual([]);
  });

  it('a PATH is relative to the working directory and may start with ~', () => {
    const file = write('fnox.toml');
    expect(trustFiles(session(join(project, 'sub')), { path: '..' }).map((o) => o.file)).toEqual([file]);
    expect(trustFiles(session(root), { path: '~/project/fnox.toml' }).map((o) => o.realPath)).toEqual([file]);
  });

  it('refuses a file another user could replace unless forced, and records why with it', () => {
    write('fnox.toml');
    const unsafe = join(root, 'shared');
    mkdirSync(unsafe);
    chmodSync(unsafe, 0o777);
    writeFileSync(join(unsafe, 'fnox.toml'), '');
    expect(() => trustFiles(session(), { path: join(unsafe, 'fnox.toml') })).toThrow(/Refusing to trust/);
    const error = thrown(() => trustFiles(session(unsafe)));
    expect(error.code).toBe('trust_unsafe_file');
    expect(error.hint).toBe(`Check who controls it; \`fnox trust --force ${join(unsafe, 'fnox.toml')}\` trusts it anyway.`);
    expect(listTrustRecords(env)).toEqual([]);
    const [forced] = trustFiles(session(unsafe), { force: true });
    expect(forced).toMatchObject({ action: 'trusted', forced: expect.stringMatching(/writable by anyone/) });
    expect(readTrustRecord(env, join(unsafe, 'fnox.toml'))?.forced).toBe(forced!.forced);
  });
});

describe('untrust, list and explain', () => {
  it('untrust removes the record, reports unchanged when there was none, and accepts a deleted file', () => {
    const file = write('fnox.toml');
    trustFiles(session());
    expect(untrustFiles(session())).toEqual([{ file, realPath: file, action: 'untrusted' }]);
    expect(untrustFiles(session())).toEqual([{ file, realPath: file, action: 'unchanged' }]);
    trustFiles(session());
    rmSync(file);
    expect(untrustFiles(session(), { path: 'fnox.toml' })).toEqual([{ file, realPath: file, action: 'untrusted' }]);
    expect(untrustFiles(session(), { path: 'sub' })).toEqual([]);
  });

  it('lists every record with its state now: trusted, changed or missing', () => {
    const a = write('fnox.toml', 'a');
    const b = write('fnox.b.toml', 'b');
    const c = write('fnox.c.toml', 'c');
    trustFiles(session());
    writeFileSync(b, 'edited');
    rmSync(c);
    const listed = listTrusted(session());
    expect(listed.map((e) => [e.path, e.state])).toEqual([
      [b, 'changed'],
      [c, 'missing'],
      [a, 'trusted'],
    ]);
    expect(listed.every((e) => e.trustedAt !== '' && e.forced === undefined)).toBe(true);
    chmodSync(project, 0o777);
    trustFiles(session(), { path: a, force: true });
    expect(listTrusted(session()).find((e) => e.path === a)?.forced).toMatch(/writable by anyone/);
  });

  it('explains every file discovery finds, nearest first, the global config last, imports not followed', () => {
    const file = write('fnox.toml', 'import = ["other.toml"]\n');
    write('other.toml');
    writeFileSync(join(root, 'fnox.toml'), '');
    mkdirSync(join(root, '.config', 'fnox'), { recursive: true });
    writeFileSync(join(root, '.config', 'fnox', 'config.toml'), '');
    trustFiles(session());
    const explained = explainTrust(session(join(project, 'sub')));
    expect(explained.map((e) => [e.verdict.path, e.verdict.reason])).toEqual([
      [file, 'record'],
      [join(root, 'fnox.toml'), 'not-trusted'],
      [join(root, '.config', 'fnox', 'config.toml'), 'global'],
    ]);
    // No `unsafe` key at all for a safe file (a JSON consumer would see `"unsafe": null` otherwise).
    expect(explained.every((e) => !Object.hasOwn(e, 'unsafe'))).toBe(true);
    chmodSync(project, 0o777);
    expect(explainTrust(session(), { path: 'fnox.toml' })[0]?.unsafe).toMatch(/writable by anyone/);
    chmodSync(project, 0o755);
    expect(explainTrust(session(), { path: 'fnox.toml' }).map((e) => e.verdict.path)).toEqual([file]);
    expect(() => explainTrust(session(), { path: 'sub' })).toThrow(/No fnox config file/);
  });

  it('names the global config after the discovered files', () => {
    const globalDir = join(project, 'global');
    mkdirSync(globalDir);
    writeFileSync(join(globalDir, 'config.toml'), '');
    writeFileSync(join(globalDir, 'fnox.toml'), '');
    const s = createSession({ cwd: globalDir, env: { ...env, FNOX_CONFIG_DIR: globalDir } });
    expect(explainTrust(s).map((e) => e.verdict.path)).toEqual([join(globalDir, 'fnox.toml'), join(globalDir, 'config.toml')]);
  });

  it('says why a file is not trusted', () => {
    const file = write('fnox.toml');
    const verdict = trustVerdict(file, readFileSync(file), env);
    expect(untrustedReason(verdict)).toBe(`${file} is not trusted`);
    expect(trustVerdict(join(root, '.config', 'fnox', 'config.toml'), Buffer.from(''), env)).toMatchObject({ trusted: true, reason: 'global' });
    expect(untrustedReason({ ...verdict, reason: 'changed' })).toBe(`${file} changed since you trusted it`);
    expect(untrustedReason({ ...verdict, path: '/a\u001b[2J' })).toBe('/a\\u001b[2J is not trusted');
  });
});

describe('trust store edges', () => {
  it('reads the record fields it knows and ignores wrong types', () => {
    mkdirSync(trustDir(env), { recursive: true });
    const put = (path: string, record: unknown) => writeFileSync(recordPath(env, path), JSON.stringify(record));
    put('/a', { path: '/a', sha256: 'x' });
    expect(readTrustRecord(env, '/a')).toEqual({ path: '/a', sha256: 'x', trustedAt: '' });
    put('/a', { path: '/a', sha256: 'x', trusted_at: 5, forced: 7 });
    expect(readTrustRecord(env, '/a')).toEqual({ path: '/a', sha256: 'x', trustedAt: '' });
    put('/a', { path: '/a', sha256: 'x', trusted_at: 't', forced: 'f' });
    expect(readTrustRecord(env, '/a')).toEqual({ path: '/a', sha256: 'x', trustedAt: 't', forced: 'f' });
    put('/a', { path: '/a', sha256: 1 });
    expect(readTrustRecord(env, '/a')).toBeUndefined();
    put('/a', { path: 1, sha256: 'x' });
    expect(readTrustRecord(env, '/a')).toBeUndefined();
    put('/a', null);
    expect(readTrustRecord(env, '/a')).toBeUndefined();
  });

  it('lists only .json records that parse, sorted by path', () => {
    const paths = ['/m', '/b', '/z', '/a', '/q', '/c', '/k', '/e'];
    for (const path of paths) writeTrustRecord(env, { path, sha256: 'x', trustedAt: 't' });
    writeFileSync(join(trustDir(env), 'junk.json'), 'not json');
    writeFileSync(join(trustDir(env), 'note.txt'), JSON.stringify({ path: '/txt', sha256: 'x' }));
    writeFileSync(join(trustDir(env), 'num.json'), JSON.stringify({ path: 5, sha256: 'x' }));
    mkdirSync(join(trustDir(env), 'dir.json'));
    expect(listTrustRecords(env).map((r) => r.path)).toEqual([...paths].sort());
    expect(listTrustRecords({ ...env, XDG_DATA_HOME: join(root, 'none') })).toEqual([]);
  });

  it('a failed write is a trust_store_failed error and leaves no temp file behind', () => {
    mkdirSync(trustDir(env), { recursive: true });
    mkdirSync(recordPath(env, '/a'));
    writeFileSync(join(recordPath(env, '/a'), 'x'), '');
    const error = thrown(() => writeTrustRecord(env, { path: '/a', sha256: 'x', trustedAt: 't' }));
    expect(error.code).toBe('trust_store_failed');
    expect(error.message).toBe(`Could not record trust in ${trustDir(env)}`);
    expect((error.cause as NodeJS.ErrnoException).code).toMatch(/^E/);
    expect(readdirSync(trustDir(env)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    const blocked = { ...env, XDG_DATA_HOME: join(root, 'file') };
    writeFileSync(join(root, 'file'), '');
    expect(thrown(() => writeTrustRecord(blocked, { path: '/a', sha256: 'x', trustedAt: 't' })).code).toBe('trust_store_failed');
  });

  it('records forced only when given, and a failed removal other than "none" is an error', () => {
    writeTrustRecord(env, { path: '/a', sha256: 'x', trustedAt: 't' });
    expect(JSON.parse(readFileSync(recordPath(env, '/a'), 'utf8'))).toEqual({ path: '/a', sha256: 'x', trusted_at: 't' });
    writeTrustRecord(env, { path: '/a', sha256: 'y', trustedAt: 'u', forced: 'f' });
    expect(JSON.parse(readFileSync(recordPath(env, '/a'), 'utf8'))).toEqual({ path: '/a', sha256: 'y', trusted_at: 'u', forced: 'f' });
    expect(readFileSync(recordPath(env, '/a'), 'utf8').endsWith('}\n')).toBe(true);
    rmSync(recordPath(env, '/a'));
    mkdirSync(recordPath(env, '/a'));
    const error = thrown(() => removeTrustRecord(env, '/a'));
    expect(error.code).toBe('trust_store_failed');
    expect(error.message).toBe('Could not remove the trust record of /a');
    expect((error.cause as NodeJS.ErrnoException).code).toMatch(/^E/);
  });

  it('works where the platform has no uids', () => {
    const getuid = process.getuid;
    try {
      (process as { getuid?: () => number }).getuid = undefined;
      writeTrustRecord(env, { path: '/a', sha256: 'x', trustedAt: 't' });
    } finally {
      process.getuid = getuid;
    }
    expect(readTrustRecord(env, '/a')?.sha256).toBe('x');
  });

  it('creates the data directory private too, and refuses a trust directory owned by someone else', () => {
    writeTrustRecord(env, { path: '/a', sha256: 'x', trustedAt: 't' });
    expect(statSync(join(root, 'data', 'fnox')).mode & 0o777).toBe(0o700);
    if (process.getuid?.() === 0) {
      chownSync(trustDir(env), 65534, 65534);
      const error = thrown(() => writeTrustRecord(env, { path: '/b', sha256: 'x', trustedAt: 't' }));
      expect(error.code).toBe('trust_store_failed');
      expect(error.message).toBe(`The trust directory ${trustDir(env)} is not a directory owned by you`);
      expect(error.hint).toBe(`Remove ${trustDir(env)}; fnox creates it again, private to you.`);
    }
  });
});

describe('trusted paths and ownership edges', () => {
  it('FNOX_TRUSTED_CONFIG_PATHS: unset or empty trusts nothing; a missing path is kept normalised', () => {
    expect(trustedPrefixes({})).toEqual([]);
    expect(trustedPrefixes({ FNOX_TRUSTED_CONFIG_PATHS: '' })).toEqual([]);
    expect(trustedPrefixes({ FNOX_TRUSTED_CONFIG_PATHS: '/no/such/../dir:' })).toEqual(['/no/dir']);
    expect(trustedPrefixes({ FNOX_TRUSTED_CONFIG_PATHS: 'relative:./also:/abs' })).toEqual(['/abs']);
    symlinkSync(project, join(root, 'alias'));
    expect(trustedPrefixes({ FNOX_TRUSTED_CONFIG_PATHS: join(root, 'alias') })).toEqual([project]);
  });

  it('a file and directory owned by the user, or by root, are fine; only other owners are not', () => {
    const file = write('fnox.toml');
    const me = process.getuid!();
    expect(unsafeOwnership(file, me)).toBeUndefined();
    if (me === 0) {
      // Root's files for an ordinary user: fine (root can replace anything anyway).
      expect(unsafeOwnership(file, 4242)).toBeUndefined();
      chownSync(file, 4242, 4242);
      chownSync(project, 4242, 4242);
      expect(unsafeOwnership(file, 4242)).toBeUndefined();
      chownSync(project, 0, 0);
      expect(unsafeOwnership(file, 4242)).toBeUndefined();
      expect(unsafeOwnership(file, 4343)).toBe('it is owned by another user (uid 4242)');
    }
  });

  it('no uid (a platform without them) means no ownership problem; a foreign directory is one', () => {
    const file = write('fnox.toml');
    chmodSync(project, 0o777);
    const getuid = process.getuid;
    try {
      (process as { getuid?: () => number }).getuid = undefined;
      expect(unsafeOwnership(file)).toBeUndefined();
    } finally {
      process.getuid = getuid;
    }
    expect(unsafeOwnership(file)).toMatch(/writable by anyone/);
    chmodSync(project, 0o755);
    if (process.getuid?.() === 0) {
      chownSync(project, 65534, 65534);
      expect(unsafeOwnership(file, 0)).toBe(`its directory ${project} is owned by another user (uid 65534)`);
      chownSync(project, 0, 0);
      chmodSync(project, 0o757);
      expect(unsafeOwnership(file, 0)).toBe(`its directory ${project} is writable by anyone (no sticky bit), so the file can be replaced`);
      chmodSync(project, 0o775);
      expect(unsafeOwnership(file, 0)).toBe(`its directory ${project} is writable by its group (no sticky bit), so the file can be replaced`);
    }
  });
});
