/**
 * Reading a file whose path came from a config file (an `import`, a `key_file`) or the command
 * line (`--from-file`): a regular file only, and at most `maxBytes`. The file is opened first
 * (non-blocking, so a FIFO cannot wedge the prompt) and checked with fstat on that descriptor, so
 * no rename between a check and the open can swap in `/dev/zero` or a FIFO.
 */
import { closeSync, constants, fstatSync, openSync, readSync, type BigIntStats } from 'node:fs';

/** The default cap for files fnox reads (config, key files, secret files): 1 MiB. */
export const MAX_INPUT_FILE_BYTES = 1024 * 1024;

/** Why a bounded read refused a file (besides an OS error such as ENOENT or EACCES). */
export type BoundedReadRefusal = 'not-regular' | 'too-large';

/** A refused bounded read. `reason` is the refusal or the OS error code; the message never quotes content. */
export class BoundedReadError extends Error {
  readonly path: string;
  readonly reason: BoundedReadRefusal | string;
  /** The reason in words, without the path: `a FIFO (named pipe), not a regular file`. */
  readonly detail: string;
  constructor(path: string, reason: BoundedReadRefusal | string, detail: string, options?: { cause?: unknown }) {
    super(`${path}: ${detail}`, options);
    this.name = 'BoundedReadError';
    this.path = path;
    this.reason = reason;
    this.detail = detail;
  }
}

function kindOf(stats: BigIntStats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  return 'a special file';
}

function osFailure(path: string, error: unknown): BoundedReadError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? 'EIO';
  const words: Record<string, string> = {
    ENOENT: 'no such file',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    ENOTDIR: 'a parent of it is not a directory',
    ELOOP: 'too many symbolic links',
    // open() of a socket file fails with ENXIO: it is not a file either.
    ENXIO: 'a socket or device, not a regular file',
    EISDIR: 'a directory',
  };
  const reason = code === 'ENXIO' ? 'not-regular' : code;
  return new BoundedReadError(path, reason, words[code] ?? code, { cause: error });
}

/**
 * The bytes of `path`, refusing anything but a regular file of at most `maxBytes` (default
 * {@link MAX_INPUT_FILE_BYTES}). Files that report size 0 but have content (`/proc`) are read up to
 * the cap and refused beyond it. Throws {@link BoundedReadError}.
 */
export function readRegularFileSync(path: string, maxBytes: number = MAX_INPUT_FILE_BYTES): Buffer {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer; O_NOCTTY: a tty
    // path never becomes our controlling terminal.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0));
  } catch (error) {
    throw osFailure(path, error);
  }
  try {
    // BigInt stats: a plain fstat of a FIFO would stay in the array Node shares between stat calls,
    // which Node 20's realpath (the ESM resolver's) reads for cached paths and then stops early.
    const stats = fstatSync(fd, { bigint: true });
    if (!stats.isFile()) throw new BoundedReadError(path, 'not-regular', `${kindOf(stats)}, not a regular file`);
    if (stats.size > BigInt(maxBytes)) {
      throw new BoundedReadError(path, 'too-large', `${stats.size} bytes, more than the ${maxBytes} bytes allowed`);
    }
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(64 * 1024, maxBytes + 1 - total));
      let read: number;
      try {
        read = readSync(fd, chunk, 0, chunk.length, null);
      } catch (error) {
        throw osFailure(path, error);
      }
      if (read === 0) break;
      chunks.push(chunk.subarray(0, read));
      total += read;
      if (total > maxBytes) throw new BoundedReadError(path, 'too-large', `more than the ${maxBytes} bytes allowed`);
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}
