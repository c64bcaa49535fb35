/**
 * Inputs are bounded (issue 16 item 5), black-box. A repository's fnox.toml names files: `import`
 * paths and an age `key_file`; the user names `--from-file`. Each must be a regular file of at
 * most 1 MiB: a FIFO or /dev/stdin must not block, /dev/zero must not grow memory, a directory or
 * device is refused with one line. And an error quotes lines only of files named like a fnox
 * config: `import = ["~/.netrc"]`, `/proc/self/environ` or `../x/.env` never print the file.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encryptToStoredValue, generateIdentity, parseRecipients } from '@fnox/provider-age';
import { describe, expect, it } from 'vitest';
import { FNOX_BIN } from '@fnox/test-kit';
import { BOTH_PATHS as PATHS, expectOneLineError, sandboxPerTest, writeConfig } from '../helpers/black-box.js';

const CANARY = 'CANARY-pw-5d1e0b';

const box = sandboxPerTest();
const project = (toml: string) => writeConfig(box, toml);
const fifo = (name: string) => {
  const path = join(box.project, name);
  execFileSync('mkfifo', [path]);
  return path;
};

/** One line of error, no stack, nothing of the canary. */
const expectCleanFailure = (r: { code: number | null; stdout: string; stderr: string }, message: RegExp | string) => expectOneLineError(r, message, CANARY);

