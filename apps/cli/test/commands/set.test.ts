import { readFileSync, statSync, chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sandbox, type Sandbox } from '@fnox/test-kit';
import { expectHelp } from './help-check.js';

let box: Sandbox;
let file: string;
const BASE = `# my project
root = true

[providers.pl]
type = "plain"   # the only provider

[secrets]
# the database
DB = { provider = "pl", value = "old" } # keep?

[secrets.TABLE]
provider = "pl"
value = "t"
`;

beforeEach(() => {
  box = sandbox();
  file = join(box.project, 'fnox.toml');
  writeFileSync(file, BASE);
});
afterEach(() => box.cleanup());

const read = () => readFileSync(file, 'utf8');

describe('fnox set', () => {
  it('appends a new secret with the upstream shape, touching nothing else', async () => {
    const result = await box.run(['set', 'API_KEY', 'abc']);
    expect(result).toMatchObject({ code: 0, stdout: '✓ Set secret API_KEY\n', stderr: '' });
    expect(read()).toBe(BASE.replace('DB = { provider = "pl", value = "old" } # keep?\n', 'DB = { provider = "pl", value = "old" } # keep?\nAPI_KEY= { provider = "pl", value = "abc" }\n'));
  });

  it("rewrites only the entry it sets, byte for byte as upstream's toml_edit writer does", async () => {
    // Upstream replaces the entry's inline table (value decor and trailing comment go with it) and
    // sets the key's suffix to "" (`KEY= {`), for new and rewritten entries alike; entries it does
    // not touch (such as `KEY = {` lines its whole-file rewrites produce) keep their bytes.
    writeFileSync(file, 'root = true\n\n[providers.pl]\ntype = "pl"\n\n[secrets]\nA   =   { provider = "pl", value = "a" }  # c\n"B" = {provider="pl",value="b"}\nC = { provider = "pl", value = "c" }\n'.replace('type = "pl"', 'type = "plain"'));
    expect((await box.run(['set', 'A', 'a2'])).code).toBe(0);
    expect((await box.run(['set', 'B', 'b2'])).code).toBe(0);
    expect(read()).toBe(
      'root = true\n\n[providers.pl]\ntype = "plain"\n\n[secrets]\nA= { provider = "pl", value = "a2" }\n"B"= { provider = "pl", value = "b2" }\nC = { provider = "pl", value = "c" }\n',
    );
  });

  it('updates inline and table entries in place', async () => {
    expect((await box.run(['set', 'DB', 'new', '-d', 'Postgres'])).code).toBe(0);
    expect((await box.run(['set', 'TABLE', 'updated'])).code).toBe(0);
    expect(read()).toBe(
      BASE.replace('DB = { provider = "pl", value = "old" } # keep?', 'DB= { provider = "pl", value = "new", description = "Postgres" }').replace(
        'value = "t"\n',
        'value = "updated"\n',
      ),
    );
  });

  it('reads stdin trimmed, and --from-file verbatim', async () => {
    expect((await box.run(['set', 'FROM_STDIN'], { input: '  padded value \n' })).code).toBe(0);
    writeFileSync(join(box.project, 'key.pem'), 'line1\nline2\n');
    expect((await box.run(['set', 'FROM_FILE', '--from-file', 'key.pem'])).code).toBe(0);
    expect(read()).toContain('FROM_STDIN= { provider = "pl", value = "padded value" }\n');
    expect(read()).toContain('FROM_FILE= { provider = "pl", value = """\nline1\nline2\n""" }\n');
    const got = await box.run(['list', '--json']);
    expect(JSON.parse(got.stdout).secrets.find((s: { key: string }) => s.key === 'FROM_FILE').providerKey).toBe('line1\nline2\n');
  });

  it('without a determinable provider stores the plaintext in value and default', async () => {
    writeFileSync(file, 'root = true\n[providers.a]\ntype = "plain"\n[providers.b]\ntype = "plain"\n');
    expect((await box.run(['set', 'X', 'v'])).code).toBe(0);
    expect(read()).toBe('root = true\n[providers.a]\ntype = "plain"\n[providers.b]\ntype = "plain"\n\n[secrets]\nX= { value = "v", default = "v" }\n');
  });

  it('writes to [profiles.P.secrets] with -P, or to fnox.P.toml when it exists', async () => {
    const result = await box.run(['set', 'P_ONLY', 'pv', '-P', 'dev', '-p', 'pl']);
    expect(result.stdout).toBe('✓ Set secret P_ONLY in profile dev\n');
    expect(read()).toBe(`${BASE}\n[profiles]\n\n[profiles.dev]\n\n[profiles.dev.secrets]\nP_ONLY= { provider = "pl", value = "pv" }\n`);
    writeFileSync(join(box.project, 'fnox.prod.toml'), '# prod file\n');
    expect((await box.run(['set', 'IN_FILE', 'x', '-p', 'pl'], { env: { FNOX_PROFILE: 'prod' } })).code).toBe(0);
    expect(readFileSync(join(box.project, 'fnox.prod.toml'), 'utf8')).toBe('[secrets]\nIN_FILE= { provider = "pl", value = "x" }\n# prod file\n');
  });

  it('changes only metadata when no value is given with -d/--default/--if-missing', async () => {
    expect((await box.run(['set', 'DB', '--if-missing', 'warn'])).code).toBe(0);
    expect(read()).toContain('DB= { provider = "pl", value = "old", if_missing = "warn" }\n');
  });

  it('--dry-run writes nothing and prints the plan; --base64-encode encodes', async () => {
    const dry = await box.run(['set', 'NEW', 'secret-value', '-n', '-d', 'desc']);
    expect(dry.stdout).toBe(`[dry-run] Would set secret NEW in ${file}\n  provider: pl\n  value: <encrypted>\n  description: desc\n`);
    expect(read()).toBe(BASE);
    expect((await box.run(['set', 'B64', 'hello', '--base64-encode'])).code).toBe(0);
    expect(read()).toContain('B64= { provider = "pl", value = "aGVsbG8=" }\n');
  });

  it('keeps the file mode, leaves no lock or temp file, never prints the value', async () => {
    chmodSync(file, 0o600);
    const result = await box.run(['set', 'MODE', 'sekr1t-value']);
    expect(result.stdout + result.stderr).not.toContain('sekr1t-value');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(box.project).sort()).toEqual(['fnox.toml']);
  });

  it('creates a child fnox.toml in a sub-directory instead of editing the parent', async () => {
    const { mkdirSync } = await import('node:fs');
    const sub = join(box.project, 'sub');
    mkdirSync(sub);
    expect((await box.run(['set', 'DB', 'child'], { cwd: sub })).code).toBe(0);
    expect(read()).toBe(BASE);
    expect(readFileSync(join(sub, 'fnox.toml'), 'utf8')).toBe('[secrets]\nDB= { provider = "pl", value = "child" }\n');
  });

  it("in a child directory, a parent's default-only secret gets a local override (metadata copied, parent untouched)", async () => {
    const { mkdirSync } = await import('node:fs');
    writeFileSync(file, 'root = true\n\n[providers.pl]\ntype = "plain"\n\n[secrets]\nPARENT_SECRET = { default = "parent-value", description = "from the parent" }\n');
    const parentBefore = read();
    const child = join(box.project, 'child');
    mkdirSync(child);
    writeFileSync(join(child, 'fnox.toml'), '[secrets]\nCHILD_SECRET = { default = "original-child-value" }\n');
    const result = await box.run(['set', 'PARENT_SECRET', 'updated-value'], { cwd: child });
    expect(result).toMatchObject({ code: 0, stdout: '✓ Set secret PARENT_SECRET\n' });
    expect(read()).toBe(parentBefore);
    expect(readFileSync(join(child, 'fnox.toml'), 'utf8')).toBe(
      '[secrets]\nCHILD_SECRET = { default = "original-child-value" }\nPARENT_SECRET= { provider = "pl", value = "updated-value", description = "from the parent", default = "parent-value" }\n',
    );
    expect((await box.run(['get', 'PARENT_SECRET'], { cwd: child })).stdout).toBe('updated-value\n');
    expect((await box.run(['get', 'PARENT_SECRET'])).stdout).toBe('parent-value\n');
  });

  it('accepts the alias s, and has help with an example', async () => {
    expect((await box.run(['s', 'ALIAS', 'x'])).code).toBe(0);
    await expectHelp(box, 'set');
  });
});
