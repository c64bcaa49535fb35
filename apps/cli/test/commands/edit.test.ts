import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FNOX_BIN, type Sandbox } from '@fnox/test-kit';
import { ageKeyPair, bytes, configText, expectHelpOf } from './admin-helpers.js';
import { project } from './secrets-helpers.js';

let box: Sandbox;
let key: { identity: string; recipient: string };
let tmp: string;
let editor: string;
afterEach(() => box.cleanup());

/**
 * A scripted $EDITOR: copies what it was shown (and the file mode) to shown.toml / shown.mode,
 * then applies the JS replacement in EDIT_SCRIPT to the file and exits with EDIT_EXIT.
 */
const EDITOR_JS = `
import { readFileSync, writeFileSync, statSync } from 'node:fs';
const file = process.argv.at(-1);
const text = readFileSync(file, 'utf8');
writeFileSync(process.env.EDIT_CAPTURE + '/shown.args', JSON.stringify(process.argv.slice(2)));
writeFileSync(process.env.EDIT_CAPTURE + '/shown.toml', text);
writeFileSync(process.env.EDIT_CAPTURE + '/shown.mode', (statSync(file).mode & 0o777).toString(8));
writeFileSync(process.env.EDIT_CAPTURE + '/shown.path', file);
const edit = new Function('text', process.env.EDIT_SCRIPT || 'return text');
writeFileSync(file, edit(text));
process.exit(Number(process.env.EDIT_EXIT || 0));
`;

beforeEach(async () => {
  key = await ageKeyPair();
  box = project(`# my config
root = true

[providers.age]
type = "age"
recipients = ["${key.recipient}"]

[secrets]
# greeting
HELLO = { provider = "age", value = "placeholder" } # trailing

[profiles.dev.secrets]
DEV = { provider = "age", value = "placeholder" }
`);
  tmp = join(box.home, 'tmp');
  mkdirSync(tmp);
  writeFileSync(join(box.home, 'editor.mjs'), EDITOR_JS);
  editor = join(box.home, 'editor.sh');
  writeFileSync(editor, `#!/bin/sh\nexec "${process.execPath}" "${join(box.home, 'editor.mjs')}" "$@"\n`);
  chmodSync(editor, 0o755);
  const env = { FNOX_AGE_KEY: key.identity };
  expect((await box.run(['set', 'HELLO', 'hello-plain'], { env })).code).toBe(0);
  expect((await box.run(['set', 'DEV', 'dev-plain', '-P', 'dev'], { env })).code).toBe(0);
});

function run(script: string, exit = 0, extra: Record<string, string> = {}) {
  return box.run(['edit'], {
    env: { FNOX_AGE_KEY: key.identity, EDITOR: editor, TMPDIR: tmp, EDIT_CAPTURE: box.home, EDIT_SCRIPT: script, EDIT_EXIT: String(exit), ...extra },
  });
}

const leftovers = () => readdirSync(tmp);
const get = async (k: string, extra: string[] = []) => (await box.run(['get', k, ...extra], { env: { FNOX_AGE_KEY: key.identity } })).stdout;

