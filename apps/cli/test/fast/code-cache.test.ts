import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { identityToRecipient } from '@fnox/provider-age';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sandbox, type FnoxResult, type Sandbox } from '@fnox/test-kit';

// The V8 code cache of the fast bundle may change speed, never behaviour: whatever state the
// cache is in, fnox prints the same bytes and exits the same way, with nothing extra on stderr.

const CODE_CACHE_CJS = fileURLToPath(new URL('../../dist/code-cache.cjs', import.meta.url));
/** An age test vector (vendored in provider-age): an identity and an armored file of "age". */
const AGE_VECTOR = fileURLToPath(new URL('../../../../packages/provider-age/test/vectors/age-cctv/vectors/armor_x25519', import.meta.url));
const NOBODY = 65534;
const MAGIC = 'fnox-v8-cache-2\n'.length;
const SIGNATURE = 40; // the module file's dev, ino, size, mtime and ctime when it was hashed
const HEADER = MAGIC + SIGNATURE + 32;
const CONFIG = '[providers.plain]\ntype = "plain"\n\n[secrets]\nA = { provider = "plain", value = "hello" }\nB = { default = "b" }\n';
const COMMANDS: readonly (readonly string[])[] = [
  ['get', 'A'],
  ['exec', '--', 'sh', '-c', 'printf "%s|%s" "$A" "$B"'],
  ['export', '-f', 'shell'],
  ['get', 'NOPE'],
];

let box: Sandbox;
let cacheDir: string;
beforeEach(() => {
  box = sandbox();
  cacheDir = join(box.home, '.cache', 'fnox', 'code-cache');
  writeFileSync(join(box.project, 'fnox.toml'), CONFIG);
});
afterEach(() => box.cleanup());

const cacheFiles = () => (existsSync(cacheDir) ? readdirSync(cacheDir).map((name) => join(cacheDir, name)) : []);
const view = (r: FnoxResult) => ({ stdout: r.stdout, stderr: r.stderr, code: r.code });

/** Every command's output without the cache: what every cache state must reproduce. */
async function reference(): Promise<ReturnType<typeof view>[]> {
  return Promise.all(COMMANDS.map(async (args) => view(await box.run(args, { env: { FNOX_NO_CODE_CACHE: '1' } }))));
}

async function expectUnchanged(expected: ReturnType<typeof view>[]): Promise<void> {
  for (const [i, args] of COMMANDS.entries()) expect(view(await box.run(args)), args.join(' ')).toEqual(expected[i]);
}

/** A cache made by one real run; returns its single file. */
async function primed(): Promise<string> {
  expect((await box.run(['get', 'A'])).code).toBe(0);
  const files = cacheFiles();
  expect(files).toHaveLength(1);
  return files[0]!;
}

/** Load a tiny module through the built loader in a fresh node and report the cache's verdict. */
function verdict(module: string): string {
  const script = `const r = require(${JSON.stringify(CODE_CACHE_CJS)}).loadWithCodeCache(${JSON.stringify(module)}); process.stdout.write(r.status + ':' + r.exports.answer)`;
  const result = spawnSync(process.execPath, ['-e', script], { env: box.env, encoding: 'utf8' });
  expect(result.stderr).toBe('');
  return result.stdout;
}

