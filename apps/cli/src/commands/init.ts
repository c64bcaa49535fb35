import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { Flags } from '@oclif/core';
import type { FnoxSession, InitOptions, InitWizardResult } from '@fnox/core/internal';
import { escapeControls, FnoxError, globalConfigDir, initConfig, initTarget, runInitWizard, testInitProvider, wizardCatalog } from '@fnox/core/internal';
import { FnoxCommand } from '../base-command.js';
import { stderr } from '../stdio.js';

/** `fnox init`: an empty config, or the wizard's provider and example secret on a terminal. */
export default class Init extends FnoxCommand<typeof Init> {
  static override summary = 'Create a fnox.toml in the current directory (or the global config).';
  static override description =
    'On a terminal a wizard sets up a provider (made the default) and optionally an example secret. Without a terminal, or with --skip-wizard, writes an empty config. Never overwrites an existing file unless --force.';
  static override aliases = ['i'];
  static override examples = [
    { description: 'Interactive: pick a provider, answer its questions', command: '<%= config.bin %> init' },
    { description: 'Non-interactive, empty config', command: '<%= config.bin %> init --skip-wizard' },
    { description: 'The per-user global config', command: '<%= config.bin %> init --global --skip-wizard' },
  ];
  static override flags = {
    force: Flags.boolean({ char: 'f', summary: 'Overwrite an existing config file.' }),
    global: Flags.boolean({ char: 'g', summary: 'Create the global config ($FNOX_CONFIG_DIR/config.toml).' }),
    'skip-wizard': Flags.boolean({ summary: 'Write an empty config without asking anything.' }),
  };

  private interactive(session: FnoxSession): boolean {
    return session.stdinIsTTY && !this.flags['skip-wizard'] && !session.options.nonInteractive;
  }

  /** Ask the wizard's questions on the terminal; nothing is written until they are all answered. */
  private async wizard(session: FnoxSession, file: string): Promise<InitWizardResult> {
    const warn = (line: string) => stderr.write(`Warning: ${escapeControls(line)}\n`);
    const catalog = await wizardCatalog(session.registry, warn);
    const log = { debug: (m: string) => session.log.debug(m), warn: (m: string) => session.log.warn(m) };
    const setupContext = { configDir: dirname(file), env: session.env, globalConfigDir: globalConfigDir(session.env), log };
    return runInitWizard(session.io, { catalog, setupContext });
  }

  /** After the answers: run what the user agreed to (save a new key...), then test the connection (a failure only warns). */
  private async finishWizard(session: FnoxSession, file: string, result: InitWizardResult): Promise<void> {
    for (const commit of result.commits) stderr.write(`${escapeControls(await commit())}\n`);
    const provider = result.init.provider;
    if (!provider) return;
    this.say(`Testing the connection to '${provider.name}'...\n`);
    const problem = await testInitProvider(session, file, provider);
    this.say(problem === undefined ? '✓ Connection successful\n' : `Warning: connection test failed: ${problem}\n`);
  }

  async run(): Promise<void> {
    const session = await this.session();
    let answers: Pick<InitOptions, 'provider' | 'exampleSecret'> = {};
    if (this.interactive(session)) {
      // Refuse before asking anything: answering questions only to be refused is worse.
      const file = initTarget(session, this.flags.global);
      if (existsSync(file) && !this.flags.force) {
        throw new FnoxError('config_exists', `Configuration file '${file}' already exists. Use --force to overwrite.`);
      }
      const result = await this.wizard(session, file);
      await this.finishWizard(session, file, result);
      answers = result.init;
    }
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