describe('fnox edit', () => {
  it('shows decrypted values in a 0600 temp file; re-encrypts changes, keeps unchanged ciphertext, comments and new entries', async () => {
    const before = configText(box);
    const devLine = before.split('\n').find((l) => l.startsWith('DEV='))!;
    const result = await run(`return text.replace('"hello-plain"', '"hello-changed"').replace('[profiles.dev.secrets]', '# added by hand\\nNEW = { provider = "age", value = "brand-new" }\\n\\n[profiles.dev.secrets]')`);
    expect(result.stderr).toBe("");
    expect(result).toMatchObject({ code: 0, stdout: `✓ Configuration file ${join(box.project, 'fnox.toml')} updated with re-encrypted secrets\n` });

    const shown = readFileSync(join(box.home, 'shown.toml'), 'utf8');
    expect(shown).toMatch(/^# fnox edit \|/);
    expect(shown).toContain('# greeting\nHELLO= { provider = "age", value = "hello-plain" }');
    expect(shown).toContain('DEV= { provider = "age", value = "dev-plain" }');
    expect(readFileSync(join(box.home, 'shown.mode'), 'utf8')).toBe('600');
    expect(readFileSync(join(box.home, 'shown.path'), 'utf8').startsWith(tmp)).toBe(true);
    expect(leftovers()).toEqual([]);

    const after = configText(box);
    for (const plain of ['hello-changed', 'brand-new', 'dev-plain', 'hello-plain']) expect(after).not.toContain(plain);
    expect(after).toContain(devLine); // unchanged: the very same ciphertext
    expect(after).toContain('# my config\nroot = true\n');
    expect(after).toContain('# greeting\nHELLO= { provider = "age", value = "YWdl');
    expect(after).toContain('# added by hand\nNEW = { provider = "age", value = "YWdl');
    expect(after).not.toContain('fnox edit |');
    expect(await get('HELLO')).toBe('hello-changed\n');
    expect(await get('NEW')).toBe('brand-new\n');
    expect(await get('DEV', ['-P', 'dev'])).toBe('dev-plain\n');
  });

  it('an editor exiting non-zero writes nothing and leaves no temp file', async () => {
    const file = join(box.project, 'fnox.toml');
    const before = bytes(file);
    const result = await run(`return text.replace('hello-plain', 'evil')`, 3);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Editor exited with non-zero status: 3');
    expect(bytes(file)).toEqual(before);
    expect(leftovers()).toEqual([]);
  });

  it('saving without changes keeps the file byte-identical', async () => {
    const file = join(box.project, 'fnox.toml');
    const before = bytes(file);
    const result = await run('return text');
    expect(result.code).toBe(0);
    expect(bytes(file)).toEqual(before);
    expect(leftovers()).toEqual([]);
  });

  it('invalid TOML after editing is refused without echoing decrypted lines', async () => {
    const file = join(box.project, 'fnox.toml');
    const before = bytes(file);
    const result = await run(`return text.replace('[secrets]', '[secrets') `);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('nothing was written');
    expect(result.stderr).not.toContain('hello-plain');
    expect(bytes(file)).toEqual(before);
    expect(leftovers()).toEqual([]);
  });

  it('a secret that cannot be decrypted aborts before the editor opens; a missing editor is an error', async () => {
    const file = join(box.project, 'fnox.toml');
    const before = bytes(file);
    const other = await ageKeyPair();
    const wrong = await run('return text', 0, { FNOX_AGE_KEY: other.identity });
    expect(wrong.code).toBe(1);
    expect(existsSync(join(box.home, 'shown.toml'))).toBe(false);
    const missing = await run('return text', 0, { EDITOR: 'no-such-editor-fnox' });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("Failed to start editor 'no-such-editor-fnox'");
    expect(bytes(file)).toEqual(before);
    expect(leftovers()).toEqual([]);
  });

  it('runs an $EDITOR with arguments as git does (sh -c \'$EDITOR "$@"\'); a no-op edit says nothing changed', async () => {
    const file = join(box.project, 'fnox.toml');
    const before = bytes(file);
    const noop = await run('return text', 0, { EDITOR: `'${editor}' --wait -f` });
    expect(noop.stderr).toBe('');
    expect(noop).toMatchObject({ code: 0, stdout: `No changes made to ${file}\n` });
    const args = JSON.parse(readFileSync(join(box.home, 'shown.args'), 'utf8')) as string[];
    expect(args.slice(0, 2)).toEqual(['--wait', '-f']);
    expect(args).toHaveLength(3);
    expect(args[2]).toBe(readFileSync(join(box.home, 'shown.path'), 'utf8'));
    expect(bytes(file)).toEqual(before);
    // VISUAL with arguments too, when EDITOR is unset; and a change is still written.
    const changed = await run(`return text.replace('"hello-plain"', '"hello-visual"')`, 0, { EDITOR: '', VISUAL: `${editor} -w` });
    expect(changed.stdout).toContain('updated with re-encrypted secrets');
    expect(await get('HELLO')).toBe('hello-visual\n');
    const missing = await run('return text', 0, { EDITOR: 'no-such-editor-fnox --wait' });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("Failed to start editor 'no-such-editor-fnox --wait': not found");
    expect(leftovers()).toEqual([]);
  });

  it('SIGTERM while the editor is open: the editor gets it, the decrypted copy is deleted, nothing is written, exit 143', async () => {
    const before = configText(box);
    const waiting = join(box.home, 'waiting-editor.sh');
    writeFileSync(waiting, `#!/bin/sh\necho "$1" > "${join(box.home, 'waiting.path')}"\nexec sleep 60\n`);
    chmodSync(waiting, 0o755);
    const child = spawn(process.execPath, [FNOX_BIN, 'edit'], {
      cwd: box.project,
      env: { ...box.env, FNOX_AGE_KEY: key.identity, EDITOR: waiting, TMPDIR: tmp },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const closed = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    const marker = join(box.home, 'waiting.path');
    for (const start = Date.now(); !existsSync(marker) || readFileSync(marker, 'utf8') === ''; await new Promise((r) => setTimeout(r, 25))) {
      if (Date.now() - start > 20_000) throw new Error('the editor never started');
    }
    const scratch = readFileSync(marker, 'utf8').trim();
    expect(existsSync(scratch)).toBe(true);
    child.kill('SIGTERM');
    expect(await closed).toBe(143);
    expect(stderr).toMatch(/^error: Terminated \(SIGTERM\) \(fnox::terminated\)\n/);
    expect(existsSync(dirname(scratch))).toBe(false);
    expect(leftovers()).toEqual([]);
    expect(configText(box)).toBe(before);
  });

  it('has help with examples', async () => {
    await expectHelpOf(box, ['edit']);
  });
});
