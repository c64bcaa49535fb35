import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProviderManifestReport } from '@fnox/contract';
import { describe, expect, it } from 'vitest';
import { parseToml } from '../../src/config/toml-read.js';
import { initConfigText } from '../../src/ops/init-config.js';
import { ageRecipientProblem, wizardOffers } from '../../src/ops/init-wizard-catalog.js';
import { ageKeyFileText, testInitProvider, writeAgeKeyFile } from '../../src/ops/init-wizard-steps.js';
import { runInitWizard, type WizardIO } from '../../src/ops/init-wizard.js';
import { createSession } from '../../src/session.js';

const RECIPIENT = 'age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p';

/** A report where `types` are installed (plain is always built in). */
function report(...types: string[]): ProviderManifestReport {
  const providers = Object.fromEntries(['plain', ...types].map((type) => [type, { type }]));
  return { providers, conflicts: [], warnings: [] } as unknown as ProviderManifestReport;
}

/** Answers the questions in order; records questions and notes; `undefined` as an answer cancels. */
function scripted(answers: (string | undefined)[]): WizardIO & { questions: string[]; notes: string[] } {
  const questions: string[] = [];
  const notes: string[] = [];
  return {
    questions,
    notes,
    ask: async (question) => {
      questions.push(question);
      if (answers.length === 0) throw new Error(`unexpected question: ${question}`);
      return answers.shift();
    },
    say: (line) => notes.push(line),
  };
}

describe('init wizard flow', () => {
  it('offers installed and installable types only, by category', () => {
    const offers = wizardOffers(report('age'));
    expect(offers.map((o) => [o.type, o.category, o.installed])).toEqual([
      ['age', 'Local', true],
      ['plain', 'Local', true],
      ['aws-kms', 'Cloud KMS', false],
      ['aws-sm', 'Cloud Secrets Manager', false],
    ]);
    expect(offers.find((o) => o.type === 'aws-kms')?.installName).toBe('aws-kms');
  });

  it('declining the provider writes an empty config', async () => {
    expect(await runInitWizard(scripted(['n']), { report: report('age') })).toEqual({ init: {} });
  });

  it('age: validates the recipient, re-asks required fields, names and adds an example secret', async () => {
    const io = scripted(['', '1', 'age', '', 'not-a-key', RECIPIENT, '', 'y', '9BAD', 'DB_URL', 'The database']);
    const result = await runInitWizard(io, { report: report('age') });
    expect(result.init).toEqual({
      provider: { name: 'age', type: 'age', fields: { recipients: [RECIPIENT] } },
      exampleSecret: { name: 'DB_URL', description: 'The database' },
    });
    expect(io.notes).toContain('age recipient (age1...) is required.');
    expect(io.notes.some((n) => n.startsWith('Not an age recipient'))).toBe(true);
    expect(io.notes.some((n) => n.includes('age-keygen'))).toBe(true);
    const text = await initConfigText(result.init);
    expect(text).toBe(
      `default_provider = "age"\n\n[providers.age]\ntype = "age"\nrecipients = ["${RECIPIENT}"]\n\n[secrets]\nDB_URL = { provider = "age", description = "The database" }\n`,
    );
    expect(parseToml(text, 'fnox.toml')).toMatchObject({ default_provider: 'age', secrets: { DB_URL: { provider: 'age' } } });
  });

  it('age: a generated key becomes the default recipient and is returned for writing', async () => {
    const generated = { identity: 'AGE-SECRET-KEY-1XYZ', recipient: RECIPIENT };
    const io = scripted(['y', 'local', 'age', 'y', '', 'mine', '']);
    const result = await runInitWizard(io, { report: report('age'), ageKey: { path: '/k/age.txt', generate: async () => generated } });
    expect(result.ageKey).toEqual({ ...generated, path: '/k/age.txt' });
    expect(result.init.provider).toEqual({ name: 'mine', type: 'age', fields: { recipients: [RECIPIENT] } });
    expect(io.questions).toContain(`age recipient (age1...) [${RECIPIENT}]: `);
  });

  it('aws-kms: a single-type category is taken without asking; optional fields may stay empty', async () => {
    const io = scripted(['y', '2', 'alias/app', 'eu-west-1', '', 'arn:aws:iam::1:role/r', '', 'n']);
    const result = await runInitWizard(io, { report: report() });
    expect(result.offer?.installed).toBe(false);
    expect(result.init.provider).toEqual({ name: 'kms', type: 'aws-kms', fields: { key_id: 'alias/app', region: 'eu-west-1', role_arn: 'arn:aws:iam::1:role/r' } });
    expect(io.notes).toContain('Provider type: aws-kms - AWS KMS (not installed: install with fnox plugins install aws-kms)');
  });

  it('cancelling at any question throws Cancelled', async () => {
    await expect(runInitWizard(scripted(['y', '1', undefined]), { report: report('age') })).rejects.toThrow('Cancelled');
  });

  it('recipient validation accepts age and SSH keys only', () => {
    expect(ageRecipientProblem(RECIPIENT)).toBeUndefined();
    expect(ageRecipientProblem('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGQs alice')).toBeUndefined();
    expect(ageRecipientProblem('age1short')).toMatch(/Not an age recipient/);
  });
});

describe('init wizard steps', () => {
  it('writes a key file 0600 in age-keygen shape and never overwrites one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fnox-wizard-'));
    try {
      const path = join(dir, 'fnox', 'age.txt');
      const key = { identity: 'AGE-SECRET-KEY-1XYZ', recipient: RECIPIENT };
      writeAgeKeyFile(path, key);
      expect(statSync(path).mode & 0o777).toBe(0o600);
      expect(readFileSync(path, 'utf8')).toMatch(new RegExp(`^# created: .+Z\\n# public key: ${RECIPIENT}\\nAGE-SECRET-KEY-1XYZ\\n$`));
      writeFileSync(path, 'other');
      expect(() => writeAgeKeyFile(path, key)).toThrow('already exists');
      expect(readFileSync(path, 'utf8')).toBe('other');
      expect(ageKeyFileText(key, new Date(0))).toBe(`# created: 1970-01-01T00:00:00Z\n# public key: ${RECIPIENT}\nAGE-SECRET-KEY-1XYZ\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('tests the connection through the provider factory and reports failures as messages', async () => {
    const session = createSession({ cwd: tmpdir(), env: {} });
    expect(await testInitProvider(session, join(tmpdir(), 'fnox.toml'), { name: 'p', type: 'plain', fields: {} })).toBeUndefined();
    const missing = await testInitProvider(session, join(tmpdir(), 'fnox.toml'), { name: 'k', type: 'aws-kms', fields: { key_id: 'k', region: 'r' } });
    expect(missing).toContain("Provider type 'aws-kms' is not installed");
  });
});
