/**
 * The `fnox init` wizard (docs/cli-reference.md, `init`) on a real terminal: the built CLI runs in tmux, each answer is
 * typed only once its question is on screen.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sandbox, type Sandbox } from '@fnox/test-kit';
import { startPty, type PtyRun } from '../helpers/pty.js';
import { ageKeyPair } from './admin-helpers.js';

const NEXT_STEPS = '\nNext steps:\n  fnox set MY_SECRET <value>\n  fnox list\n  fnox exec -- <command>\n';

let box: Sandbox;
let pty: PtyRun | undefined;
beforeEach(() => {
  box = sandbox();
});
afterEach(() => {
  pty?.stop();
  pty = undefined;
  box.cleanup();
});

/** Answer each [question pattern, answer] pair in order. */
async function converse(run: PtyRun, steps: readonly (readonly [RegExp, string])[]): Promise<void> {
  for (const [question, answer] of steps) {
    await run.waitForPrompt(question);
    run.answer(answer);
  }
}

describe('fnox init wizard (terminal)', { timeout: 240_000 }, () => {
  it('age with a generated key: writes key 0600 and config; set and get then work without a terminal', async () => {
    const file = join(box.project, 'fnox.toml');
    const keyFile = join(box.home, '.config', 'fnox', 'age.txt');
    pty = startPty(box, ['init']);
    await converse(pty, [
      [/Set up a provider now\? \[Y\/n\]:$/, ''],
      [/Choose \[1\]:$/, 'age'],
      [/No age key found at .*age\.txt\. Generate one now\? \[Y\/n\]:$/, 'y'],
      [/age recipient \(age1\.\.\.\) \[age1[a-z0-9]{58}\]:$/, ''],
      [/Provider name \[age\]:$/, ''],
      [/Add an example secret\? \[y\/N\]:$/, 'y'],
      [/Secret name \[MY_SECRET\]:$/, 'DB_URL'],
      [/Description \[An example secret\]:$/, 'The database'],
    ]);
    const { code, stdout } = await pty.exit();
    const screen = pty.screen();
    expect(code, screen).toBe(0);
    expect(stdout).toBe(`✓ Created new fnox configuration at '${file}'\n${NEXT_STEPS}`);
    // The one age key path (provider-age's resolver): what the wizard offers is what decryption reads.
    expect(screen).toContain(`No age key found at ${keyFile}. Generate one now?`);
    expect(screen).toContain(`✓ Saved a new age key to '${keyFile}'`);
    expect(screen).toContain('✓ Connection successful');

    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const recipient = /# public key: (age1[a-z0-9]{58})\n/.exec(readFileSync(keyFile, 'utf8'))?.[1];
    expect(readFileSync(file, 'utf8')).toBe(
      `default_provider = "age"\n\n[providers.age]\ntype = "age"\nrecipients = ["${recipient}"]\n\n[secrets]\nDB_URL = { provider = "age", description = "The database" }\n`,
    );
    expect(await box.run(['set', 'API_TOKEN', 'tok-123'])).toMatchObject({ code: 0 });
    expect(readFileSync(file, 'utf8')).toMatch(/API_TOKEN= \{ provider = "age", value = "YWdlLWVuY3J5cHRpb24ub3JnL3Yx/);
    expect(await box.run(['get', 'API_TOKEN'])).toMatchObject({ code: 0, stdout: 'tok-123\n' });
  });

  it('plain: no fields, custom name, no example secret', async () => {
    pty = startPty(box, ['init']);
    await converse(pty, [
      [/Set up a provider now\? \[Y\/n\]:$/, 'y'],
      [/Choose \[1\]:$/, 'plain'],
      [/Provider name \[plain\]:$/, 'text'],
      [/Add an example secret\? \[y\/N\]:$/, ''],
    ]);
    const { code, stdout } = await pty.exit();
    expect(code, pty.screen()).toBe(0);
    expect(stdout).toContain("✓ Created new fnox configuration at '");
    expect(pty.screen()).toContain('Values are stored as written, unencrypted');
    expect(readFileSync(join(box.project, 'fnox.toml'), 'utf8')).toBe('default_provider = "text"\n\n[providers.text]\ntype = "plain"\n');
  });

  it('an existing age key: its recipient is the default answer, nothing is generated', async () => {
    const keyDir = join(box.home, '.config', 'fnox');
    mkdirSync(keyDir, { recursive: true });
    const key = await ageKeyPair();
    writeFileSync(join(keyDir, 'age.txt'), `# created: now\n${key.identity}\n`, { mode: 0o600 });
    pty = startPty(box, ['init']);
    await converse(pty, [
      [/Set up a provider now\? \[Y\/n\]:$/, ''],
      [/Choose \[1\]:$/, 'age'],
      [new RegExp(`age recipient \\(age1\\.\\.\\.\\) \\[${key.recipient}\\]:$`), ''],
      [/Provider name \[age\]:$/, ''],
      [/Add an example secret\? \[y\/N\]:$/, ''],
    ]);
    const { code } = await pty.exit();
    const screen = pty.screen();
    expect(code, screen).toBe(0);
    expect(screen).toContain(`Found your age key: the default identity file ${join(keyDir, 'age.txt')}`);
    expect(screen).not.toContain('Generate one now?');
    expect(readFileSync(join(box.project, 'fnox.toml'), 'utf8')).toContain(`recipients = ["${key.recipient}"]`);
  });

  it('known types that are not installed are named with their install command, not offered', async () => {
    pty = startPty(box, ['init']);
    await pty.waitForPrompt(/Set up a provider now\? \[Y\/n\]:$/);
    pty.answer('');
    await pty.waitForPrompt(/Choose \[1\]:$/);
    const screen = pty.screen();
    expect(screen).toContain('fnox plugins install aws-kms');
    expect(screen).toContain('keychain (fnox plugins install keychain)');
    expect(screen).toContain('Provider category: Local (age, plain)');
    pty.keys('C-c');
    await pty.exit();
    expect(existsSync(join(box.project, 'fnox.toml'))).toBe(false);
  });

  it('Ctrl-C cancels cleanly: nothing written, not even a generated key', async () => {
    pty = startPty(box, ['init']);
    await converse(pty, [
      [/Set up a provider now\? \[Y\/n\]:$/, ''],
      [/Choose \[1\]:$/, 'age'],
      [/Generate one now\? \[Y\/n\]:$/, 'y'],
    ]);
    await pty.waitForPrompt(/age recipient \(age1\.\.\.\) \[age1[a-z0-9]{58}\]:$/);
    pty.keys('C-c');
    const { code, stdout } = await pty.exit();
    expect(code).not.toBe(0);
    expect(stdout).toBe('');
    expect(pty.screen()).toContain('error: Cancelled');
    expect(existsSync(join(box.project, 'fnox.toml'))).toBe(false);
    expect(existsSync(join(box.home, '.config', 'fnox', 'age.txt'))).toBe(false);
  });

  it('end of input (Ctrl-D) cancels too', async () => {
    pty = startPty(box, ['init']);
    await pty.waitForPrompt(/Set up a provider now\? \[Y\/n\]:$/);
    pty.keys('C-d');
    const { code } = await pty.exit();
    expect(code).not.toBe(0);
    expect(existsSync(join(box.project, 'fnox.toml'))).toBe(false);
  });

  it('an existing file without --force errors before asking anything', async () => {
    const file = join(box.project, 'fnox.toml');
    writeFileSync(file, '# mine\n');
    pty = startPty(box, ['init']);
    const { code, stdout } = await pty.exit();
    const screen = pty.screen();
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(screen).toContain(`error: Configuration file '${file}' already exists. Use --force to overwrite.`);
    expect(screen).not.toContain('Set up a provider');
    expect(readFileSync(file, 'utf8')).toBe('# mine\n');
  });
});
