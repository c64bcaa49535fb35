import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sandbox, type FnoxResult, type Sandbox } from '@fnox/test-kit';

// The V8 code cache of the fast bundle may change speed, never behaviour: whatever state the
// cache is in, fnox prints the same bytes and exits the same way, with nothing extra on stderr.

const CODE_CACHE_CJS = fileURLToPath(new URL('../../dist/code-cache.cjs', import.meta.url));
const NOBODY = 65534;
const HEADER = 'fnox-v8-cache-1\n'.length + 32;
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
    const [file] = cacheFiles();
    expect(cacheFiles()).toHaveLength(1);
    expect(statSync(cacheDir).mode & 0o777).toBe(0o700);
    expect(statSync(join(cacheDir, '..')).mode & 0o777).toBe(0o700);
    expect(statSync(file!).mode & 0o777).toBe(0o600);
    const bytes = readFileSync(file!);
    await expectUnchanged(expected); // from cache: accepted, so not rewritten
    expect(readFileSync(file!).equals(bytes)).toBe(true);
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
        bytes[HEADER - 1] ^= 0xff; // the source hash no longer matches
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
    expect(cacheFiles()).toHaveLength(1);
  });
});
