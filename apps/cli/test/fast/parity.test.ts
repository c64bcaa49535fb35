import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandbox, type FnoxResult, type Sandbox } from '@fnox/test-kit';

// Every hot command must print the same bytes and exit the same way through the fast path and
// through oclif (FNOX_NO_FAST_PATH=1), for its flags and its error cases.

const fixturePlugin = fileURLToPath(new URL('../fixtures/provider-fixture', import.meta.url));

const CONFIG = `# parity fixture
[providers.plain]
type = "plain"

[providers.age]
type = "age"
recipients = ["age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p"]

[secrets]
A = { provider = "plain", value = "hello world" }
B = { default = "x$y \`tick\` 'q'" }
JSON = { provider = "plain", value = '{"db":{"user":"u","port":5432}}', json_path = "db.port" }
EXEC_ONLY = { provider = "plain", value = "e", env = "exec" }
HIDDEN = { provider = "plain", value = "h", env = false }
OPTIONAL = { if_missing = "ignore" }

[profiles.prod.secrets]
A = { provider = "plain", value = "prod value" }
`;

let box: Sandbox;
beforeAll(() => {
  box = sandbox();
  (box.env as Record<string, string>).FNOX_CONFIG_DIR = join(box.home, '.config', 'fnox');
  writeFileSync(join(box.project, 'fnox.toml'), CONFIG);
  for (const dir of ['bad-toml', 'unknown-type', 'broken-age', 'missing']) mkdirSync(join(box.home, dir));
  writeFileSync(join(box.home, 'bad-toml', 'fnox.toml'), '[secrets\nA = 1\n');
  writeFileSync(
    join(box.home, 'unknown-type', 'fnox.toml'),
    '[providers.v]\ntype = "aws-kms"\nkey_id = "k"\nregion = "us-east-1"\n\n[secrets]\nA = { provider = "v", value = "AQID" }\n',
  );
  writeFileSync(
    join(box.home, 'broken-age', 'fnox.toml'),
    '[providers.age]\ntype = "age"\nrecipients = []\n\n[secrets]\nA = { provider = "age", value = "bm90IGFnZQ==" }\nB = { default = "b" }\n',
  );
});
afterAll(() => box.cleanup());

/** Each parity case runs with the V8 code cache (fnox's default) and without it. */
let cacheEnv: NodeJS.ProcessEnv = {};

async function both(args: string[], cwd?: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<[FnoxResult, FnoxResult]> {
  const env = { ...cacheEnv, ...extraEnv };
  const fast = await box.run(args, { cwd, env });
  const oclif = await box.run(args, { cwd, env: { ...env, FNOX_NO_FAST_PATH: '1' } });
  return [fast, oclif];
}

/** Export metadata carries the time of the run; everything else must match byte for byte. */
const normalise = (text: string) => text.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)/g, '<time>');

function same([fast, oclif]: [FnoxResult, FnoxResult]): FnoxResult {
  const view = (r: FnoxResult) => ({ stdout: normalise(r.stdout), stderr: r.stderr, code: r.code });
  expect(view(fast)).toEqual(view(oclif));
  return fast;
}

const codeCacheDirOf = (home: string) => join(home, '.cache', 'fnox', 'code-cache');
const at = (dir: string) => join(box?.home ?? '', dir);