describe('code cache', () => {
  it('is written on first use, 0600 files in a 0700 dir, and leaves output unchanged', async () => {
    const expected = await reference();
    expect(existsSync(cacheDir)).toBe(false); // FNOX_NO_CODE_CACHE=1 wrote nothing
    await expectUnchanged(expected); // first run: no cache yet, written at exit
    expect(cacheFiles()).toHaveLength(3); // one per hot command run: get, exec, export
    expect(statSync(cacheDir).mode & 0o777).toBe(0o700);
    expect(statSync(join(cacheDir, '..')).mode & 0o777).toBe(0o700);
    const files = new Map(cacheFiles().map((file) => [file, readFileSync(file)]));
    for (const file of files.keys()) expect(statSync(file).mode & 0o777).toBe(0o600);
    await expectUnchanged(expected); // from cache: accepted, so not rewritten
    for (const [file, bytes] of files) expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('FNOX_NO_CODE_CACHE=1 neither reads nor writes it', async () => {
    for (const args of COMMANDS) await box.run(args, { env: { FNOX_NO_CODE_CACHE: '1' } });
    expect(existsSync(cacheDir)).toBe(false);
  });

  it.each([
    [
      'stale (the bundle changed)',
      (file: string) => {
        const bytes = readFileSync(file);
        bytes[MAGIC + SIGNATURE - 1] ^= 0xff; // another file identity...
        bytes[HEADER - 1] ^= 0xff; // ...and other bytes
        writeFileSync(file, bytes);
      },
    ],
    [
      'from a touched bundle (same bytes, new stat)',
      (file: string) => {
        const bytes = readFileSync(file);
        bytes[MAGIC + SIGNATURE - 1] ^= 0xff; // re-hashed, found equal, header refreshed
        writeFileSync(file, bytes);
      },
    ],
    [
      'corrupt (V8 rejects it)',
      (file: string) => {
        const bytes = readFileSync(file);
        bytes.fill(0x41, HEADER, HEADER + 64);
        writeFileSync(file, bytes);
      },
    ],
    ['truncated', (file: string) => writeFileSync(file, readFileSync(file).subarray(0, HEADER + 100))],
    ['garbage', (file: string) => writeFileSync(file, 'not a cache at all')],
    ['empty', (file: string) => writeFileSync(file, '')],
  ] as const)('a %s cache file changes nothing and is rewritten', async (_name, spoil) => {
    const expected = await reference();
    const file = await primed();
    const good = readFileSync(file);
    spoil(file);
    const spoiled = readFileSync(file);
    await expectUnchanged(expected);
    const rewritten = readFileSync(file);
    expect(rewritten.equals(spoiled)).toBe(false);
    expect(rewritten.subarray(0, HEADER).equals(good.subarray(0, HEADER))).toBe(true);
    expect(rewritten.length).toBeGreaterThan(HEADER + 1000);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('a module with UTF-8 text loads it intact, cached or not (ASCII modules are decoded as latin1)', () => {
    const fixture = join(box.home, 'answer.cjs');
    writeFileSync(fixture, "exports.answer = 'clé ✓ 🔑';\n");
    expect(verdict(fixture)).toBe('miss:clé ✓ 🔑');
    expect(verdict(fixture)).toBe('hit:clé ✓ 🔑');
    writeFileSync(fixture, "exports.answer = 'plain';\n");
    expect(verdict(fixture)).toBe('stale:plain');
    expect(verdict(fixture)).toBe('hit:plain');
  });

  it.each([
    ['owned by another user', (file: string) => chownSync(file, NOBODY, NOBODY)],
    ['writable by others', (file: string) => chmodSync(file, 0o622)],
    [
      'a symlink',
      (file: string) => {
        copyFileSync(file, `${file}.real`);
        rmSync(file);
        symlinkSync(`${file}.real`, file);
      },
    ],
  ] as const)('a cache file %s is never read, and output is unchanged', async (_name, spoil) => {
    const expected = await reference();
    await primed();
    const fixture = join(box.home, 'answer.cjs');
    writeFileSync(fixture, 'exports.answer = 42;\n');
    expect(verdict(fixture)).toBe('miss:42');
    expect(verdict(fixture)).toBe('hit:42'); // positive control: a trusted file is used
    for (const file of cacheFiles()) spoil(file);
    expect(verdict(fixture)).toBe('untrusted:42');
    await expectUnchanged(expected);
  });

  it('bytecode in a cache file a checkout could have made (0644, in a 0755 dir) is never run', () => {
    const fixture = join(box.home, 'answer.cjs');
    writeFileSync(fixture, 'exports.answer = 42;\n');
    expect(verdict(fixture)).toBe('miss:42');
    const [file] = cacheFiles();
    // Someone else's bytecode for a source of the same length (V8 checks the length, not the text),
    // behind the genuine header (the SHA-256 of a public module is no secret).
    const craft = `const vm = require('node:vm'), M = require('node:module'); process.stdout.write(new vm.Script(M.wrap('exports.answer = 66;\\n'), { filename: ${JSON.stringify(fixture)} }).createCachedData().toString('base64'))`;
    const crafted = Buffer.from(spawnSync(process.execPath, ['-e', craft], { encoding: 'utf8' }).stdout, 'base64');
    writeFileSync(file!, Buffer.concat([readFileSync(file!).subarray(0, HEADER), crafted]));
    chmodSync(file!, 0o600);
    expect(verdict(fixture)).toBe('hit:66'); // positive control: owner-only, the crafted bytecode would run
    chmodSync(file!, 0o644);
    expect(verdict(fixture)).toBe('untrusted:42');
    chmodSync(file!, 0o600);
    chmodSync(cacheDir, 0o755);
    expect(verdict(fixture)).toBe('unavailable:42');
  });

  it('a cache dir owned by another user or writable by others is not used', async () => {
    const expected = await reference();
    await primed();
    const fixture = join(box.home, 'answer.cjs');
    writeFileSync(fixture, 'exports.answer = 7;\n');
    verdict(fixture);
    expect(verdict(fixture)).toBe('hit:7');
    chownSync(cacheDir, NOBODY, NOBODY);
    expect(verdict(fixture)).toBe('unavailable:7');
    await expectUnchanged(expected);
    chownSync(cacheDir, process.getuid!(), process.getgid!());
    chmodSync(cacheDir, 0o777);
    expect(verdict(fixture)).toBe('unavailable:7');
    await expectUnchanged(expected);
    chmodSync(cacheDir, 0o700);
    expect(verdict(fixture)).toBe('hit:7');
  });

  it('a read-only or impossible cache dir changes nothing', async () => {
    const expected = await reference();
    await primed();
    chmodSync(cacheDir, 0o500); // root ignores mode bits: the write still succeeds there
    await expectUnchanged(expected);
    chmodSync(cacheDir, 0o700);
    const blocker = join(box.home, 'not-a-dir');
    writeFileSync(blocker, '');
    const env = { XDG_CACHE_HOME: join(blocker, 'cache') }; // mkdir fails: ENOTDIR
    for (const [i, args] of COMMANDS.entries()) expect(view(await box.run(args, { env }))).toEqual(expected[i]);
  });

  it('an existing fnox cache dir left as it is keeps working', async () => {
    mkdirSync(join(box.home, '.cache', 'fnox'), { recursive: true, mode: 0o755 });
    const expected = await reference();
    await expectUnchanged(expected);
    expect(cacheFiles()).toHaveLength(3);
  });

  it('prunes files of other builds untouched for 30 days when it writes; a file in use is refreshed, not pruned', async () => {
    const file = await primed(); // the `get` cache, in use
    const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 60 * 60 * 1000);
    const age = (path: string, days: number) => utimesSync(path, daysAgo(days), daysAgo(days));
    const plant = (name: string, days: number) => {
      writeFileSync(join(cacheDir, name), 'x', { mode: 0o600 });
      age(join(cacheDir, name), days);
    };
    plant('00000000000000other-node.bin', 31); // another Node build: gone
    plant('00000000000000recent-one.bin', 10); // recent: kept
    plant('left-by-a-killed-writer.tmp', 2); // a crashed write: gone
    plant('being-written-now.tmp', 0); // a concurrent write: kept
    plant('not-ours.txt', 100); // not a name fnox writes: kept
    age(file, 40);
    expect((await box.run(['get', 'A'])).code).toBe(0); // a hit: refreshed, nothing written
    expect(Date.now() - statSync(file).mtimeMs).toBeLessThan(60_000);
    expect(readdirSync(cacheDir)).toHaveLength(6); // positive control: a hit prunes nothing
    expect((await box.run(['exec', '--', 'true'])).code).toBe(0); // a miss: written, pruned
    const left = readdirSync(cacheDir);
    const kept = [file.split('/').at(-1)!, '00000000000000recent-one.bin', 'being-written-now.tmp', 'not-ours.txt'];
    expect(left.filter((name) => !kept.includes(name))).toEqual([expect.stringMatching(/^[0-9a-f]{28}\.bin$/)]); // exec's new cache
    expect(kept.every((name) => left.includes(name))).toBe(true);
  });

  it('keeps one cache per hot command (aliases and global flags included), so each holds the code its command runs', async () => {
    await primed(); // get
    const run = async (args: string[]) => expect((await box.run(args)).code).toBe(0);
    await run(['exec', '--', 'true']);
    expect(cacheFiles()).toHaveLength(2);
    const files = new Map(cacheFiles().map((file) => [file, readFileSync(file)]));
    await run(['x', '--', 'true']); // exec's alias: exec's cache, accepted as it is
    await run(['-P', 'default', 'get', 'A']);
    await run(['get', 'B']);
    expect(cacheFiles()).toHaveLength(2);
    for (const [file, bytes] of files) expect(readFileSync(file).equals(bytes), file).toBe(true);
    await run(['export']);
    expect(cacheFiles()).toHaveLength(3);
  });

  it('runs the age provider from its CommonJS twin, cached, with the same output (binary and armored values)', async () => {
    const vector = readFileSync(AGE_VECTOR, 'latin1');
    const identity = /identity: (\S+)/.exec(vector)![1]!;
    const armored = vector.slice(vector.indexOf('-----BEGIN'));
    const binary = armored
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith('-----'))
      .join('');
    const keyFile = join(box.home, 'age.txt');
    writeFileSync(keyFile, `${identity}\n`, { mode: 0o600 });
    writeFileSync(
      join(box.project, 'fnox.toml'),
      `[providers.age]\ntype = "age"\nrecipients = ["${identityToRecipient(identity)}"]\n\n[secrets]\nBIN = { provider = "age", value = "${binary}" }\nARM = { provider = "age", value = \"\"\"${armored}\"\"\" }\n`,
    );
    const env = { FNOX_AGE_KEY_FILE: keyFile };
    for (const args of [
      ['get', 'BIN'],
      ['get', 'ARM'],
      ['export', '-f', 'shell'],
    ]) {
      const off = view(await box.run(args, { env: { ...env, FNOX_NO_CODE_CACHE: '1' } }));
      expect(off.code, args.join(' ')).toBe(0);
      expect(off.stdout).toContain('age');
      expect(view(await box.run(args, { env })), `${args.join(' ')} (cache written)`).toEqual(off);
      expect(view(await box.run(args, { env })), `${args.join(' ')} (from cache)`).toEqual(off);
    }
    expect(cacheFiles()).toHaveLength(3); // the fast bundle for get and for export, and provider-age's dist/provider.cjs
  });
});
