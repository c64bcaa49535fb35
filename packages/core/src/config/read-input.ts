/**
 * Files fnox reads because a config or the command line names them (config files, `import`s,
 * `--from-file`): regular files only, at most {@link MAX_INPUT_FILE_BYTES} (1 MiB; see
 * docs/security.md), refused with a one-line error that names the path and never its content.
 */
import { basename } from 'node:path';
import { BoundedReadError, MAX_INPUT_FILE_BYTES, readRegularFileSync } from '@fnox/contract';
import { FnoxError, type FnoxErrorCode } from '../errors.js';

/** What is being read, for the error: `configuration file`, `secret file`. */
export interface InputFileRole {
  /** Words for the message: `Failed to read <label>: PATH`. */
  readonly label: string;
  /** The code of an OS failure (ENOENT, EACCES, …). */
  readonly code: FnoxErrorCode;
  /** Hint for an OS failure, after the reason in words. */
  readonly hint?: string;
}

/** The text of `path` as UTF-8, bounded and regular-only; failures become FnoxErrors. */
export function readInputText(path: string, role: InputFileRole, maxBytes: number = MAX_INPUT_FILE_BYTES): string {
  try {
    return readRegularFileSync(path, maxBytes).toString('utf8');
  } catch (error) {
    if (!(error instanceof BoundedReadError)) throw error;
    const message = `Failed to read ${role.label}: ${path}`;
    if (error.reason === 'not-regular') throw new FnoxError('input_not_regular_file', `${message} (${error.detail})`, { cause: error });
    if (error.reason === 'too-large') throw new FnoxError('input_too_large', `${message} (${error.detail})`, { cause: error });
    throw new FnoxError(role.code, message, {
      cause: error,
      hint: `${role.hint ?? `Check that ${path} exists and is a readable file`} (${error.detail}).`,
    });
  }
}

/**
 * Whether errors may quote lines of `path`: only files named like a fnox config (`fnox.toml`,
 * `.fnox.prod.toml`, `fnox.local.toml`, the global `config.toml`). An `import = ["~/.netrc"]`
 * must not turn fnox into a way of printing someone's password file.
 */
export function isFnoxConfigName(path: string): boolean {
  const name = basename(path);
  return name === 'config.toml' || /^\.?fnox(\.[^/]+)?\.toml$/.test(name);
}
