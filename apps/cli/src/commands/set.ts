import { Args, Flags } from '@oclif/core';
import { FnoxError, readSecretInput, setSecret, type IfMissing, type SetSecretResult } from '@fnox/core/internal';
import { FnoxCommand } from '../base-command.js';
import { checkIfMissingFlag } from '../global-options.js';

function preview(text: string): string {
  return text.length > 50 ? `${text.slice(0, 50)}...` : text;
}

/** The `[dry-run]` report (docs/cli-reference.md, `set` step 9). */
function dryRunLines(result: SetSecretResult): string[] {
  const where = result.profile === 'default' ? '' : ` in profile ${result.profile}`;
  const lines = [`[dry-run] Would set secret ${result.key}${where}${result.global ? ' (global)' : ''} in ${result.file}`];
  const { entry } = result;
  if (entry.provider !== undefined) lines.push(`  provider: ${entry.provider}`);
  if (result.storage !== 'unchanged' && entry.value !== undefined) lines.push(`  value: ${result.storage === 'encrypted' ? '<encrypted>' : preview(entry.value)}`);
  if (entry.description !== undefined) lines.push(`  description: ${entry.description}`);
  if (entry.default !== undefined) lines.push(`  default: ${preview(entry.default)}`);
  if (entry.if_missing !== undefined) lines.push(`  if_missing: ${entry.if_missing}`);
  return lines;
}

export default class SetCommand extends FnoxCommand<typeof SetCommand> {
  static override summary = 'Set a secret: encrypt it (or store it remotely) and write it to fnox.toml.';
  static override description =
    'The value comes from VALUE, --from-file, stdin (when not a terminal) or a hidden prompt. It is encrypted by the provider BEFORE the config is written; only ciphertext (or a remote name) is stored. Writes go to the current directory\'s config file, keeping comments and layout; in a sub-directory of a project (or with only a global config) that file is created there as a local override. With no fnox.toml anywhere, run `fnox init` first.';
  static override aliases = ['s'];
  // After the command name, --if-missing is the secret's own policy, not the runtime override.
  static override ifMissingIsRuntime = false;
  static override examples = [
    { description: 'Prompt for the value (hidden input)', command: '<%= config.bin %> set DATABASE_URL' },
    { description: 'Read the value from stdin', command: 'printf %s "$TOKEN" | <%= config.bin %> set API_TOKEN' },
    { description: 'Store a file verbatim, in the prod profile', command: '<%= config.bin %> set TLS_KEY --from-file key.pem -P prod' },
    { description: 'Only change metadata', command: '<%= config.bin %> set API_TOKEN --if-missing warn' },
  ];
  static override args = {
    key: Args.string({ description: 'Secret name (the environment variable it is exported as)', required: true }),
    value: Args.string({ description: 'The value; omit to read stdin or be prompted (keeps it out of shell history)' }),
  };
  static override flags = {
    description: Flags.string({ char: 'd', summary: 'Description shown by fnox list.' }),
    global: Flags.boolean({ char: 'g', summary: 'Write to the global config instead of the project.' }),
    'key-name': Flags.string({ char: 'k', summary: 'Remote name for remote-storage providers (aws-sm).' }),
    'dry-run': Flags.boolean({ char: 'n', summary: 'Show what would be written; encrypt and write nothing.' }),
    provider: Flags.string({ char: 'p', summary: 'Provider to store the value with.' }),
    'base64-encode': Flags.boolean({ summary: 'Store the base64 encoding of the value.' }),
    default: Flags.string({ summary: 'Fallback value used when the provider has none.' }),
    'from-file': Flags.string({ summary: 'Read the value from this file, byte for byte (a regular file of at most 1 MiB).' }),
    'allow-empty': Flags.boolean({ summary: 'Allow replacing an existing secret with an empty value (refused otherwise).' }),
  };

  async run(): Promise<void> {
    const { flags, args } = this;
    if (flags['from-file'] !== undefined && args.value !== undefined) {
      throw new FnoxError('usage', 'the argument VALUE cannot be used with --from-file', { hint: 'Give the value either as an argument or with --from-file.' });
    }
    const ifMissing = checkIfMissingFlag(flags['if-missing'])?.toLowerCase();
    const session = await this.session();
    const metadataOnly =
      flags['key-name'] === undefined && (flags.description !== undefined || flags.default !== undefined || ifMissing !== undefined);
    if (args.value !== undefined && session.stdinIsTTY) {
      this.say('Warning: the value was passed on the command line and may be saved in your shell history; prefer stdin or a prompt\n');
    }
    const value = await readSecretInput(session, { value: args.value, fromFile: flags['from-file'], metadataOnly });
    const result = await setSecret(session, {
      key: args.key,
      value,
      description: flags.description,
      default: flags.default,
      ifMissing: ifMissing as IfMissing | undefined,
      provider: flags.provider,
      keyName: flags['key-name'],
      base64Encode: flags['base64-encode'],
      global: flags.global,
      dryRun: flags['dry-run'],
      allowEmpty: flags['allow-empty'],
    });
    if (result.dryRun) {
      this.out(dryRunLines(result).join('\n'));
      return;
    }
    const where = result.profile === 'default' ? '' : ` in profile ${result.profile}`;
    this.out(`✓ Set secret ${result.key}${where}${result.global ? ' (global)' : ''}`);
  }
}
