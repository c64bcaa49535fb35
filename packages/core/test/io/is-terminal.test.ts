import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isatty } from 'node:tty';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { isTerminal } from '../../src/io/is-terminal.js';

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
