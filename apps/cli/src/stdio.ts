import { writeSync } from 'node:fs';
import { isTerminal } from '@fnox/core/hot';

/**
 * fnox's own stdout and stderr. On POSIX a write goes straight to the descriptor: the getters of
 * process.stdout and process.stderr build streams whose classes (net, stream, tty) cost ~3 ms to
 * load, a tenth of a hot command. Writes are synchronous, as Node's own are for files, pipes and
 * terminals there, so they stay in order with anything oclif writes through the streams. Windows
 * keeps the streams (its console needs their UTF-16 conversion).
 */
export interface Output {
  /** Write all of `text` before returning. */
  write(text: string): void;
  /** Whether the descriptor is a terminal (colour, the spinner). */
  readonly isTTY: boolean;
  /** The terminal's width, when it is one. */
  readonly columns: number | undefined;
  /** The Node stream on the same descriptor, for a library that needs one (the spinner). */
  stream(): NodeJS.WriteStream;
}

/** Whether fnox's output goes through Node's streams on this platform (see {@link guardStreams}). */
export const usesStreams = process.platform === 'win32';
const pause = new Int32Array(new SharedArrayBuffer(4));

function writeAll(fd: number, bytes: Buffer): void {
  for (let done = 0; done < bytes.length;) {
    try {
      done += writeSync(fd, bytes, done);
    } catch (error) {
      // A descriptor another process made non-blocking (a Node parent sharing its stdio): wait for the reader.
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      Atomics.wait(pause, 0, 0, 1);
    }
  }
}

function output(fd: 1 | 2): Output {
  const stream = () => (fd === 1 ? process.stdout : process.stderr);
  return {
    write(text) {
      if (usesStreams) {
        stream().write(text);
        return;
      }
      try {
        writeAll(fd, Buffer.from(text, 'utf8'));
      } catch (error) {
        // stderr is where failures are reported; when it fails too (a closed pipe, a full disk),
        // the command goes on and its exit code is all that is left to tell.
        if (fd === 2) return;
        // The reader of the data is gone (`fnox export | head -1`): stop, successfully.
        if ((error as NodeJS.ErrnoException).code === 'EPIPE') process.exit(0);
        throw error; // stdout: the command's error path reports it on stderr (ENOSPC, EIO)
      }
    },
    get isTTY() {
      return isTerminal(fd);
    },
    get columns() {
      return isTerminal(fd) ? stream().columns : undefined;
    },
    stream,
  };
}

/** Data: secret values, exports, the shell hook's script. */
export const stdout: Output = output(1);
/** fnox's own feedback: errors, warnings, summaries, prompts. */
export const stderr: Output = output(2);

/** Process-wide, like the handlers: the fast bundle and the oclif bundle each have their own copy of this module. */
const GUARDED = Symbol.for('fnox.streams-guarded');

/**
 * Where fnox's output goes through Node's streams (oclif's own writes, Windows), the same rules:
 * a closed stdout pipe ends fnox quietly; any other stdout failure (ENOSPC on `> /dev/full`, EIO)
 * is one line on stderr with its exit code, never a stack; a failing stderr changes nothing.
 */
export function guardStreams(report: (error: unknown) => number | Promise<number>): void {
  // Once per process: on Windows both the fast entry and the oclif entry ask for it.
  const marks = process as unknown as Record<symbol, boolean>;
  if (marks[GUARDED]) return;
  marks[GUARDED] = true;
  // stderr failing leaves the exit code as the only report: the command goes on to set it.
  process.stderr.on('error', () => {});
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    void Promise.resolve(report(error)).then((code) => process.exit(code));
  });
}
