/**
 * No silent loss (issue 16 item 9), black-box: `fnox set` over an existing secret with nothing on
 * stdin (</dev/null, a closed stdin, an unset variable piped in) is refused and leaves the file
 * byte for byte; `--allow-empty` stores it; a NUL in a value is refused clearly; and `--debug`
 * never prints a value (Node's "Received 'x\x00CANARY…'" came through the debug cause chain).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FNOX_BIN, sandbox, type Sandbox } from '@fnox/test-kit';

const CANARY = 'CANARY-7f3a9c';
const CONFIG = 'root = true\n\n[providers.pl]\ntype = "plain"\n\n[secrets]\nTOKEN = { provider = "pl", value = "keep-me" }\n';

/** The file's text with `KEY= {` (the editor's spacing for an appended entry) read as `KEY = {`. */
const readEntries = (path: string): string => readFileSync(path, 'utf8').replace(/^(\w+)= /gm, '$1 = ');

let box: Sandbox;
let file: string;
beforeEach(() => {
  box = sandbox();
  file = join(box.project, 'fnox.toml');
  writeFileSync(file, CONFIG);
});
afterEach(() => box.cleanup());

/** Run a shell line in the project with fnox as `$FNOX`; stdin is /dev/null unless the line redirects it. */
function sh(line: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync('sh', ['-c', line], {
    cwd: box.project,
    env: { ...box.env, FNOX: `${process.execPath} ${FNOX_BIN}` },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 30_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('empty stdin over an existing secret', () => {
  it.each([
    ['</dev/null', '$FNOX set TOKEN </dev/null'],
    ['closed stdin (<&-)', '$FNOX set TOKEN <&-'],
    ['an unset variable piped in', 'printf %s "$FNOX_TEST_UNSET_VARIABLE" | $FNOX set TOKEN'],
    ['only whitespace', "printf '  \\n' | $FNOX set TOKEN"],
  ])('%s: refused, exit 1, file unchanged', (_name, line) => {
    const r = sh(line);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain("error: Refusing to replace secret 'TOKEN' with an empty value");
    expect(r.stderr).toContain('--allow-empty');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(file, 'utf8')).toBe(CONFIG);
  });

  it('--allow-empty stores the empty value (positive control)', () => {
    const r = sh('$FNOX set TOKEN --allow-empty </dev/null');
    expect(r.code, r.stderr).toBe(0);
    expect(readEntries(file)).toContain('TOKEN = { provider = "pl", value = "" }');
  });

  it('a value on stdin is stored as before (positive control)', () => {
    const r = sh('printf %s new-value | $FNOX set TOKEN');
    expect(r.code, r.stderr).toBe(0);
    expect(readEntries(file)).toContain('TOKEN = { provider = "pl", value = "new-value" }');
  });

  it('a new secret may start empty (nothing to lose)', () => {
    const r = sh('$FNOX set FRESH -p pl </dev/null');
    expect(r.code, r.stderr).toBe(0);
    expect(readEntries(file)).toContain('FRESH = { provider = "pl", value = "" }');
  });
});

describe('NUL bytes', () => {
  it('set refuses a value with NUL, without quoting it, with and without --debug', () => {
    for (const debug of ['', '--debug ']) {
      const r = sh(`printf 'x\\000${CANARY}' | $FNOX ${debug}set TOKEN`);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toContain("Refusing to set 'TOKEN': the value contains a NUL byte");
      expect(r.stdout + r.stderr).not.toContain(CANARY);
      expect(readFileSync(file, 'utf8')).toBe(CONFIG);
    }
  });

  it.each([
    ['fast path', {}],
    ['oclif', { FNOX_NO_FAST_PATH: '1' }],
  ])('%s: exec names the variable whose value holds a NUL; --debug never prints the value', async (_name, extra) => {
    writeFileSync(file, `root = true\n\n[secrets]\nBINARY = { default = "x\\u0000${CANARY}" }\n`);
    for (const args of [['exec', '--', 'true'], ['--debug', 'exec', '--', 'true']]) {
      const r = await box.run(args, { env: extra });
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toContain("Cannot pass 'BINARY' to the command: its value contains a NUL byte");
      expect(r.stdout + r.stderr).not.toContain(CANARY);
    }
  });
});
