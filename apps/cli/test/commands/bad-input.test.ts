/**
 * Bad input, black-box: each row gives one clear `error:` line (naming the file and position when
 * a file is at fault), a `hint:`, the exit code from the table, no stack trace, nothing on stdout,
 * and leaves every file byte-identical.
 */
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandbox, type Sandbox } from '@fnox/test-kit';

interface Row {
  readonly name: string;
  readonly files: Record<string, string | { dir: true }>;
  readonly args: readonly string[];
  readonly error: RegExp;
  readonly exit?: number;
  /** Text that must not appear anywhere in the output (secret values). */
  readonly secret?: string;
  readonly cwd?: string;
  readonly skip?: boolean;
}

const PLAIN = '[providers.pl]\ntype = "plain"\n';
const SECRET = 'hunter2-plaintext';

const ROWS: Row[] = [
  { name: 'unclosed table header', files: { 'fnox.toml': '[secrets\nA = { default = "a" }\n' }, args: ['list'], error: /fnox\.toml:1:\d+: invalid TOML/ },
  { name: 'unterminated string', files: { 'fnox.toml': '[secrets]\nA = { default = "a }\n' }, args: ['list'], error: /fnox\.toml:2:\d+: invalid TOML/ },
  { name: 'duplicate key', files: { 'fnox.toml': '[secrets]\nA = { default = "a" }\nA = { default = "b" }\n' }, args: ['list'], error: /fnox\.toml:3:\d+: invalid TOML: trying to redefine an already defined table or value/ },
  { name: 'duplicate table', files: { 'fnox.toml': '[secrets]\n[secrets]\n' }, args: ['list'], error: /fnox\.toml:2:\d+: invalid TOML/ },
  { name: 'value missing after =', files: { 'fnox.toml': 'root =\n' }, args: ['list'], error: /fnox\.toml:1:\d+: invalid TOML/ },
  { name: '`imports` typo', files: { 'fnox.toml': 'imports = ["x.toml"]\n' }, args: ['list'], error: /fnox\.toml:1:1: unknown key `imports` at the top level; did you mean `import`\?/ },
  { name: 'unknown top-level key', files: { 'fnox.toml': 'root = true\nverbose = true\n' }, args: ['list'], error: /fnox\.toml:2:1: unknown key `verbose` at the top level/ },
  { name: 'unknown secret field', files: { 'fnox.toml': `${PLAIN}[secrets]\nA = { provder = "pl", value = "x" }\n` }, args: ['list'], error: /fnox\.toml:4:7: unknown key `provder` in secret 'A'; did you mean `provider`\?/ },
  { name: 'if_missing inside [profiles.X]', files: { 'fnox.toml': `${PLAIN}[profiles.dev]\nif_missing = "warn"\n` }, args: ['list'], error: /fnox\.toml:4:1: unknown key `if_missing` in \[profiles\.dev\]/ },
  { name: 'bare-string secret (value never echoed)', files: { 'fnox.toml': `[secrets]\nA = "${SECRET}"\n` }, args: ['list'], error: /fnox\.toml:2:5: secret 'A' must be a table, not a string/, secret: SECRET },
  { name: 'env = "sometimes"', files: { 'fnox.toml': '[secrets]\nA = { default = "a", env = "sometimes" }\n' }, args: ['list'], error: /fnox\.toml:2:28: `secrets\.A\.env` must be true, false or "exec"/ },
  { name: 'line = 0', files: { 'fnox.toml': '[secrets.A]\ndefault = "a"\nline = 0\n' }, args: ['list'], error: /fnox\.toml:3:8: `secrets\.A\.line` must be a 1-indexed line number/ },
  { name: 'if_missing = "maybe"', files: { 'fnox.toml': 'if_missing = "maybe"\n' }, args: ['list'], error: /fnox\.toml:1:14: `if_missing` must be "error", "warn" or "ignore"/ },
  { name: 'as_file = "yes"', files: { 'fnox.toml': '[secrets]\nA = { default = "a", as_file = "yes" }\n' }, args: ['list'], error: /`secrets\.A\.as_file` must be true or false/ },
  { name: 'description = 5', files: { 'fnox.toml': '[secrets]\nA = { description = 5 }\n' }, args: ['list'], error: /fnox\.toml:2:21: `secrets\.A\.description` must be a string/ },
  { name: 'provider without type', files: { 'fnox.toml': '[providers.p]\nregion = "eu-west-1"\n' }, args: ['list'], error: /fnox\.toml:1:1: provider 'p' has no `type`/ },
  { name: 'provider type not a string', files: { 'fnox.toml': '[providers.p]\ntype = 5\n' }, args: ['list'], error: /fnox\.toml:2:8: `providers\.p\.type` must be a string/ },
  { name: 'root = "yes"', files: { 'fnox.toml': 'root = "yes"\n' }, args: ['list'], error: /fnox\.toml:1:8: `root` must be true or false/ },
  { name: 'import not a list', files: { 'fnox.toml': 'import = "x.toml"\n' }, args: ['list'], error: /fnox\.toml:1:10: `import` must be a list of file paths/ },
  { name: 'profiles not a table', files: { 'fnox.toml': 'profiles = 5\n' }, args: ['list'], error: /fnox\.toml:1:12: `profiles` must be a table/ },
  { name: 'sync without value', files: { 'fnox.toml': `${PLAIN}[secrets]\nA = { sync = { provider = "pl" } }\n` }, args: ['list'], error: /`secrets\.A\.sync` needs both provider and value/ },
  { name: 'unknown key in [mcp]', files: { 'fnox.toml': '[mcp]\ntoolz = ["exec"]\n' }, args: ['list'], error: /fnox\.toml:2:1: unknown key `toolz` in \[mcp\]; did you mean `tools`\?/ },
  { name: 'empty profile name', files: { 'fnox.toml': '[profiles.""]\n' }, args: ['list'], error: /fnox\.toml:1:1: empty profile name/ },
  { name: 'bad key in the global config', files: { '.config/fnox/config.toml': 'imports = []\n', 'project/fnox.toml': '' }, args: ['list'], error: /\.config\/fnox\/config\.toml:1:1: unknown key `imports`/ },
  { name: 'import file missing', files: { 'fnox.toml': 'import = ["missing.toml"]\n' }, args: ['list'], error: /Import file not found: .*\/project\/missing\.toml/ },
  { name: '-c file missing', files: { 'fnox.toml': '' }, args: ['-c', 'nope.toml', 'list'], error: /Failed to read configuration file: .*\/project\/nope\.toml/ },
  { name: 'fnox.toml is a directory', files: { 'fnox.toml': { dir: true } }, args: ['list'], error: /Failed to read configuration file: .*\/project\/fnox\.toml/ },
  { name: '-c through a file', files: { 'fnox.toml': '' }, args: ['-c', 'fnox.toml/inner.toml', 'list'], error: /Failed to read configuration file: .*fnox\.toml\/inner\.toml/ },
  { name: 'unreadable file', files: { 'fnox.toml': 'root = true\n' }, args: ['list'], error: /Failed to read configuration file: .*fnox\.toml/, skip: process.getuid?.() === 0 },
  { name: 'no config anywhere', files: {}, args: ['list'], error: /No configuration file found in .*project or any parent directory/ },
  { name: 'set: provider not configured', files: { 'fnox.toml': PLAIN }, args: ['set', 'A', SECRET, '-p', 'nope'], error: /Provider 'nope' not found in configuration/, secret: SECRET },
  { name: 'set: unknown provider type', files: { 'fnox.toml': '[providers.v]\ntype = "no-such-type"\n' }, args: ['set', 'A', SECRET, '-p', 'v'], error: /Unknown provider type 'no-such-type'/, secret: SECRET },
  { name: 'set: no providers at all', files: { 'fnox.toml': '' }, args: ['set', 'A', SECRET], error: /No providers configured/, secret: SECRET },
  { name: 'set: empty key name', files: { 'fnox.toml': PLAIN }, args: ['set', '', SECRET], error: /Invalid secret name: an empty name/, secret: SECRET },
  { name: 'set: invalid env var name', files: { 'fnox.toml': PLAIN }, args: ['set', '1BAD-NAME', SECRET], error: /Invalid secret name: '1BAD-NAME'/, secret: SECRET },
  { name: 'set: bad --write-profile', files: { 'fnox.toml': PLAIN }, args: ['set', 'A', SECRET, '--write-profile', '../etc'], error: /Invalid --write-profile name: '\.\.\/etc'/, secret: SECRET },
  { name: 'set: several profiles active', files: { 'fnox.toml': PLAIN }, args: ['set', 'A', SECRET, '-P', 'a,b'], error: /Multiple profiles are active \(a,b\)/, secret: SECRET },
  { name: 'set: VALUE and --from-file', files: { 'fnox.toml': PLAIN }, args: ['set', 'A', SECRET, '--from-file', 'x'], error: /cannot be used with --from-file/, exit: 2, secret: SECRET },
  { name: 'set: --from-file missing', files: { 'fnox.toml': PLAIN }, args: ['set', 'A', '--from-file', 'missing.txt'], error: /Failed to read secret file: missing\.txt \(/ },
  { name: 'set: --from-file names the path as given', files: { 'fnox.toml': PLAIN }, args: ['set', 'A', '--from-file', './sub/../missing.txt'], error: /^error: Failed to read secret file: \.\/sub\/\.\.\/missing\.txt \(fnox::io::secret_file_read_failed\)$/ },
  { name: 'unknown command: one error line with a suggestion, no oclif warning', files: { 'fnox.toml': PLAIN }, args: ['provider', 'ad'], error: /^error: 'provider ad' is not a fnox command \(fnox::cli::unknown_command\)$/, exit: 127 },
  { name: 'get: missing argument is named', files: { 'fnox.toml': PLAIN }, args: ['get'], error: /^error: Missing 1 required arg: KEY \(fnox::usage\)$/, exit: 2 },
  { name: 'provider add: both missing arguments are named', files: { 'fnox.toml': PLAIN }, args: ['provider', 'add'], error: /^error: Missing 2 required args: NAME, TYPE \(fnox::usage\)$/, exit: 2 },
  { name: 'runtime --if-missing maybe (fast path)', files: { 'fnox.toml': `${PLAIN}[secrets]\nA = { default = "a" }\n` }, args: ['get', 'A', '--if-missing', 'maybe'], error: /^error: invalid value 'maybe' for --if-missing \(fnox::usage\)$/, exit: 2 },
  { name: 'runtime --if-missing maybe before the command (oclif)', files: { 'fnox.toml': `${PLAIN}[secrets]\nA = { default = "a" }\n` }, args: ['--if-missing=maybe', 'list'], error: /invalid value 'maybe' for --if-missing/, exit: 2 },
  { name: 'set with no config anywhere points at init', files: {}, args: ['set', 'A', SECRET], error: /No configuration file found .* \(fnox::config::not_found\)$/, secret: SECRET },
  {
    name: 'age identities that need each other',
    files: {
      'fnox.toml':
        '[providers.a]\ntype = "age"\nrecipients = ["age1x"]\nidentity = { provider = "b", value = "k" }\n' +
        '[providers.b]\ntype = "age"\nrecipients = ["age1x"]\nidentity = { provider = "a", value = "k" }\n' +
        '[secrets]\nA = { provider = "a", value = "YWdl" }\n',
    },
    args: ['get', 'A'],
    error: /^error: Circular dependency detected in provider configuration for 'a' \(fnox::provider::config_cycle\)$/,
  },
  { name: 'set: bad --if-missing', files: { 'fnox.toml': PLAIN }, args: ['set', 'A', '--if-missing', 'sometimes'], error: /invalid value 'sometimes' for --if-missing/, exit: 2 },
  { name: 'set: broken target file', files: { 'fnox.toml': `${PLAIN}[secrets]\nA = { value = "x" \n` }, args: ['set', 'A', SECRET], error: /fnox\.toml:5:1: invalid TOML: expected comma or end of structure/, secret: SECRET },
  { name: 'remove: key not there', files: { 'fnox.toml': `${PLAIN}[secrets]\nA = { default = "a" }\n` }, args: ['remove', 'B'], error: /Secret 'B' not found in profile 'default'/ },
  { name: 'remove: no config file', files: {}, args: ['remove', 'B'], error: /Configuration file not found: .*project\/fnox\.toml/ },
  { name: 'init: file exists', files: { 'fnox.toml': '# mine\n' }, args: ['init', '--skip-wizard'], error: /Configuration file '.*fnox\.toml' already exists\. Use --force to overwrite\./ },
];

function snapshot(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const stat = statSync(path);
      if (stat.isDirectory()) walk(path);
      else out.set(relative(root, path), `${stat.mode}:${readFileSync(path).toString('base64')}`);
    }
  };
  walk(root);
  return out;
}

