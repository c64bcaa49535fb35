/**
 * Every byte a write command does not mean to change survives it: trailing blanks, tabs, repeated
 * blank lines, comments and CRLF line ends on every line but the ones the command edits. Each case
 * names the original lines it may remove; everything else must stay, in order, byte for byte.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '@fnox/test-kit';
import { ageKeyPair } from './admin-helpers.js';
import { project } from './secrets-helpers.js';

const ageEncrypt = (value: string, recipient: string): string => execFileSync('age', ['-r', recipient], { input: value }).toString('base64');

/** Lines with their own line ends, so CRLF and a missing final newline are compared too. */
const linesOf = (text: string): string[] => text.match(/[^\n]*\n|[^\n]+$/g) ?? [];

function fixture(recipients: string, ciphertext: string, eol: string): string {
  return [
    '# project secrets   ',
    'root = true\t',
    '',
    '',
    '',
    '[providers.age]',
    'type = "age"\t# tab before a comment',
    `recipients = [${recipients}]   `,
    '',
    '[providers.plain]',
    'type = "plain"',
    '',
    '',
    '[providers.spare]',
    'type = "plain"',
    '',
    '[secrets]',
    '\tKEEP_TAB = { provider = "plain", value = "a\\tb" }    ',
    'EDIT_ME = { provider = "plain", value = "old" }',
    `AGE_ONE = { provider = "age", value = "${ciphertext}" }`,
    'GONE = { provider = "plain", value = "bye" }  ',
    '',
    '',
    '# a comment block with trailing blanks   ',
    '[profiles.dev.secrets]',
    'DEV = { default = "d" }\t',
    '',
  ].join(eol);
}

/**
 * The original lines `after` dropped or replaced, found by trimming the longest common prefix and
 * suffix of lines: everything outside that window is byte-identical and in order.
 */
function changedWindow(before: string, after: string): { removed: string[]; added: string[] } {
  const a = linesOf(before);
  const b = linesOf(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  return { removed: a.slice(start, a.length - end), added: b.slice(start, b.length - end) };
}

let box: Sandbox;
afterEach(() => box?.cleanup());

for (const [label, eol] of [
  ['LF', '\n'],
  ['CRLF', '\r\n'],
] as const) {
  describe(`untouched bytes survive every write command (${label} file)`, () => {
    let one: { identity: string; recipient: string };
    let env: Record<string, string>;
    const file = () => join(box.project, 'fnox.toml');
    const read = () => readFileSync(file(), 'utf8');

    async function setup(): Promise<string> {
      one = await ageKeyPair();
      env = { FNOX_AGE_KEY: one.identity };
      box = project(fixture(`"${one.recipient}"`, ageEncrypt('age-value', one.recipient), eol));
      return read();
    }

    /** Run, expect success, and return what changed. */
    async function change(args: string[], extra: { env?: Record<string, string>; input?: string } = {}) {
      const before = read();
      const result = await box.run(args, { env: { ...env, ...extra.env }, ...(extra.input === undefined ? {} : { input: extra.input }) });
      expect(result.code, result.stderr).toBe(0);
      return changedWindow(before, read());
    }

    const line = (text: string, start: string) => linesOf(text).find((l) => l.startsWith(start))!;

    it('set NEW inserts only', async () => {
      await setup();
      const { removed, added } = await change(['set', 'NEW', 'v', '--provider', 'plain']);
      expect(removed).toEqual([]);
      expect(added.join('')).toContain('NEW');
    });

    it('set EDIT_ME replaces only its own line', async () => {
      const before = await setup();
      const { removed, added } = await change(['set', 'EDIT_ME', 'new', '--provider', 'plain']);
      expect(removed).toEqual([line(before, 'EDIT_ME')]);
      expect(added).toHaveLength(1);
    });

    it('remove GONE drops only its own line', async () => {
      const before = await setup();
      expect(await change(['remove', 'GONE'])).toEqual({ removed: [line(before, 'GONE')], added: [] });
    });

    it('import inserts only', async () => {
      await setup();
      writeFileSync(join(box.project, '.env'), 'IMPORTED=1\n');
      const { removed, added } = await change(['import', '-i', '.env', '-p', 'plain', '--force']);
      expect(removed).toEqual([]);
      expect(added.join('')).toContain('IMPORTED');
    });

    it('edit changes only the edited entry', async () => {
      const before = await setup();
      const editor = join(box.home, 'editor.sh');
      writeFileSync(editor, `#!/bin/sh\nsed -i 's/"old"/"edited"/' "$1"\n`);
      chmodSync(editor, 0o755);
      const { removed, added } = await change(['edit'], { env: { EDITOR: editor, VISUAL: editor } });
      expect(removed).toEqual([line(before, 'EDIT_ME')]);
      expect(added.join('')).toContain('edited');
    });

    it('reencrypt changes only the age value lines', async () => {
      await setup();
      const two = await ageKeyPair();
      writeFileSync(file(), read().replace(`[${`"${one.recipient}"`}]`, `["${one.recipient}", "${two.recipient}"]`));
      const before = read();
      const { removed, added } = await change(['reencrypt', '--force']);
      expect(removed).toEqual([line(before, 'AGE_ONE')]);
      expect(added).toHaveLength(1);
    });

    it('provider add inserts only', async () => {
      await setup();
      const { removed, added } = await change(['provider', 'add', 'extra', 'plain']);
      expect(removed).toEqual([]);
      expect(added.join('')).toContain('[providers.extra]');
    });

    it('provider remove drops only that table', async () => {
      const before = await setup();
      const { removed, added } = await change(['provider', 'remove', 'spare']);
      expect(added).toEqual([]);
      expect(removed.join('')).toContain('[providers.spare]');
      const allowed = new Set([line(before, '[providers.spare]'), `type = "plain"${eol}`, eol]);
      for (const l of removed) expect(allowed.has(l), JSON.stringify(l)).toBe(true);
    });
  });
}
