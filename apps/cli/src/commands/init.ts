import { Flags } from '@oclif/core';
import { initConfig, type FnoxSession, type InitOptions } from '@fnox/core';
import { FnoxCommand } from '../base-command.js';

/** Wizard choices (SPEC §7.1): type → default name and the fields asked for. */
const WIZARD_TYPES: Record<string, { name: string; fields: { key: string; label: string; required: boolean; list?: boolean }[] }> = {
  plain: { name: 'plain', fields: [] },
  age: { name: 'age', fields: [{ key: 'recipients', label: 'age recipient (age1...)', required: true, list: true }] },
  'aws-kms': {
    name: 'kms',
    fields: [
      { key: 'key_id', label: 'KMS key id or ARN', required: true },
      { key: 'region', label: 'AWS region', required: true },
      { key: 'profile', label: 'AWS profile (optional)', required: false },
      { key: 'role_arn', label: 'IAM role ARN to assume (optional)', required: false },
    ],
  },
  'aws-sm': {
    name: 'sm',
    fields: [
      { key: 'region', label: 'AWS region', required: true },
      { key: 'profile', label: 'AWS profile (optional)', required: false },
      { key: 'role_arn', label: 'IAM role ARN to assume (optional)', required: false },
      { key: 'prefix', label: 'Secret name prefix (optional)', required: false },
    ],
  },
};

/** A minimal line-based wizard on the terminal (stderr for questions, nothing secret is asked). */
async function wizard(): Promise<Omit<InitOptions, 'force' | 'global'>> {
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const ask = async (q: string, fallback = '') => ((await rl.question(fallback ? `${q} [${fallback}]: ` : `${q}: `)).trim() || fallback);
  try {
    if (!/^y/i.test(await ask('Set up a provider now? (y/N)', 'n'))) return {};
    let type = '';
    while (!(type in WIZARD_TYPES)) type = await ask(`Provider type (${Object.keys(WIZARD_TYPES).join(', ')})`, 'age');
    const spec = WIZARD_TYPES[type]!;
    const fields: Record<string, string | string[]> = {};
    for (const field of spec.fields) {
      let answer = await ask(field.label);
      while (field.required && !answer) answer = await ask(`${field.label} (required)`);
      if (answer) fields[field.key] = field.list ? [answer] : answer;
    }
    const name = await ask('Provider name', spec.name);
    const example = await ask('Name of an example secret to add (empty to skip)');
    return {
      provider: { name, type, fields },
      ...(example ? { exampleSecret: { name: example, description: 'Example secret; set it with fnox set' } } : {}),
    };
  } finally {
    rl.close();
  }
}

export default class Init extends FnoxCommand<typeof Init> {
  static override summary = 'Create a fnox.toml in the current directory (or the global config).';
  static override description = 'Without a terminal, or with --skip-wizard, writes an empty config. Never overwrites an existing file unless --force.';
  static override aliases = ['i'];
  static override examples = [
    '<%= config.bin %> init',
    { description: 'Non-interactive, empty config', command: '<%= config.bin %> init --skip-wizard' },
    { description: 'The per-user global config', command: '<%= config.bin %> init --global --skip-wizard' },
  ];
  static override flags = {
    force: Flags.boolean({ char: 'f', summary: 'Overwrite an existing config file.' }),
    global: Flags.boolean({ char: 'g', summary: 'Create the global config ($FNOX_CONFIG_DIR/config.toml).' }),
    'skip-wizard': Flags.boolean({ summary: 'Write an empty config without asking anything.' }),
  };

  private async interactive(session: FnoxSession): Promise<boolean> {
    return session.stdinIsTTY && !this.flags['skip-wizard'] && !session.options.nonInteractive;
  }

  async run(): Promise<void> {
    const session = await this.session();
    const answers = (await this.interactive(session)) ? await wizard() : {};
    const result = await initConfig(session, { ...answers, force: this.flags.force, global: this.flags.global });
    this.out(
      [
        `✓ Created new fnox configuration at '${result.file}'`,
        '',
        'Next steps:',
        `  fnox set MY_SECRET <value>${result.global ? ' --global' : ''}`,
        '  fnox list',
        '  fnox exec -- <command>',
      ].join('\n'),
    );
  }
}
