/**
 * `__FNOX_SESSION`: what the previous hook-env run left for the next one (docs/shell-integration.md). Opaque to
 * the shell: JSON → raw deflate → base64url, behind a version prefix. It never holds a secret
 * value, only keyed hashes (see fingerprint.ts), so the variable can be inherited by child
 * processes like any other. It does hold the values the user's own environment had before fnox
 * replaced them (to restore them on leave), which that environment exported anyway.
 */
import { createRequire } from 'node:module';

// zlib is loaded on first use: hook-env shares the hot-path bundle with get and exec, which never
// touch the session state.
const zlib = (): typeof import('node:zlib') => createRequire(import.meta.url)('node:zlib') as typeof import('node:zlib');

/** A watched config file that existed, with its modification time in ms (fractional). */
export type FileStamp = readonly [path: string, mtimeMs: number];

/** The decoded state. Everything is optional so an empty state is just `{}`-like. */
export interface SessionState {
  /** Physical directory of the last run. */
  readonly dir?: string;
  /** Nearest config file found by the last run (informational). */
  readonly config?: string;
  /** Existing watched files and their mtimes (absent watched files are implied). */
  readonly files: readonly FileStamp[];
  /** Keyed hash of every `FNOX_*` environment variable as the shell has them after the eval. */
  readonly env?: string;
  /** Per-session random key (base64url) for the keyed hashes. */
  readonly key?: string;
  /** KEY → keyed hash of (KEY, value), for each variable fnox exported, in the order set. */
  readonly secrets: readonly (readonly [key: string, hash: string])[];
  /** KEY → `fnox-hook-*` temp file holding an `as_file` secret. */
  readonly asFiles: readonly (readonly [key: string, path: string])[];
  /**
   * KEY → the value the shell had before fnox first set KEY (the user's own, restored on leave and
   * deactivate, as direnv does). A KEY that was unset before is absent: it is unset again.
   */
  readonly saved: readonly (readonly [key: string, value: string])[];
  /** Directory of the temp files and of the prompt hook's stamp directory. */
  readonly tmp?: string;
  /** The prompt hook's stamp directory (see stamps.ts). */
  readonly stamps?: string;
  /** Keyed hashes of the untrusted (file, content) pairs already reported (see trust/hook-notice.ts). */
  readonly untrusted?: readonly string[];
}

const PREFIX = '1.';
/** An inflated state larger than this is not ours. */
const MAX_STATE_BYTES = 4 * 1024 * 1024;

/** The state of a shell where hook-env never ran. */
export const EMPTY_SESSION: SessionState = Object.freeze({ files: [], secrets: [], asFiles: [], saved: [] });

/** Encode for `__FNOX_SESSION`. */
export function encodeSession(state: SessionState): string {
  const json = JSON.stringify({
    d: state.dir,
    c: state.config,
    f: state.files,
    e: state.env,
    k: state.key,
    s: state.secrets,
    a: state.asFiles,
    r: state.saved,
    t: state.tmp,
    m: state.stamps,
    u: state.untrusted,
  });
  return PREFIX + zlib().deflateRawSync(Buffer.from(json, 'utf8')).toString('base64url');
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isPairOf = <T>(check: (v: unknown) => v is T) => (value: unknown): value is readonly [string, T] =>
  Array.isArray(value) && value.length === 2 && isString(value[0]) && check(value[1]);
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

function pairs<T>(value: unknown, check: (v: unknown) => v is T): (readonly [string, T])[] {
  return Array.isArray(value) ? value.filter(isPairOf(check)) : [];
}

/** Decode `__FNOX_SESSION`; anything absent, foreign or damaged is the empty state. */
export function decodeSession(text: string | undefined): SessionState {
  if (!text || !text.startsWith(PREFIX)) return EMPTY_SESSION;
  try {
    const json = zlib().inflateRawSync(Buffer.from(text.slice(PREFIX.length), 'base64url'), { maxOutputLength: MAX_STATE_BYTES });
    const raw = JSON.parse(json.toString('utf8')) as Record<string, unknown>;
    if (typeof raw !== 'object' || raw === null) return EMPTY_SESSION;
    const opt = (value: unknown) => (isString(value) ? value : undefined);
    return {
      dir: opt(raw.d),
      config: opt(raw.c),
      files: pairs(raw.f, isNumber),
      env: opt(raw.e),
      key: opt(raw.k),
      secrets: pairs(raw.s, isString),
      asFiles: pairs(raw.a, isString),
      saved: pairs(raw.r, isString),
      tmp: opt(raw.t),
      stamps: opt(raw.m),
      ...(Array.isArray(raw.u) ? { untrusted: raw.u.filter(isString) } : {}),
    };
  } catch {
    return EMPTY_SESSION;
  }
}
