#!/usr/bin/env node
// Writes docs/cli-reference.md from apps/cli/oclif.manifest.json (made by `pnpm build`): every
// visible command with its aliases, usage, arguments, flags and examples. Hidden commands, hidden
// aliases and hidden flags are left out. apps/cli/test/docs/cli-reference.test.ts fails when the
// committed page differs from what this script would write.
//
//   node scripts/gen-cli-reference.mjs            write docs/cli-reference.md
//   node scripts/gen-cli-reference.mjs --stdout   print it instead
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
export const MANIFEST = join(repoRoot, 'apps', 'cli', 'oclif.manifest.json');
export const OUTPUT = join(repoRoot, 'docs', 'cli-reference.md');
const BIN = 'fnox';

/** `provider:add` → `provider add` (the CLI's topic separator is a space). */
const spaced = (id) => id.split(':').join(' ');
/** Anchor GitHub makes for a `### fnox provider add` heading. */
const anchor = (text) => text.toLowerCase().replace(/[^a-z0-9 _-]/g, '').replace(/ /g, '-');
const cell = (text) => String(text ?? '').replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|').trim();
/** End a description with a full stop so appended notes read as sentences. */
const sentence = (text) => (text === '' || /[.!?)\]]$/.test(text) ? text : `${text}.`);
const bin = (text) => String(text).replaceAll('<%= config.bin %>', BIN).replaceAll('<%= command.id %>', '');

function flagText(flag) {
  const name = flag.type === 'boolean' && flag.allowNo ? `--[no-]${flag.name}` : `--${flag.name}`;
  const value = flag.type === 'option' ? (flag.options ? ` <${flag.options.join('|')}>` : ' <value>') : '';
  return `${flag.char ? `-${flag.char}, ` : ''}${name}${value}`;
}

function flagDescription(flag) {
  const parts = [sentence(cell(flag.summary ?? flag.description ?? ''))];
  if (flag.multiple) parts.push('Repeatable.');
  if (flag.default !== undefined && flag.default !== false) parts.push(`Default: \`${flag.default}\`.`);
  if (flag.required) parts.push('Required.');
  if (flag.exclusive?.length) parts.push(`Cannot be used with ${flag.exclusive.map((f) => `\`--${f}\``).join(', ')}.`);
  return parts.filter(Boolean).join(' ');
}

function usage(command) {
  if (command.usage) return `${BIN} ${bin([command.usage].flat()[0])}`;
  const args = Object.values(command.args ?? {}).filter((a) => !a.hidden);
  const words = args.map((arg, i) => {
    const name = arg.name.toUpperCase() + (command.strict === false && i === args.length - 1 ? '...' : '');
    return arg.required ? name : `[${name}]`;
  });
  const hasFlags = Object.values(command.flags ?? {}).some((f) => !f.hidden);
  return [BIN, spaced(command.id), ...words, ...(hasFlags ? ['[FLAGS]'] : [])].join(' ');
}

/** Flags every command shares (the GLOBAL help group), from the command that declares the most. */
function globalFlags(commands) {
  const byName = new Map();
  for (const command of commands) {
    for (const flag of Object.values(command.flags ?? {})) {
      if (flag.helpGroup === 'GLOBAL' && !flag.hidden && !byName.has(flag.name)) byName.set(flag.name, flag);
    }
  }
  return [...byName.values()];
}

function renderCommand(command, globals) {
  const title = `${BIN} ${spaced(command.id)}`;
  const out = [`### ${title}`, ''];
  if (command.summary) out.push(bin(command.summary).trim(), '');
  if (command.description && command.description !== command.summary) out.push(bin(command.description).trim(), '');
  out.push('```', usage(command), '```', '');
  const aliases = (command.aliases ?? []).map((a) => `\`${BIN} ${spaced(a)}\``);
  if (aliases.length) out.push(`Aliases: ${aliases.join(', ')}`, '');

  const args = Object.values(command.args ?? {}).filter((a) => !a.hidden);
  if (args.length) {
    out.push('| argument | description |', '|---|---|');
    for (const arg of args) {
      const extra = [arg.required ? 'Required.' : '', arg.options ? `One of: ${arg.options.map((o) => `\`${o}\``).join(', ')}.` : '', arg.default !== undefined ? `Default: \`${arg.default}\`.` : '']
        .filter(Boolean)
        .join(' ');
      out.push(`| \`${arg.name.toUpperCase()}\` | ${[sentence(cell(arg.description)), extra].filter(Boolean).join(' ')} |`);
    }
    out.push('');
  }

  // After the command name `set --if-missing` is the secret's own policy, not the runtime override.
  const metadataIfMissing = command.ifMissingIsRuntime === false;
  const own = Object.values(command.flags ?? {}).filter(
    (f) => !f.hidden && f.name !== 'help' && (f.helpGroup !== 'GLOBAL' || (metadataIfMissing && f.name === 'if-missing')),
  );
  if (own.length) {
    out.push('| flag | description |', '|---|---|');
    for (const flag of own) {
      const description =
        metadataIfMissing && flag.name === 'if-missing'
          ? "The secret's own `if_missing` (`error`, `warn` or `ignore`) written to fnox.toml. Here, after the command name, it is not the runtime override: put that before the command (`fnox --if-missing warn set ...`)."
          : flagDescription(flag);
      out.push(`| \`${flagText(flag)}\` | ${description} |`);
    }
    out.push('');
  }
  const names = new Set(Object.values(command.flags ?? {}).filter((f) => f.helpGroup === 'GLOBAL' && !f.hidden).map((f) => f.name));
  const missing = globals.filter((g) => !names.has(g.name)).map((g) => `\`--${g.name}\``);
  if (names.size === 0) out.push('Takes no [global flags](#global-flags).', '');
  else if (missing.length) out.push(`Also takes the [global flags](#global-flags), except ${missing.join(', ')}.`, '');
  else out.push('Also takes the [global flags](#global-flags).', '');

  const examples = (command.examples ?? []).map((e) => (typeof e === 'string' ? { command: e } : e));
  if (examples.length) {
    out.push('Examples:', '', '```sh');
    examples.forEach((e, i) => {
      if (e.description) out.push(`${i > 0 ? '\n' : ''}# ${bin(e.description).trim()}`);
      for (const line of bin(e.command).split('\n')) out.push(line);
    });
    out.push('```', '');
  }
  return out;
}