describe.each(PATHS)('import paths (%s)', (_name, env) => {
  it('positive control: a real import still merges', async () => {
    writeFileSync(join(box.project, 'shared.toml'), '[secrets]\nSHARED = { default = "from-import" }\n');
    project('root = true\nimport = ["shared.toml"]\n\n[providers.pl]\ntype = "plain"\n\n[secrets]\nOWN = { default = "own" }\n');
    const r = await box.run(['get', 'SHARED'], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('from-import\n');
  });

  it('~/.netrc: the error names the file, never its lines', async () => {
    writeFileSync(join(box.home, '.netrc'), `machine api.example.com\n  login deploy\n  password ${CANARY}\n`);
    project('root = true\nimport = ["~/.netrc"]\n');
    const r = await box.run(['get', 'X'], { env });
    expectCleanFailure(r, `${join(box.home, '.netrc')}:1: not a valid fnox configuration`);
    expect(r.stderr).not.toContain('machine');
  });

  it('../x/.env that happens to be valid TOML: no key, value or snippet shown', async () => {
    mkdirSync(join(box.home, 'x'));
    writeFileSync(join(box.home, 'x', '.env'), `DB_PASSWORD = "${CANARY}"\n`);
    project('root = true\nimport = ["../x/.env"]\n');
    const r = await box.run(['get', 'X'], { env });
    expectCleanFailure(r, 'not a valid fnox configuration');
    expect(r.stderr).not.toContain('DB_PASSWORD');
  });

  it('/proc/self/environ: nothing of the environment is printed', async () => {
    project('root = true\nimport = ["/proc/self/environ"]\n');
    const r = await box.run(['get', 'X'], { env: { ...env, LEAKED_TOKEN: CANARY } });
    expectCleanFailure(r, '/proc/self/environ');
  });

  it('a FIFO and /dev/stdin do not block; /dev/zero does not grow', async () => {
    const pipe = fifo('pipe.toml');
    for (const path of [pipe, '/dev/stdin', '/dev/zero']) {
      project(`root = true\nimport = ["${path}"]\n`);
      const started = Date.now();
      const r = await box.run(['get', 'X'], { env, timeoutMs: 20_000, input: `${CANARY}\n` });
      expect(r.signal, `${path} hung`).toBeNull();
      expect(Date.now() - started).toBeLessThan(15_000);
      expectCleanFailure(r, /not a regular file/);
    }
  });

  it('a directory is refused in one line', async () => {
    mkdirSync(join(box.project, 'conf.d'));
    project('root = true\nimport = ["conf.d"]\n');
    expectCleanFailure(await box.run(['get', 'X'], { env }), /conf\.d \(a directory, not a regular file\)/);
  });

  it('a config over 1 MiB is refused', async () => {
    writeFileSync(join(box.project, 'big.toml'), `# ${'x'.repeat(1024 * 1024)}\n`);
    project('root = true\nimport = ["big.toml"]\n');
    expectCleanFailure(await box.run(['get', 'X'], { env }), /big\.toml \(.*more than the 1048576 bytes allowed\)/);
  });
});

describe('snippets only for fnox config names', () => {
  it('positive control: a broken fnox.toml still shows its line with a caret', async () => {
    project('root = true\n[secrets\nX = 1\n');
    const r = await box.run(['get', 'X']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('invalid TOML');
    expect(r.stderr).toContain('[secrets');
    expect(r.stderr).toContain('^');
  });

  it('an imported fnox.shared.toml is a config name: its snippet is shown', async () => {
    writeFileSync(join(box.project, 'fnox.shared.toml'), '[secrets\n');
    project('root = true\nimport = ["fnox.shared.toml"]\n');
    const r = await box.run(['get', 'X']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[secrets');
  });
});

describe('age key_file', () => {
  async function ageProject(keyFile: string, identity?: string): Promise<void> {
    const key = await generateIdentity();
    if (identity !== undefined) writeFileSync(join(box.project, identity), `${key.identity}\n`, { mode: 0o600 });
    const value = await encryptToStoredValue('decrypted-ok', parseRecipients([key.recipient]));
    project(
      `root = true\n\n[providers.age]\ntype = "age"\nrecipients = ["${key.recipient}"]\nkey_file = "${keyFile}"\n\n[secrets]\nK = { provider = "age", value = "${value}" }\n`,
    );
  }

  it.each(PATHS)('positive control (%s): a regular key_file decrypts', async (_name, env) => {
    await ageProject('key.txt', 'key.txt');
    const r = await box.run(['get', 'K'], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('decrypted-ok\n');
  });

  it.each(PATHS)('%s: a FIFO, /dev/stdin, /dev/zero or a directory as key_file fails fast in one line', async (_name, env) => {
    fifo('key.fifo');
    mkdirSync(join(box.project, 'keydir'));
    for (const path of ['key.fifo', '/dev/stdin', '/dev/zero', 'keydir']) {
      await ageProject(path);
      const started = Date.now();
      const r = await box.run(['get', 'K'], { env, timeoutMs: 20_000, input: `${CANARY}\n` });
      expect(r.signal, `${path} hung`).toBeNull();
      expect(Date.now() - started).toBeLessThan(15_000);
      expectCleanFailure(r, 'Failed to read age identity file');
      expect(r.stderr).toContain('not a regular file');
    }
  });
});

describe('set --from-file (an oclif command)', () => {
  const env = {};
  const CONFIG = 'root = true\n\n[providers.pl]\ntype = "plain"\n\n[secrets]\n';

  it('positive control: a regular file is stored byte for byte', async () => {
    project(CONFIG);
    writeFileSync(join(box.project, 'cert.pem'), 'line1\nline2\n');
    const r = await box.run(['set', 'CERT', '--from-file', 'cert.pem', '-p', 'pl'], { env });
    expect(r.code, r.stderr).toBe(0);
    expect((await box.run(['get', 'CERT'])).stdout).toBe('line1\nline2\n\n');
  });

  it('a FIFO, /dev/stdin, /dev/zero or a directory is refused without blocking', async () => {
    project(CONFIG);
    fifo('value.fifo');
    mkdirSync(join(box.project, 'vdir'));
    for (const path of ['value.fifo', '/dev/stdin', '/dev/zero', 'vdir']) {
      const r = await box.run(['set', 'V', '--from-file', path, '-p', 'pl'], { env, timeoutMs: 20_000, input: CANARY });
      expect(r.signal, `${path} hung`).toBeNull();
      expectCleanFailure(r, /Failed to read secret file: .*not a regular file/);
    }
  });

  it('a file over 1 MiB is refused', async () => {
    project(CONFIG);
    writeFileSync(join(box.project, 'huge.bin'), Buffer.alloc(1024 * 1024 + 1, 97));
    expectCleanFailure(await box.run(['set', 'V', '--from-file', 'huge.bin', '-p', 'pl'], { env }), /huge\.bin \(.*more than the 1048576 bytes allowed\)/);
  });
});

describe('standard input of set and import', () => {
  const CONFIG = 'root = true\n\n[providers.pl]\ntype = "plain"\n\n[secrets]\n';

  it('positive control: a large value (100 KiB) piped into set is stored', async () => {
    project(CONFIG);
    const r = await box.run(['set', 'V', '-p', 'pl'], { input: 'v'.repeat(100 * 1024) });
    expect(r.code, r.stderr).toBe(0);
    expect((await box.run(['get', 'V'])).stdout).toBe(`${'v'.repeat(100 * 1024)}\n`);
  });

  it('a value that would push fnox.toml past 1 MiB is refused and the file left as it was (fnox could not read it back)', async () => {
    project(CONFIG);
    const before = readFileSync(join(box.project, 'fnox.toml'), 'utf8');
    const r = await box.run(['set', 'V', '-p', 'pl'], { input: 'v'.repeat(1024 * 1024) });
    expectCleanFailure(r, /Refusing to write configuration file: .*fnox\.toml \(it would be \d+ bytes, more than the 1048576 bytes fnox reads\)/);
    expect(readFileSync(join(box.project, 'fnox.toml'), 'utf8')).toBe(before);
    expect((await box.run(['list'])).code).toBe(0);
  });

  it('an endless stream (/dev/zero) piped into set or import ends in one line, the config untouched', async () => {
    project(CONFIG);
    const before = readFileSync(join(box.project, 'fnox.toml'), 'utf8');
    for (const args of [
      ['set', 'V', '-p', 'pl'],
      ['import', '-p', 'pl', '--force'],
    ]) {
      const r = spawnSync('sh', ['-c', `exec "${process.execPath}" "${FNOX_BIN}" ${args.join(' ')} < /dev/zero`], {
        cwd: box.project,
        env: box.env,
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(r.signal, `${args[0]} hung`).toBeNull();
      expectCleanFailure({ code: r.status, stdout: r.stdout, stderr: r.stderr }, 'Failed to read standard input (more than the 1048576 bytes allowed)');
    }
    expect(readFileSync(join(box.project, 'fnox.toml'), 'utf8')).toBe(before);
  });
});
