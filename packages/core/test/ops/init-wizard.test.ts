import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseToml } from '../../src/config/toml-read.js';
import { initConfigText } from '../../src/ops/init/init-config.js';
import { wizardCatalog } from '../../src/ops/init/init-wizard-offers.js';
import { testInitProvider } from '../../src/ops/init/init-wizard-steps.js';
import { runInitWizard, type InitWizardOptions } from '../../src/ops/init/init-wizard.js';
import { createSession } from '../../src/session.js';
import { scriptedIO } from '../scripted-io.js';
import { ageLike, fakeRegistry, kmsLike, RECIPIENT } from './catalog-support.js';

const setupContext = { configDir: '/p', env: {}, globalConfigDir: '/g', log: { debug() {}, warn() {} } };
const options = async (...defs: Parameters<typeof fakeRegistry>): Promise<InitWizardOptions> => ({ catalog: await wizardCatalog(fakeRegistry(...defs)), setupContext });

describe('init wizard flow', () => {
  it('offers the installed types by category, with questions from their fields; known types not installed are only named', async () => {
    const { offers, notInstalled } = await wizardCatalog(fakeRegistry(ageLike(), kmsLike));
    expect(offers.map((o) => [o.type, o.category, o.fields.map((f) => f.key)])).toEqual([
      ['age', 'Local', ['recipients']],
      ['plain', 'Local', []],
      ['aws-kms', 'Cloud KMS', ['region', 'key_id', 'role_arn']],
    ]);
    expect(notInstalled.map((n) => n.command)).toEqual([
      'fnox plugins install aws-sm',
      'fnox plugins install keychain',
      'fnox plugins install password-store',
    ]);
  });

  it('declining the provider writes an empty config', async () => {
    expect(await runInitWizard(scriptedIO(['n']), await options(ageLike()))).toEqual({ init: {}, commits: [] });
  });

  it('age: validates the recipient, re-asks required fields, names and adds an example secret', async () => {
    const io = scriptedIO(['', '1', 'age', '', 'not-a-key', RECIPIENT, '', 'y', '9BAD', 'DB_URL', 'The database']);
    const result = await runInitWizard(io, await options(ageLike()));
    expect(result.init).toEqual({
      provider: { name: 'age', type: 'age', fields: { recipients: [RECIPIENT] } },
      exampleSecret: { name: 'DB_URL', description: 'The database' },
    });
    expect(io.notes).toContain('age recipient (age1...) is required.');
    expect(io.notes).toContain('Not an age recipient');
    expect(io.notes).toContain('age encrypts each secret.');
    const text = await initConfigText(result.init);
    expect(text).toBe(
      `default_provider = "age"\n\n[providers.age]\ntype = "age"\nrecipients = ["${RECIPIENT}"]\n\n[secrets]\nDB_URL = { provider = "age", description = "The database" }\n`,
    );
    expect(parseToml(text, 'fnox.toml')).toMatchObject({ default_provider: 'age', secrets: { DB_URL: { provider: 'age' } } });
  });

  it("the provider's suggestion is the default answer", async () => {
    const io = scriptedIO(['y', 'local', 'age', '', '', '']);
    const result = await runInitWizard(io, await options(ageLike({ fields: { recipients: [RECIPIENT] }, notes: ['Found your age key'] })));
    expect(result.init.provider).toEqual({ name: 'age', type: 'age', fields: { recipients: [RECIPIENT] } });
    expect(io.notes).toContain('Found your age key');
    expect(io.questions).toContain(`age recipient (age1...) [${RECIPIENT}]: `);
  });

  it("an accepted offer fills the answers and is committed only by the caller, after the last question", async () => {
    let committed = 0;
    const offer = {
      question: 'No key. Generate one now?',
      prepare: async () => ({ fields: { recipients: [RECIPIENT] }, notes: ['prepared'], commit: async () => `saved ${++committed}` }),
    };
    const io = scriptedIO(['y', 'local', 'age', 'y', '', 'mine', '']);
    const result = await runInitWizard(io, await options(ageLike({ offer })));
    expect(result.init.provider).toEqual({ name: 'mine', type: 'age', fields: { recipients: [RECIPIENT] } });
    expect(committed).toBe(0);
    expect(await result.commits[0]!()).toBe('saved 1');
    const declined = await runInitWizard(scriptedIO(['y', 'local', 'age', 'n', RECIPIENT, '', '']), await options(ageLike({ offer })));
    expect(declined.commits).toEqual([]);
  });

  it('aws-kms: a single-type category is taken without asking; optional fields may stay empty', async () => {
    const io = scriptedIO(['y', '2', 'eu-west-1', 'alias/app', 'arn:aws:iam::1:role/r', '', 'n']);
    const result = await runInitWizard(io, await options(kmsLike));
    expect(result.init.provider).toEqual({ name: 'kms', type: 'aws-kms', fields: { key_id: 'alias/app', region: 'eu-west-1', role_arn: 'arn:aws:iam::1:role/r' } });
    expect(io.notes).toContain('Provider type: aws-kms - aws-kms');
  });

  it('cancelling at any question throws Cancelled', async () => {
    await expect(runInitWizard(scriptedIO(['y', '1', undefined]), await options(ageLike()))).rejects.toThrow('Cancelled');
  });
});

describe('init wizard steps', () => {
  it('tests the connection through the provider factory and reports failures as messages', async () => {
    const session = createSession({ cwd: tmpdir(), env: {} });
    expect(await testInitProvider(session, join(tmpdir(), 'fnox.toml'), { name: 'p', type: 'plain', fields: {} })).toBeUndefined();
    const missing = await testInitProvider(session, join(tmpdir(), 'fnox.toml'), { name: 'k', type: 'aws-kms', fields: { key_id: 'k', region: 'r' } });
    expect(missing).toContain("Provider type 'aws-kms' is not installed");
  });
});
