import { Flags } from '@oclif/core';
import { RUNTIME_IF_MISSING_FLAG } from './argv.js';

/** The flags every fnox command accepts, before or after the command name (docs/cli-reference.md). */
export const globalFlags = {
  config: Flags.string({
    char: 'c',
    summary: 'Config file; a bare fnox.toml keeps discovery, any other path loads only that file.',
    helpGroup: 'GLOBAL',
  }),
  profile: Flags.string({
    char: 'P',
    summary: 'Profile(s) to use, repeatable or comma-separated [env: FNOX_PROFILE].',
    multiple: true,
    multipleNonGreedy: true,
    helpGroup: 'GLOBAL',
  }),
  verbose: Flags.boolean({ char: 'v', summary: 'Print debug lines to stderr.', helpGroup: 'GLOBAL' }),
  'if-missing': Flags.string({
    summary: 'What to do when a secret has no value: error, warn or ignore [env: FNOX_IF_MISSING].',
    helpGroup: 'GLOBAL',
  }),
  [RUNTIME_IF_MISSING_FLAG]: Flags.string({ hidden: true }),
  'no-color': Flags.boolean({ summary: 'Disable colours (NO_COLOR is honoured too).', helpGroup: 'GLOBAL' }),
  'no-defaults': Flags.boolean({
    summary: 'With a profile active, skip top-level secrets [env: FNOX_NO_DEFAULTS].',
    helpGroup: 'GLOBAL',
  }),
  'non-interactive': Flags.boolean({
    summary: 'Never prompt [env: FNOX_NON_INTERACTIVE].',
    helpGroup: 'GLOBAL',
  }),
  'write-profile': Flags.string({ summary: 'Profile that write commands write to.', helpGroup: 'GLOBAL' }),
  // Hidden, yet global: accepted before the command name too (helpGroup GLOBAL is what the fast
  // path's argv grammar is built from; hidden flags are never shown in a help group).
  'age-key-file': Flags.string({ hidden: true, summary: 'age identity file (deprecated; use FNOX_AGE_KEY_FILE).', helpGroup: 'GLOBAL' }),
  'no-daemon': Flags.boolean({ hidden: true, helpGroup: 'GLOBAL' }),
  debug: Flags.boolean({ summary: 'Show error codes and stack traces [env: FNOX_DEBUG=1].', helpGroup: 'GLOBAL' }),
};
