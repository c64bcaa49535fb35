// Regenerates schemas/fnox.schema.json: `fnox schema` for the default provider set (builtin plain
// + the core plugin age), run with a fresh data dir so no user-installed or linked plugin leaks in.
//   node schemas/generate.mjs           write the file
//   node schemas/generate.mjs --print   print it instead
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));

/** The default-set schema text, as `fnox schema` prints it. */
export function defaultSchemaText() {
  const home = mkdtempSync(join(tmpdir(), 'fnox-schema-'));
  try {
    return execFileSync(process.execPath, [join(repo, 'apps/cli/bin/run.js'), 'schema'], {
      cwd: home,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: home, XDG_DATA_HOME: join(home, 'data'), XDG_CONFIG_HOME: join(home, 'config'), NO_COLOR: '1' },
    });
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = defaultSchemaText();
  if (process.argv.includes('--print')) process.stdout.write(text);
  else writeFileSync(join(repo, 'schemas/fnox.schema.json'), text);
}
