import { createHash, randomBytes } from 'node:crypto';
import { closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readFileSync, readSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { cachedDataVersionTag } from 'node:v8';
import { Script } from 'node:vm';

/**
 * What happened to a module's code cache: `hit` (V8 accepted it), `miss` (none yet), `stale` (the
 * module changed), `rejected` (V8 refused it: other flags, corrupt), `untrusted` (not ours, a
 * symlink, writable by others), `unavailable` (no usable cache dir), `off` (FNOX_NO_CODE_CACHE=1).
 */
export type CodeCacheStatus = 'hit' | 'miss' | 'stale' | 'rejected' | 'untrusted' | 'unavailable' | 'off';

/** A module loaded by {@link loadWithCodeCache}. */
export interface CodeCacheLoad {
  readonly exports: unknown;
  readonly status: CodeCacheStatus;
}

const MAGIC = Buffer.from('fnox-v8-cache-1\n');
const HASH_BYTES = 32;
/** No module of ours produces a cache near this; anything larger is not ours. */
const MAX_CACHE_BYTES = 32 * 1024 * 1024;
const GROUP_OR_OTHER_WRITE = 0o022;

/** `$XDG_CACHE_HOME/fnox/code-cache` (an absolute XDG_CACHE_HOME only, as the spec asks), else `~/.cache/fnox/code-cache`. */
export function codeCacheDir(env: NodeJS.ProcessEnv): string {
  const xdg = env.XDG_CACHE_HOME;
  const base = xdg && isAbsolute(xdg) ? xdg : join(env.HOME || homedir(), '.cache');
  return join(base, 'fnox', 'code-cache');
}

const sha256 = (data: string | Buffer): Buffer => createHash('sha256').update(data).digest();

/** Ours, not a symlink, and nobody else can write it: the only kind of path we read code cache from. */
function trusted(stats: { uid: number; mode: number }, uid: number): boolean {
  return stats.uid === uid && (stats.mode & GROUP_OR_OTHER_WRITE) === 0;
}

/** The cache directory, created 0700 if missing; undefined when it is not one we can trust. */
function openDir(env: NodeJS.ProcessEnv, uid: number): string | undefined {
  try {
    const dir = codeCacheDir(env);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stats = lstatSync(dir);
    return stats.isDirectory() && trusted(stats, uid) ? dir : undefined;
  } catch {
    return undefined;
  }
}

type Read = { readonly kind: 'found'; readonly data: Buffer } | { readonly kind: 'miss' | 'stale' | 'untrusted' };

/** Read a cache file without following a symlink; its owner and mode are checked on the open descriptor. */
function readCache(path: string, sourceHash: Buffer, uid: number): Read {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    return { kind: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'miss' : 'untrusted' };
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile() || !trusted(stats, uid) || stats.size > MAX_CACHE_BYTES) return { kind: 'untrusted' };
    const bytes = Buffer.allocUnsafe(stats.size);
    let filled = 0;
    while (filled < bytes.length) {
      const n = readSync(fd, bytes, filled, bytes.length - filled, filled);
      if (n === 0) break;
      filled += n;
    }
    const header = MAGIC.length + HASH_BYTES;
    if (filled <= header || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return { kind: 'stale' };
    if (!bytes.subarray(MAGIC.length, header).equals(sourceHash)) return { kind: 'stale' };
    return { kind: 'found', data: bytes.subarray(header, filled) };
  } catch {
    return { kind: 'untrusted' };
  } finally {
    closeSync(fd);
  }
}

/** Write beside the target and rename over it, so a reader sees the old file or the new one, never half. */
function writeCache(path: string, sourceHash: Buffer, data: Buffer): void {
  const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  let fd: number | undefined;
  try {
    fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
    for (const part of [MAGIC, sourceHash, data]) {
      for (let done = 0; done < part.length;) done += writeSync(fd, part, done);
    }
    closeSync(fd);
    fd = undefined;
    renameSync(temp, path);
  } catch {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(temp);
    } catch {
      // nothing was created
    }
  }
}

/** One cache file per module path, Node build and V8 flags; the module's content hash lives inside it. */
function cacheFile(dir: string, filename: string, env: NodeJS.ProcessEnv): string {
  const key = JSON.stringify([filename, process.version, process.arch, cachedDataVersionTag(), process.execArgv, env.NODE_OPTIONS ?? '']);
  return join(dir, `${sha256(key).toString('hex').slice(0, 40)}.bin`);
}

/** Run CommonJS source the way Node's loader does, with Node's own module wrapper. */
function runCommonJs(script: Script, filename: string): unknown {
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  const module = new Module(filename) as Module & { filename: string; paths: string[]; loaded: boolean };
  const require = createRequire(filename);
  module.filename = filename;
  module.paths = require.resolve.paths('x') ?? [];
  wrapper.call(module.exports, module.exports, require, module, filename, dirname(filename));
  module.loaded = true;
  return module.exports;
}

/**
 * `require()` a CommonJS file, compiling it with V8 code cache from the user's cache dir when
 * there is a trusted one, and writing a fresh one (atomically, 0600 in a 0700 dir) when there
 * was none or V8 rejected it. The cache only ever affects speed: every cache problem falls back
 * to a plain compile, silently. The module must not use `import()`: a vm.Script has no ESM loader
 * on Node 20 (the fast bundle is built with import() turned into require()).
 */
export function loadWithCodeCache(filename: string, env: NodeJS.ProcessEnv = process.env): CodeCacheLoad {
  const uid = process.getuid?.();
  if (env.FNOX_NO_CODE_CACHE === '1' || uid === undefined) {
    return { exports: createRequire(filename)(filename), status: 'off' };
  }
  const source = readFileSync(filename, 'utf8');
  const wrapped = Module.wrap(source);
  const sourceHash = sha256(wrapped);
  const dir = openDir(env, uid);
  const path = dir && cacheFile(dir, filename, env);
  const read: Read = path ? readCache(path, sourceHash, uid) : { kind: 'untrusted' };
  const cachedData = read.kind === 'found' ? read.data : undefined;
  const script = new Script(wrapped, {
    filename,
    ...(cachedData ? { cachedData } : {}),
  });
  let status: CodeCacheStatus;
  if (!path) status = 'unavailable';
  else if (read.kind !== 'found') status = read.kind;
  else status = script.cachedDataRejected ? 'rejected' : 'hit';
  if (path && status !== 'hit') {
    // Written at exit, so the cache also holds the functions this run compiled lazily.
    process.once('exit', () => writeCache(path, sourceHash, script.createCachedData()));
  }
  return { exports: runCommonJs(script, filename), status };
}