describe.each<[string, NodeJS.ProcessEnv]>([
  ['with the code cache', {}],
  ['without the code cache', { FNOX_NO_CODE_CACHE: '1' }],
])('fast path parity with oclif, %s', (_label, setting) => {
  beforeAll(() => {
    cacheEnv = setting;
  });

  it('runs with the cache state it names', async () => {
    await box.run(['get', 'A'], { env: setting });
    const codeCacheDir = codeCacheDirOf(box.home);
    const files = existsSync(codeCacheDir) ? readdirSync(codeCacheDir) : [];
    if (setting.FNOX_NO_CODE_CACHE !== '1') expect(files.length).toBeGreaterThan(0);
  });

  it.each([
    [['version']],
    [['--version']],
    [['get', 'A']],
    [['get', 'A', '-P', 'prod']],
    [['-P', 'prod', 'get', 'A']],
    [['get', 'A', '--profile=prod']],
    [['get', 'JSON']],
    [['get', 'B']],
    [['get', 'OPTIONAL']],
    [['get', 'HIDDEN']],
    [['get', 'NOPE']],
    [['get', 'A', '--base64-decode']],
    [['get']],
    [['get', 'A', '--no-such-flag']],
    [['get', 'A', '-c', 'missing.toml']],
    [['export']],
    [['export', '--all']],
    [['export', '-f', 'json']],
    [['export', '--format', 'shell']],
    [['export', '-f', 'yaml', '-P', 'prod']],
    [['export', '-f', 'toml']],
    [['export', '-f', 'xml']],
    [['export', '-o', 'out.env', '-n']],
    [['exec', '--', 'sh', '-c', 'printf "%s|%s|%s|%s" "$A" "$B" "$EXEC_ONLY" "${HIDDEN-unset}"']],
    [['exec', 'sh', '-c', 'exit 3']],
    [['exec']],
    [['exec', '--', 'definitely-not-a-command-fnox']],
    [['--if-missing', 'error', 'exec', '--', 'true']],
  ])('%j', async (args) => {
    const result = same(await both(args));
    expect(result.stderr).not.toMatch(/\n\s+at /); // never a stack trace
  });

  it.each([
    ['bad TOML', 'bad-toml', ['get', 'A'], 1],
    ['bad TOML (export)', 'bad-toml', ['export'], 1],
    ['unknown provider type', 'unknown-type', ['get', 'A'], 1],
    ['unknown provider type (exec, if_missing warn)', 'unknown-type', ['exec', '--', 'true'], 0],
    ['unknown provider type (exec, if_missing error)', 'unknown-type', ['--if-missing', 'error', 'exec', '--', 'true'], 1],
    ['provider failure', 'broken-age', ['get', 'A'], 1],
    ['provider failure in a batch (warn)', 'broken-age', ['export'], 0],
    ['provider failure in a batch (error)', 'broken-age', ['export', '--if-missing', 'error'], 1],
    ['no config anywhere', 'missing', ['get', 'A'], 1],
  ] as const)('%s', async (_name, dir, args, code) => {
    const result = same(await both([...args], at(dir)));
    expect(result.code).toBe(code);
    expect(result.stderr).not.toBe('');
  });

  it('export -o writes the same file', async () => {
    same(await both(['export', '-o', 'fast.env'], undefined, {}));
    const first = readFileSync(join(box.project, 'fast.env'), 'utf8');
    rmSync(join(box.project, 'fast.env'));
    await box.run(['export', '-o', 'fast.env'], { env: { FNOX_NO_FAST_PATH: '1' } });
    expect(readFileSync(join(box.project, 'fast.env'), 'utf8')).toBe(first);
  });

  it('hook-env prints the same code apart from the opaque session value', async () => {
    // The session value and the stamp directory are fresh per run by design.
    const strip = (r: FnoxResult) => ({
      ...r,
      stdout: r.stdout.replace(/__FNOX_SESSION[= ].*/g, '__FNOX_SESSION=<opaque>').replace(/fnox-stamps-[A-Za-z0-9]+/g, 'fnox-stamps-<dir>'),
    });
    const [fast, oclif] = await both(['hook-env', '-s', 'bash']);
    expect(strip(fast)).toEqual(strip(oclif));
    expect(fast.stdout).toContain("export A='hello world'");
  });

  it('a linked provider works through the fast path, and after unlinking fails the same way', async () => {
    const marker = join(box.home, 'fixture-imports.log');
    const env = { FNOX_TEST_IMPORT_MARKER: marker };
    const dir = join(box.home, 'linked');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'fnox.toml'),
      '[providers.rev]\ntype = "fixture"\n\n[secrets]\nR = { provider = "rev", value = "rev:olleh" }\n',
    );
    expect((await box.run(['plugins', 'link', fixturePlugin, '--no-install'], { env })).code).toBe(0);
    const linked = same(await both(['get', 'R'], dir, env));
    expect(linked.stdout).toBe('hello\n');
    expect(existsSync(marker)).toBe(true);
    expect((await box.run(['plugins', 'unlink', 'fnox-provider-fixture'], { env })).code).toBe(0);
    const gone = same(await both(['get', 'R'], dir, env));
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain("Unknown provider type 'fixture'");
  });
});
