import { fstatSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * What a Linux character device's number says: a terminal (consoles and serial lines, major 4;
 * pseudo-terminals, 136–143), none (the memory devices, major 1: /dev/null, /dev/zero,
 * /dev/urandom…), or undefined when only node:tty can tell. glibc's dev_t keeps a major below
 * 4096 in bits 8–19, whatever the minor.
 */
export function linuxDeviceIsTerminal(rdev: number): boolean | undefined {
  const major = Math.floor(rdev / 256) % 4096;
  if (major === 1) return false;
  if (major === 4 || (major >= 136 && major <= 143)) return true;
  return undefined;
}

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
  const known = process.platform === 'linux' ? linuxDeviceIsTerminal(rdev) : undefined;
  if (known !== undefined) return known;
  return (createRequire(import.meta.url)('node:tty') as typeof import('node:tty')).isatty(fd);
}