let box: Sandbox;
beforeAll(() => {
  box = sandbox();
});
afterAll(() => box.cleanup());

describe('bad input', () => {
  it('has at least 25 rows', () => expect(ROWS.length).toBeGreaterThanOrEqual(25));

  // Each row gets its own directory under the sandbox home, so rows can run concurrently.
  it.each(ROWS.map((row, i) => [row.name, row, i] as const))('%s', async (_name, row, i) => {
    if (row.skip) return;
    const root = join(box.home, `row-${i}`);
    const project = join(root, 'project');
    mkdirSync(project, { recursive: true });
    for (const [path, content] of Object.entries(row.files)) {
      const full = path.startsWith('.config/') || path.startsWith('project/') ? join(root, path) : join(project, path);
      mkdirSync(dirname(full), { recursive: true });
      if (typeof content === 'string') writeFileSync(full, content);
      else mkdirSync(full, { recursive: true });
    }
    if (row.name === 'unreadable file') chmodSync(join(project, 'fnox.toml'), 0o000);
    const before = snapshot(root);
    const result = await box.run(row.args, { cwd: project, env: { HOME: root, XDG_CONFIG_HOME: join(root, '.config'), FNOX_CONFIG_DIR: join(root, '.config', 'fnox') } });
    expect(result.stdout).toBe('');
    expect(result.code).toBe(row.exit ?? 1);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^error: /);
    expect(lines[0]).toMatch(row.error);
    // Every error names its diagnostic id, once, at the end of its first line.
    expect(lines[0]).toMatch(/ \(fnox::[a-z_:]+\)$/);
    expect(result.stderr).not.toMatch(/^Error:/m);
    expect(result.stderr).toMatch(/\nhint: \S/);
    expect(result.stderr).not.toMatch(/^\s+at .+[:(]\d+/m);
    if (row.secret) expect(result.stderr).not.toContain(row.secret);
    expect(snapshot(root)).toEqual(before);
  });
});
