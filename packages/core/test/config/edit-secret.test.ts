/**
 * Byte-exact write shapes. Expected outputs are what upstream fnox (toml_edit) writes: new and
 * rewritten inline entries as `KEY= { ... }` with a fresh value decor (a trailing comment on a
 * rewritten line goes, as toml_edit replaces the value), comment lines above an entry stay with it,
 * table-style entries are edited field by field, new entries append to the table.
 */
import { describe, expect, it } from 'vitest';
import { removeSecretFromText, setSecretInText } from '../../src/config/edit-secret.js';
import { FnoxError } from '../../src/errors.js';

const SOURCE = `# Project secrets -- managed by fnox
default_provider = "plain"   # aligned comment

[providers.plain]
type = "plain" # trailing

# Secrets section
[secrets]
# database
DB_URL = { provider = "plain", value = "postgres://x" } # after db

  API_KEY  =  { value = "k" }

[secrets.TABLE_STYLE]
# comment inside the table
provider = "plain"
value = "old" # old value
description = "kept"

[profiles.dev.secrets]
DEV_ONLY = { default = "d" }
`;

const F = 'fnox.toml';

/** Apply `replace` pairs to SOURCE, asserting each original line exists exactly once. */
function expected(...edits: [string, string][]): string {
  let text = SOURCE;
  for (const [from, to] of edits) {
    expect(text.split(from).length - 1, `"${from}" occurs once`).toBe(1);
    text = text.replace(from, to);
  }
  return text;
}

