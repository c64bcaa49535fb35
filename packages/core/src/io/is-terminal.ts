import { fstatSync } from 'node:fs';
import { createRequire } from 'node:module';

/** Linux character-device majors: 1 is the memory devices (/dev/null, /dev/zero, /dev/urandom…). */
const LINUX_MEMORY_MAJOR = 1;
/** Linux majors that are always terminals: 4 (virtual consoles, serial), 136–143 (pseudo-terminals). */
const isLinuxTerminalMajor = (major: number) => major === 4 || (major >= 136 && major <= 143);

/**
 * Whether file descriptor `fd` is a terminal, as `tty.isatty(fd)` answers, without importing
 * node:tty where the answer is certain: that import builds node:net and the stream classes, ~3 ms
 * of a hot command. Anything that is not a character device is no terminal; on Linux, a memory
 * device is none either and a console or pseudo-terminal is one. Every other character device is
 * asked of node:tty. Nothing is remembered: a descriptor number can be reused for another file.
 */
export function isTerminal(fd: number): boolean {
  let rdev: number;
  try {
    // BigInt stats on purpose: a plain fstat leaves its result in the array Node shares between
    // stat calls, and Node 20's realpath (the ESM resolver's) reads that array for a cached path;
    // a pipe on stdin there made it stop early and resolve a package through its pnpm symlink.
    const stats = fstatSync(fd, { bigint: true });
    if (!stats.isCharacterDevice()) return false;
    rdev = Number(stats.rdev);
  } catch {
    return false; // a closed descriptor is no terminal (isatty says the same)
  }
  if (process.platform === 'linux') {
    // glibc's dev_t keeps a major below 4096 in bits 8–19, whatever the minor.
    const major = Math.floor(rdev / 256) % 4096;
    if (major === LINUX_MEMORY_MAJOR) return false;
    if (isLinuxTerminalMajor(major)) return true;
  }
  return (createRequire(import.meta.url)('node:tty') as typeof import('node:tty')).isatty(fd);
}
