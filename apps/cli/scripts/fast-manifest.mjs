// After `oclif manifest`: write dist/fast-manifest.json, everything the fast path needs to know
// about the command line, derived once at build time so the two paths cannot disagree:
//   - commands: the hot commands' ids, aliases, args and flags (a hot command is a file in
//     src/handlers/ named by its id, exporting `handler`);
//   - globalFlags: the flags that may come before the command name (helpGroup GLOBAL in
//     src/global-flags.ts), with their short names and whether they take a value;
//   - execNames: exec's id and aliases, whose child command argv stays opaque;
//   - commandNames: every hot command's id and alias, to its id (bin/run.js picks the code cache
//     by it, the fast path its command).
// Reading the full oclif manifest costs ~2 ms on every hot command; this slice is a few KB.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const manifest = JSON.parse(readFileSync(`${root}/oclif.manifest.json`, 'utf8'));
const hot = readdirSync(`${root}/src/handlers`)
  .filter((name) => name.endsWith('.ts'))
  .map((name) => name.slice(0, -3))
  .sort();
const missing = hot.filter((id) => !manifest.commands[id]);
if (missing.length > 0) throw new Error(`src/handlers/ has no command for: ${missing.join(', ')}`);
const keep = ({ id, aliases, hiddenAliases, strict, args, flags }) => ({ id, aliases, hiddenAliases, strict, args, flags });
const commands = Object.fromEntries(hot.map((id) => [id, keep(manifest.commands[id])]));
const globalFlags = Object.values(manifest.commands.get.flags)
  .filter((flag) => flag.helpGroup === 'GLOBAL')
  .map((flag) => ({ name: flag.name, ...(flag.char ? { char: flag.char } : {}), takesValue: flag.type === 'option' }));
const exec = manifest.commands.exec;
const execNames = [exec.id, ...(exec.aliases ?? []), ...(exec.hiddenAliases ?? [])];
const commandNames = Object.fromEntries(
  Object.values(commands).flatMap(({ id, aliases = [], hiddenAliases = [] }) => [id, ...aliases, ...hiddenAliases].map((name) => [name, id])),
);
writeFileSync(`${root}/dist/fast-manifest.json`, JSON.stringify({ version: manifest.version, globalFlags, execNames, commandNames, commands }));