describe('setSecretInText: byte-exact output', () => {
  it('appends a new entry as `KEY= { ... }` at the end of [secrets], nothing else changes', async () => {
    const out = await setSecretInText(SOURCE, ['secrets'], 'NEW', { provider: 'plain', value: 'zz', description: 'new one' }, F);
    expect(out).toBe(expected(['  API_KEY  =  { value = "k" }\n', '  API_KEY  =  { value = "k" }\nNEW= { provider = "plain", value = "zz", description = "new one" }\n']));
  });

  it('writes fields in upstream order whatever order they were given in', async () => {
    const out = await setSecretInText(SOURCE, ['secrets'], 'ORDER', { as_file: true, env: 'exec', if_missing: 'warn', default: 'd', description: 'x', line: 2, value: 'v', provider: 'plain', daemon_cache: false, sync: { provider: 'plain', value: 's' } }, F);
    expect(out).toContain('\nORDER= { provider = "plain", value = "v", line = 2, description = "x", default = "d", if_missing = "warn", env = "exec", as_file = true, sync = { provider = "plain", value = "s" }, daemon_cache = false }\n');
  });

  it('rewrites an existing inline entry in place: comment above kept, indentation kept, `KEY=` normalised', async () => {
    const out = await setSecretInText(SOURCE, ['secrets'], 'DB_URL', { provider: 'plain', value: 'new' }, F);
    expect(out).toBe(expected(['DB_URL = { provider = "plain", value = "postgres://x" } # after db\n', 'DB_URL= { provider = "plain", value = "new" }\n']));
    const indented = await setSecretInText(SOURCE, ['secrets'], 'API_KEY', { value: 'k2' }, F);
    expect(indented).toBe(expected(['  API_KEY  =  { value = "k" }\n', '  API_KEY= { value = "k2" }\n']));
  });

  it('keeps a table-style entry as a table, setting and removing fields one by one', async () => {
    const out = await setSecretInText(SOURCE, ['secrets'], 'TABLE_STYLE', { provider: 'plain', value: 'new', if_missing: 'ignore' }, F);
    expect(out).toBe(
      expected([
        '# comment inside the table\nprovider = "plain"\nvalue = "old" # old value\ndescription = "kept"\n',
        '# comment inside the table\nprovider = "plain"\nvalue = "new"\nif_missing = "ignore"\n',
      ]),
    );
  });

  it('creates [profiles.P.secrets] (with its parent table, as toml_edit does) at the end', async () => {
    const out = await setSecretInText(SOURCE, ['profiles', 'prod', 'secrets'], 'P', { default: 'p' }, F);
    expect(out).toBe(`${SOURCE}\n[profiles.prod]\n\n[profiles.prod.secrets]\nP= { default = "p" }\n`);
    const dev = await setSecretInText(SOURCE, ['profiles', 'dev', 'secrets'], 'D2', { default: 'x' }, F);
    expect(dev).toBe(`${SOURCE}D2= { default = "x" }\n`);
  });

  it('creates [secrets] in an empty or secret-less file', async () => {
    expect(await setSecretInText('', ['secrets'], 'K', { provider: 'age', value: 'YWdl' }, F)).toBe('[secrets]\nK= { provider = "age", value = "YWdl" }\n');
    expect(await setSecretInText('root = true\n', ['secrets'], 'K', { default: 'v' }, F)).toBe('root = true\n\n[secrets]\nK= { default = "v" }\n');
    // toml_edit keeps a comment after the last item as document trailer, so it stays last.
    expect(await setSecretInText('# only a comment\n', ['secrets'], 'K', { default: 'v' }, F)).toBe('[secrets]\nK= { default = "v" }\n# only a comment\n');
  });

  it('adds to a [secrets] that holds only table-style entries (toml_edit places it before them)', async () => {
    expect(await setSecretInText('[secrets] # hdr\n\n[secrets.T]\nvalue = "x"\n', ['secrets'], 'K', { value: 'v' }, F)).toBe(
      '[secrets] # hdr\nK= { value = "v" }\n\n[secrets.T]\nvalue = "x"\n',
    );
    expect(await setSecretInText('root = true\n\n# about T\n[secrets.T]\nvalue = "x"\n', ['secrets'], 'K', { value: 'v' }, F)).toBe(
      'root = true\n\n[secrets]\nK= { value = "v" }\n\n# about T\n[secrets.T]\nvalue = "x"\n',
    );
  });

  it('keeps a CRLF file CRLF (toml_edit alone would rewrite every line end to LF); ends a missing final newline with LF as toml_edit does', async () => {
    const crlf = '[secrets]\r\nA = { value = "a" }\r\n';
    expect(await setSecretInText(crlf, ['secrets'], 'A', { value: 'b' }, F)).toBe('[secrets]\r\nA= { value = "b" }\r\n');
    expect(await setSecretInText('[secrets]\nA = { value = "a" }', ['secrets'], 'A', { value: 'b' }, F)).toBe('[secrets]\nA= { value = "b" }\n');
    // The entry fnox places itself (a table of only sub-tables) follows the file's style too.
    expect(await setSecretInText('root = true\r\n\r\n[secrets.T]\r\nvalue = "x"\r\n', ['secrets'], 'K', { value: 'v' }, F)).toBe(
      'root = true\r\n\r\n[secrets]\r\nK= { value = "v" }\r\n\r\n[secrets.T]\r\nvalue = "x"\r\n',
    );
  });

  it('refuses an edit whose result would not parse as a bug of its own, never showing the candidate text', async () => {
    // A new entry among dotted keys is not written in a shape that parses; the user's file itself is fine.
    const text = 'secrets.A.default = "a"\nsecrets.B.default = "b"\n';
    const error = (await setSecretInText(text, ['secrets'], 'C', { provider: 'plain', value: 'plain-secret-value' }, F).catch((e: unknown) => e)) as FnoxError;
    expect(error).toBeInstanceOf(FnoxError);
    expect(error.code).toBe('config_write_failed');
    expect(`${error.message}\n${error.hint}`).toMatch(/did not match the intended change.*\n.*bug in fnox/);
    expect(`${error.message}${error.hint}${JSON.stringify(error)}`).not.toContain('plain-secret-value');
  });

  it('quotes and escapes values the way toml_edit does', async () => {
    const out = await setSecretInText('', ['secrets'], 'Q', { value: 'say "hi"', default: 'back\\slash' }, F);
    expect(out).toBe(`[secrets]\nQ= { value = 'say "hi"', default = 'back\\slash' }\n`);
  });
});

describe('removeSecretFromText: byte-exact output', () => {
  it('removes an inline entry with the comment lines that belong to it', async () => {
    const out = await removeSecretFromText(SOURCE, ['secrets'], 'DB_URL', F);
    expect(out).toBe(expected(['# database\nDB_URL = { provider = "plain", value = "postgres://x" } # after db\n', '']));
  });

  it('removes a table-style entry with its header', async () => {
    const out = await removeSecretFromText(SOURCE, ['secrets'], 'TABLE_STYLE', F);
    expect(out).toBe(expected(['\n[secrets.TABLE_STYLE]\n# comment inside the table\nprovider = "plain"\nvalue = "old" # old value\ndescription = "kept"\n', '']));
  });

  it('removes from a profile section and reports a missing key', async () => {
    expect(await removeSecretFromText(SOURCE, ['profiles', 'dev', 'secrets'], 'DEV_ONLY', F)).toBe(expected(['DEV_ONLY = { default = "d" }\n', '']));
    expect(await removeSecretFromText(SOURCE, ['secrets'], 'NOPE', F)).toBeUndefined();
    expect(await removeSecretFromText(SOURCE, ['profiles', 'x', 'secrets'], 'DEV_ONLY', F)).toBeUndefined();
  });
});