/** The whole page for a parsed manifest. */
export function renderReference(manifest) {
  const commands = Object.values(manifest.commands)
    .filter((c) => !c.hidden)
    .sort((a, b) => spaced(a.id).localeCompare(spaced(b.id)));
  const globals = globalFlags(commands);
  const out = [
    '<!-- Generated by `node scripts/gen-cli-reference.mjs` from apps/cli/oclif.manifest.json. Do not edit by hand. -->',
    '',
    '# CLI reference',
    '',
    'Every `fnox` command, generated from the CLI\'s command manifest, so it matches the build it came',
    'from. `fnox help COMMAND` and `fnox COMMAND --help` print the same information in the terminal.',
    'The [documentation index](README.md) has the guides.',
    '',
    'Global flags may be given before or after the command name (`fnox -P prod get KEY` and',
    '`fnox get KEY -P prod` are the same), except after `fnox exec COMMAND`, where everything belongs',
    'to the command being run.',
    '',
    '## Commands',
    '',
    '| command | what it does |',
    '|---|---|',
    ...commands.map((c) => `| [\`${BIN} ${spaced(c.id)}\`](#${anchor(`${BIN} ${spaced(c.id)}`)}) | ${cell(bin(c.summary ?? c.description ?? ''))} |`),
    '',
    '## Global flags',
    '',
    '| flag | description |',
    '|---|---|',
    ...globals.map((f) => `| \`${flagText(f)}\` | ${flagDescription(f)} |`),
    '',
    '## Command details',
    '',
  ];
  for (const command of commands) out.push(...renderCommand(command, globals));
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

/** The page for the manifest on disk. */
export function generate(manifestPath = MANIFEST) {
  return renderReference(JSON.parse(readFileSync(manifestPath, 'utf8')));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = generate();
  if (process.argv.includes('--stdout')) process.stdout.write(text);
  else {
    writeFileSync(OUTPUT, text);
    console.log(`wrote ${OUTPUT}`);
  }
}
