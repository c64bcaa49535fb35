import { isAscii } from 'node:buffer';
import { closeSync, constants, fstatSync, futimesSync, lstatSync, mkdirSync, openSync, readdirSync, readSync, unlinkSync, type BigIntStats } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { Script } from 'node:vm';
import { replaceFileSync } from '@fnox/contract';

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

const MAGIC = Buffer.from('fnox-v8-cache-2\n');
/** The module file's identity when it was hashed: dev, ino, size, mtime (ns), ctime (ns), 8 bytes each. */
const STAT_BYTES = 40;
const HASH_BYTES = 32;
const HEADER_BYTES = MAGIC.length + STAT_BYTES + HASH_BYTES;
/** No module of ours produces a cache near this; anything larger is not ours. */
const MAX_CACHE_BYTES = 32 * 1024 * 1024;
/** Any permission for group or others: a directory or file fnox made has none (0700, 0600). */
const GROUP_OR_OTHER = 0o077;
const DAY_MS = 24 * 60 * 60 * 1000;

/** `$XDG_CACHE_HOME/fnox/code-cache` (an absolute XDG_CACHE_HOME only, as the spec asks), else `~/.cache/fnox/code-cache`. */
export function codeCacheDir(env: NodeJS.ProcessEnv): string {
  const xdg = env.XDG_CACHE_HOME;
  const base = xdg && isAbsolute(xdg) ? xdg : join(env.HOME || homedir(), '.cache');
  return join(base, 'fnox', 'code-cache');
}

/**
 * SHA-256 of the module source. node:crypto is required here, not at the top: loading it costs
 * several ms, and a run whose module file is unchanged since the cache was written never hashes.
 */
