import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '@fnox/test-kit';
import { PLAIN, project } from './secrets-helpers.js';

const box: Sandbox = project(
  PLAIN +
    `SIMPLE = { provider = "plain", value = "abc-123" }
SPACES = { default = "hello world" }
QUOTES = { default = "it's \\"quoted\\"" }
DOLLAR = { default = "$$test \`cmd\`" }
NEWLINE = { default = "line1\\nline2" }
UNICODE = { default = "ünïcödé 秘密" }
DASHES = { default = "--flag" }
CARET = { default = "a^b" }
BACKSLASH = { default = "a\\\\b" }
EMPTY = { default = "" }
HIDDEN = { default = "h", env = false }
EXEC_ONLY = { default = "x", env = "exec" }
NONE = { if_missing = "ignore" }
`,
);
afterAll(() => box.cleanup());

describe('fnox export', () => {
  it('env (dotenv) format, byte-exact', async () => {
    const r = await box.run(['export']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'SIMPLE=abc-123',
        'SPACES="hello world"',
        'QUOTES="it\'s \\"quoted\\""',
        'DOLLAR="$$test `cmd`"',
        'NEWLINE="line1\\nline2"',
        'UNICODE="ünïcödé 秘密"',
        'DASHES=--flag',
        'CARET="a^b"',
        'BACKSLASH="a\\\\b"',
        'EMPTY=""',
        '',
      ].join('\n'),
    );
  });

  it('shell format with shlex quoting, byte-exact', async () => {
    const r = await box.run(['ex', '-f', 'shell']);
    expect(r.stdout).toBe(
      [
        'export SIMPLE=abc-123',
        "export SPACES='hello world'",
        `export QUOTES="it's \\"quoted\\""`,
        "export DOLLAR='$$test `cmd`'",
        "export NEWLINE='line1\nline2'",
        "export UNICODE='ünïcödé 秘密'",
        'export DASHES=--flag',
        "export CARET=a'^b'",
        'export BACKSLASH="a\\\\b"',
        "export EMPTY=''",
        '',
      ].join('\n'),
    );
  });

  it('shell output round-trips through sh', async () => {
    const r = await box.run(['export', '-f', 'shell', '--all']);
    const { execFileSync } = await import('node:child_process');
    const script = `${r.stdout}\nprintf '%s|' "$SIMPLE" "$QUOTES" "$DOLLAR" "$NEWLINE" "$UNICODE" "$CARET" "$BACKSLASH" "$EMPTY" "$HIDDEN" "$EXEC_ONLY"`;
    expect(execFileSync('sh', ['-c', script], { encoding: 'utf8' })).toBe(
      `abc-123|it's "quoted"|$$test \`cmd\`|line1\nline2|ünïcödé 秘密|a^b|a\\b||h|x|`,
    );
  });

  it('--all adds env = false and "exec"; --header', async () => {
    const r = await box.run(['export', '--all', '--header']);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('# Exported from profile: default');
    expect(lines[1]).toMatch(/^# Exported at: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+00:00$/);
    expect(lines[2]).toBe('# Total secrets: 12');
    expect(lines[3]).toBe('');
    expect(r.stdout).toContain('HIDDEN=h\nEXEC_ONLY=x\n');
  });

  it('json: 2-space pretty, no trailing newline, secrets + metadata', async () => {
    const r = await box.run(['export', '-f', 'json']);
    expect(r.stdout.endsWith('}')).toBe(true);
    const doc = JSON.parse(r.stdout);
    expect(Object.keys(doc)).toEqual(['secrets', 'metadata']);
    expect(doc.secrets.NEWLINE).toBe('line1\nline2');
    expect(doc.metadata).toMatchObject({ profile: 'default', total_secrets: 10 });
    expect(r.stdout.startsWith('{\n  "secrets": {\n    "SIMPLE": "abc-123",\n')).toBe(true);
  });

  it('yaml and toml documents', async () => {
    const y = await box.run(['export', '-f', 'yaml']);
    expect(y.stdout).toMatch(/^secrets:\n  SIMPLE: abc-123\n  SPACES: hello world\n/);
    expect(y.stdout).toContain("  EMPTY: ''\n");
    expect(y.stdout).toContain('  NEWLINE: |-\n    line1\n    line2\n');
    expect(y.stdout).toContain('metadata:\n  profile: default\n');
    const t = await box.run(['export', '-f', 'toml']);
    expect(t.stdout).toMatch(/^\[secrets\]\nSIMPLE = "abc-123"\n/);
    expect(t.stdout).toContain('\n\n[metadata]\nprofile = "default"\n');
  });

  it('bad format is a usage error', async () => expect((await box.run(['export', '-f', 'dotenv'])).code).toBe(2));

  it('-o writes the file and says so; -n with -o writes nothing', async () => {
    const r = await box.run(['export', '-o', 'out.env']);
    expect(r).toMatchObject({ code: 0, stdout: 'Secrets exported to: out.env\n' });
    const written = join(box.project, 'out.env');
    expect(readFileSync(written, 'utf8')).toContain('SIMPLE=abc-123\n');
    expect(statSync(written).mode & 0o777).toBe(0o600);
    const d = await box.run(['export', '-o', 'dry.json', '-f', 'json', '--dry-run']);
    expect(d.stdout).toBe(
      '[dry-run] Would export 10 secrets to dry.json in json format:\n' +
        ['SIMPLE', 'SPACES', 'QUOTES', 'DOLLAR', 'NEWLINE', 'UNICODE', 'DASHES', 'CARET', 'BACKSLASH', 'EMPTY'].map((k) => `  ${k}\n`).join(''),
    );
    expect(existsSync(join(box.project, 'dry.json'))).toBe(false);
    const plain = await box.run(['export', '-n']);
    expect(plain.stdout.startsWith('SIMPLE=abc-123\n')).toBe(true);
  });

  it('a failing secret under warn: empty stdout, WARN on stderr, exit 0', async () => {
    const b = project('[providers.a]\ntype = "plain"\n[providers.b]\ntype = "plain"\n[secrets]\nK = { provider = "nope", value = "x" }\n');
    try {
      const r = await b.run(['export']);
      expect(r).toMatchObject({ code: 0, stdout: '' });
      expect(r.stderr).toContain('WARN');
      expect(r.stderr).toContain("Error resolving secret 'K'");
      const i = await b.run(['--if-missing', 'ignore', 'export']);
      expect(i.stderr).not.toContain('Warning:');
      expect(i.stderr).not.toContain('WARN');
    } finally {
      b.cleanup();
    }
  });
});
