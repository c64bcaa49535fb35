import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isatty } from 'node:tty';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { isTerminal, linuxDeviceIsTerminal } from '../../src/io/is-terminal.js';

const dir = mkdtempSync(join(tmpdir(), 'fnox-is-terminal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Open `path`, ask both questions of the descriptor, close it. */
function ask(path: string, flags = 'r'): { ours: boolean; node: boolean } {
  const fd = openSync(path, flags);
  try {
    return { ours: isTerminal(fd), node: isatty(fd) };
  } finally {
    closeSync(fd);
  }
}

/** glibc's makedev: the dev_t of (major, minor) as Node reports it in `rdev`. */
const makedev = (major: number, minor: number) => (major & 0xfff) * 256 + (minor & 0xff) + (minor & ~0xff) * 4096;

describe('linuxDeviceIsTerminal: what a device number settles without node:tty', () => {
  it.each([
    ['/dev/null (1, 3)', 1, 3, false],
    ['/dev/urandom (1, 9)', 1, 9, false],
    ['/dev/tty1 (4, 1)', 4, 1, true],
    ['/dev/ttyS0 (4, 64)', 4, 64, true],
    ['/dev/pts/0 (136, 0)', 136, 0, true],
    ['/dev/pts/300 (137, 44)', 137, 44, true],
    ['the last pty major (143, 255)', 143, 255, true],
    ['a pty minor beyond 255 (136, 1000)', 136, 1000, true],
    ['/dev/tty (5, 0): asked of node:tty', 5, 0, undefined],
    ['/dev/ptmx (5, 2): asked of node:tty', 5, 2, undefined],
    ['major 135: asked', 135, 0, undefined],
    ['major 144: asked', 144, 0, undefined],
    ['major 3 (old BSD pty slaves): asked', 3, 0, undefined],
    ['major 2: asked', 2, 0, undefined],
    ['a minor of 256 on major 1 (1, 256)', 1, 256, false],
  ] as const)('%s', (_name, major, minor, expected) => {
    expect(linuxDeviceIsTerminal(makedev(major, minor))).toBe(expected);
  });

  it('agrees with the devices of this machine', () => {
    if (process.platform !== 'linux') return;
    for (const path of ['/dev/null', '/dev/zero', '/dev/urandom']) expect(linuxDeviceIsTerminal(Number(statSync(path).rdev)), path).toBe(false);
    expect(linuxDeviceIsTerminal(Number(statSync('/dev/ptmx').rdev))).toBeUndefined();
  });
});

describe('isTerminal answers as tty.isatty does', () => {
  it('a regular file, /dev/null, /dev/zero and /dev/urandom are no terminals', () => {
    const file = join(dir, 'file');
    writeFileSync(file, 'x');
    for (const path of [file, '/dev/null', '/dev/zero', '/dev/urandom']) expect(ask(path), path).toEqual({ ours: false, node: false });
  });

  it('a character device it cannot place is asked of node:tty (/dev/ptmx, a terminal master)', () => {
    // Positive control of the fallback: major 5 is neither a memory device nor a known terminal major.
    expect(ask('/dev/ptmx', 'r+')).toEqual({ ours: true, node: true });
  });

  it('a closed descriptor is no terminal', () => {
    const fd = openSync('/dev/null', 'r');
    closeSync(fd);
    expect(isTerminal(fd)).toBe(false);
  });

  it('a pseudo-terminal (util-linux script) is a terminal on stdin, stdout and stderr, a pipe is not', () => {
    // The child reports both answers for fds 0–2 from inside `script`'s pty, then with stdout piped.
    const probe = join(dir, 'probe.mjs');
    const module = fileURLToPath(new URL('../../dist/io/is-terminal.js', import.meta.url));
    writeFileSync(
      probe,
      `import { isatty } from 'node:tty';\nimport { isTerminal } from ${JSON.stringify(module)};\n` +
        `process.stderr.write(JSON.stringify([0, 1, 2].map((fd) => [isTerminal(fd), isatty(fd)])) + '\\n');\n`,
    );
    const inPty = execFileSync('script', ['-q', '-e', '-c', `"${process.execPath}" "${probe}" 2>&1`, '/dev/null'], { encoding: 'utf8' });
    expect(JSON.parse(inPty.trim().split('\n').at(-1)!)).toEqual([
      [true, true],
      [true, true],
      [true, true],
    ]);
    const piped = execFileSync('script', ['-q', '-e', '-c', `"${process.execPath}" "${probe}" 2>&1 | cat`, '/dev/null'], { encoding: 'utf8' });
    expect(JSON.parse(piped.trim().split('\n').at(-1)!)).toEqual([
      [true, true],
      [false, false],
      [false, false],
    ]);
  });
});