const sha256 = (data: Buffer): Buffer =>
  (createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto')).createHash('sha256').update(data).digest();

/**
 * The file's stat identity. Any write changes ctime, which no user call can set back, so an equal
 * signature means the bytes are the ones hashed when the cache was written (git's index works the
 * same way); a different one costs a hash, not a miss.
 */
function statSignature(stats: BigIntStats): Buffer {
  const out = Buffer.alloc(STAT_BYTES);
  [stats.dev, stats.ino, stats.size, stats.mtimeNs, stats.ctimeNs].forEach((value, i) => out.writeBigUInt64BE(BigInt.asUintN(64, value), i * 8));
  return out;
}

/**
 * Ours, not a symlink, and owner-only: the only kind of path we read code cache from. Owner-only,
 * not merely unwritable by others: a git checkout makes 0755 directories and 0644 files owned by
 * the user, and a cache in a cloned repository (XDG_CACHE_HOME aimed at it) would be bytecode the
 * repository chose. fnox makes its cache directory 0700 and its files 0600.
 */
function trusted(stats: { uid: number; mode: number }, uid: number): boolean {
  return stats.uid === uid && (stats.mode & GROUP_OR_OTHER) === 0;
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

type Read =
  { readonly kind: 'found'; readonly signature: Buffer; readonly hash: Buffer; readonly data: Buffer } | { readonly kind: 'miss' | 'stale' | 'untrusted' };

/** Read a cache file without following a symlink; its owner and mode are checked on the open descriptor. */
function readCache(path: string, uid: number): Read {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    return { kind: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'miss' : 'untrusted' };
  }
  try {
    // BigInt stats, as in core's isTerminal: a plain fstat of a planted FIFO would mislead Node 20's realpath.
    const stats = fstatSync(fd, { bigint: true });
    const owner = { uid: Number(stats.uid), mode: Number(stats.mode) };
    if (!stats.isFile() || !trusted(owner, uid) || stats.size > BigInt(MAX_CACHE_BYTES)) return { kind: 'untrusted' };
    const bytes = readAll(fd, Number(stats.size));
    if (bytes.length <= HEADER_BYTES || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return { kind: 'stale' };
    // A file in use is kept from pruning (see writeCache): its age is refreshed once a day at most.
    if (Date.now() - Number(stats.mtimeMs) > DAY_MS) futimesSync(fd, new Date(), new Date());
    const hashStart = MAGIC.length + STAT_BYTES;
    return {
      kind: 'found',
      signature: bytes.subarray(MAGIC.length, hashStart),
      hash: bytes.subarray(hashStart, HEADER_BYTES),
      data: bytes.subarray(HEADER_BYTES),
    };
  } catch {
    return { kind: 'untrusted' };
  } finally {
    closeSync(fd);
  }
}

/** Up to `size` bytes from the start of an open file (fewer if it shrank meanwhile). */
function readAll(fd: number, size: number): Buffer {
  const bytes = Buffer.allocUnsafe(size);
  let filled = 0;
  while (filled < bytes.length) {
    const n = readSync(fd, bytes, filled, bytes.length - filled, filled);
    if (n === 0) break;
    filled += n;
  }
  return bytes.subarray(0, filled);
}

/** The module's source and stat signature, read from one descriptor. */
function readModule(filename: string): { source: Buffer; signature: Buffer } {
  const fd = openSync(filename, constants.O_RDONLY);
  try {
    const stats = fstatSync(fd, { bigint: true });
    return { source: readAll(fd, Number(stats.size)), signature: statSignature(stats) };
  } finally {
    closeSync(fd);
  }
}

/**
 * Files of other Node builds, V8 flags or fnox installs are never read again: whenever a cache is
 * written, ours untouched for 30 days go (a used one is refreshed daily), and temp files a killed
 * writer left behind after a day.
 */
function prune(dir: string): void {
  try {
    for (const name of readdirSync(dir)) {
      const maxAge = name.endsWith('.bin') ? 30 * DAY_MS : name.endsWith('.tmp') ? DAY_MS : undefined;
      if (maxAge === undefined) continue;
      const path = join(dir, name);
      const stats = lstatSync(path, { throwIfNoEntry: false });
      if (stats?.isFile() && Date.now() - stats.mtimeMs > maxAge) unlinkSync(path);
    }
  } catch {
    // Pruning is housekeeping: a file that cannot go stays.
  }
}

/** Write atomically (see replaceFileSync); a cache that cannot be written is simply not written. */
function writeCache(path: string, header: readonly Buffer[], data: Buffer): void {
  prune(dirname(path));
  try {
    replaceFileSync(path, Buffer.concat([MAGIC, ...header, data]));
  } catch {
    // No cache this time: only speed is lost.
  }
}

/** One cache file per module path, Node build and V8 flags; the module's content hash lives inside it. */
function cacheFile(dir: string, filename: string, env: NodeJS.ProcessEnv, variant: string): string {
  // node:v8's cachedDataVersionTag() would cost a module load (~3 ms); V8 checks its own version
  // and flags inside the data anyway, and a rejected cache is simply rewritten.
  const key = JSON.stringify([filename, variant, process.version, process.versions.v8, process.arch, process.execArgv, env.NODE_OPTIONS ?? '']);
  return join(dir, `${nameHash(key, 1)}${nameHash(key, 2)}.bin`);
}

/**
 * A short non-cryptographic hash for the cache file's name (cyrb53): a collision only costs a
 * rewrite, since the file's header still has to match the module.
 */
function nameHash(text: string, seed: number): string {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
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

/** Options of {@link loadWithCodeCache}. */
export interface CodeCacheOptions {
  readonly env?: NodeJS.ProcessEnv;
  /**
   * Keeps a separate cache per variant (the hot command): a cache holds the functions the run
   * that wrote it compiled, and other commands need other functions.
   */
  readonly variant?: string;
}

/**
 * `require()` a CommonJS file, compiling it with V8 code cache from the user's cache dir when
 * there is a trusted one, and writing a fresh one (atomically, 0600 in a 0700 dir) when there
 * was none or V8 rejected it. The cache is keyed by module path, Node build and V8 flags (file
 * name) and by the module's SHA-256 (inside), checked through the file's stat signature first so
 * an unchanged module is never re-hashed. The cache only ever affects speed: every cache
 * problem falls back to a plain compile, silently. The module must not call `import()`: a
 * vm.Script has no ESM loader on Node 20 (the fast bundle is built with import() turned into
 * require(), and so are providers' CommonJS twins).
 */
export function loadWithCodeCache(filename: string, options: CodeCacheOptions = {}): CodeCacheLoad {
  const env = options.env ?? process.env;
  const uid = process.getuid?.();
  if (env.FNOX_NO_CODE_CACHE === '1' || uid === undefined) {
    return { exports: createRequire(filename)(filename), status: 'off' };
  }
  const { source, signature } = readModule(filename);
  const dir = openDir(env, uid);
  const path = dir && cacheFile(dir, filename, env, options.variant ?? '');
  const read: Read = path ? readCache(path, uid) : { kind: 'untrusted' };
  let hash: Buffer | undefined;
  let cachedData: Buffer | undefined;
  let status: CodeCacheStatus = !path ? 'unavailable' : read.kind === 'found' ? 'hit' : read.kind;
  if (read.kind === 'found') {
    if (read.signature.equals(signature)) cachedData = read.data;
    else if ((hash = sha256(source)).equals(read.hash)) cachedData = read.data;
    else status = 'stale';
  }
  // An ASCII module (esbuild's bundles are) decodes as latin1, at half the cost of UTF-8.
  const script = new Script(Module.wrap(source.toString(isAscii(source) ? 'latin1' : 'utf8')), {
    filename,
    ...(cachedData ? { cachedData } : {}),
  });
  if (status === 'hit' && script.cachedDataRejected) status = 'rejected';
  const touched = read.kind === 'found' && !read.signature.equals(signature);
  if (path && (status !== 'hit' || touched)) {
    // Written at exit, so the cache also holds the functions this run compiled lazily; a hit whose
    // module was only touched (same bytes, new stat) gets its header refreshed.
    const fresh = status !== 'hit';
    process.once('exit', () => {
      const data = !fresh && read.kind === 'found' ? read.data : script.createCachedData();
      writeCache(path, [signature, hash ?? sha256(source)], data);
    });
  }
  return { exports: runCommonJs(script, filename), status };
}
