/**
 * Scripted real shells (no activation where a script would have none):
 * - `eval "$(fnox hook-env -s SHELL)"` works in a shell that never ran `activate` (bash, zsh,
 *   fish), and a second run with nothing changed prints nothing at all;
 * - the zsh `fnox` wrapper keeps fnox's exit status;
 * - deactivate removes as_file files written before TMPDIR changed, and names each file it cannot;
 * - bash and fish remove their stamp directory when the shell exits.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FNOX_BIN, sandbox, type Sandbox } from '@fnox/test-kit';

let box: Sandbox;
let env: NodeJS.ProcessEnv;
const FNOX = `${process.execPath} ${FNOX_BIN}`;
beforeEach(() => {
  box = sandbox();
  mkdirSync(join(box.home, 'tmp'));
  env = { ...box.env, FNOX_TRUSTED_CONFIG_PATHS: box.home, TMPDIR: join(box.home, 'tmp') };
  writeFileSync(join(box.project, 'fnox.toml'), '[secrets]\nA = { default = "it\'s a $value" }\nF = { default = "file", as_file = true }\n');
});
afterEach(() => box.cleanup());

function shell(argv: readonly string[], extra: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(argv[0]!, argv.slice(1), { cwd: box.project, env: { ...env, ...extra }, encoding: 'utf8' });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

describe('hook-env output stands alone', () => {
  const scripts = {
    bash: ['/usr/bin/bash', '--norc', '--noprofile', '-c', `eval "$(${FNOX} hook-env -s bash)"; printf '%s|' "$A"; out=$(${FNOX} hook-env -s bash); printf '[%s]' "$out"`],
    zsh: ['/usr/bin/zsh', '-f', '-c', `eval "$(${FNOX} hook-env -s zsh)"; printf '%s|' "$A"; out=$(${FNOX} hook-env -s zsh); printf '[%s]' "$out"`],
    fish: ['/usr/bin/fish', '--no-config', '-c', `${FNOX} hook-env -s fish | source; printf '%s|' "$A"; set out (${FNOX} hook-env -s fish); printf '[%s]' "$out"`],
  } as const;
  for (const [name, argv] of Object.entries(scripts)) {
    it(`${name}: eval without activate sets the secrets, then an unchanged run prints nothing`, () => {
      const result = shell(argv);
      expect(result.stderr).not.toMatch(/not found|unknown command|error/i);
      expect(result.stdout).toBe("it's a $value|[]");
      expect(readdirSync(join(box.home, 'tmp')).filter((f) => f.startsWith('fnox-stamps-'))).toEqual([]);
    });
  }
});

describe('the zsh wrapper', () => {
  it('returns fnox exit status ($status), for plain commands and for deactivate', () => {
    const activation = execFileSync(process.execPath, [FNOX_BIN, 'activate', 'zsh'], { env, encoding: 'utf8' });
    expect(activation).toMatch(/\n {2}return \$status\n\}\n/);
    const result = shell(['/usr/bin/zsh', '-f', '-c', `eval "$(${FNOX} activate zsh --no-hook-env)"; fnox get NOPE 2>/dev/null; echo "get=$?"; unset FNOX_SHELL; fnox deactivate 2>/dev/null; echo "deactivate=$?"`]);
    expect(result.stdout).toMatch(/^get=[1-9]\d*\ndeactivate=1\n$/);
  });
});

describe('deactivate cleanup', () => {
  it('removes as_file files written before TMPDIR changed (bash)', () => {
    const other = join(box.home, 'other-tmp');
    mkdirSync(other);
    // Written under TMPDIR spelled with a trailing slash, removed after TMPDIR moved elsewhere.
    const result = shell(
      ['/usr/bin/bash', '--norc', '--noprofile', '-c', `eval "$(${FNOX} activate bash)"; _fnox_hook; echo "$F"; export TMPDIR=${other}; fnox deactivate; echo "left=\${F-unset}"`],
      { TMPDIR: `${join(box.home, 'tmp')}/` },
    );
    const [file, left] = result.stdout.trim().split('\n');
    expect(file!.startsWith(join(box.home, 'tmp', 'fnox-hook-F-'))).toBe(true);
    expect(left).toBe('left=unset');
    expect(existsSync(file!)).toBe(false);
    expect(readdirSync(join(box.home, 'tmp'))).toEqual([]);
  });

  it('a cleanup failure names each secret: failed to clean up temp file for NAME', () => {
    writeFileSync(join(box.project, 'fnox.toml'), '[secrets]\nF = { default = "f", as_file = true }\nG = { default = "g", as_file = true }\n');
    const first = shell(['/usr/bin/bash', '--norc', '--noprofile', '-c', `eval "$(${FNOX} hook-env -s bash)"; printf '%s\\n%s\\n%s' "$F" "$G" "$__FNOX_SESSION"`]);
    const [f, g, session] = first.stdout.split('\n');
    // Something that cannot be removed as a file, even by root: a non-empty directory in its place.
    for (const path of [f!, g!]) {
      rmSync(path);
      mkdirSync(path);
      writeFileSync(join(path, 'x'), '');
    }
    const result = spawnSync(process.execPath, [FNOX_BIN, 'deactivate'], { cwd: box.project, env: { ...env, FNOX_SHELL: 'bash', __FNOX_SESSION: session }, encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`failed to clean up temp file for 'F': ${f}`);
    expect(result.stderr).toContain(`failed to clean up temp file for 'G': ${g}`);
    // Positive control: with the files back to files, deactivate succeeds.
    for (const path of [f!, g!]) {
      rmSync(path, { recursive: true });
      writeFileSync(path, '');
    }
    const again = spawnSync(process.execPath, [FNOX_BIN, 'deactivate'], { cwd: box.project, env: { ...env, FNOX_SHELL: 'bash', __FNOX_SESSION: session }, encoding: 'utf8' });
    expect(again.status).toBe(0);
    expect([existsSync(f!), existsSync(g!)]).toEqual([false, false]);
  });
});

describe('shell exit removes the stamp directory', () => {
  const scripts = {
    bash: ['/usr/bin/bash', '--norc', '--noprofile', '-c', `eval "$(${FNOX} activate bash)"; _fnox_hook; echo "$__fnox_fp_stamps"`],
    fish: ['/usr/bin/fish', '--no-config', '-c', `${FNOX} activate fish | source; echo $__fnox_fp_stamps`],
  } as const;
  for (const [name, argv] of Object.entries(scripts)) {
    it(`${name}`, () => {
      const result = shell(argv);
      const stamps = result.stdout.trim();
      expect(stamps.startsWith(join(box.home, 'tmp', 'fnox-stamps-'))).toBe(true);
      expect(existsSync(stamps)).toBe(false);
    });
  }

  it('a child bash leaves the stamp directory of its parent (it did not create it)', () => {
    const child = `eval "$(${FNOX} activate bash)"; _fnox_hook; echo "child-own=\${__fnox_fp_own-none}"`;
    const result = shell(['/usr/bin/bash', '--norc', '--noprofile', '-c', `eval "$(${FNOX} activate bash)"; _fnox_hook; /usr/bin/bash --norc --noprofile -c '${child}'; [[ -d $__fnox_fp_stamps ]] && echo survived`]);
    expect(result.stdout).toBe('child-own=none\nsurvived\n');
  });

  it('bash keeps an EXIT trap the user already had', () => {
    const result = shell(['/usr/bin/bash', '--norc', '--noprofile', '-c', `trap 'echo user-trap' EXIT; eval "$(${FNOX} activate bash)"; _fnox_hook; echo "$__fnox_fp_stamps"`]);
    const [stamps, trap] = result.stdout.trim().split('\n');
    expect(trap).toBe('user-trap');
    expect(existsSync(stamps!)).toBe(false);
  });
});
