// After `oclif manifest`: write dist/fast-manifest.json, the slice of oclif.manifest.json the fast
// path needs (its hot commands' ids, aliases, args and flags). Reading the full manifest costs
// ~2 ms on every hot command; this slice is a few KB. Derived from the same manifest, so the two
// paths cannot disagree about flags.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const HOT = ['version', 'get', 'export', 'exec', 'hook-env'];
const root = fileURLToPath(new URL('..', import.meta.url));
const manifest = JSON.parse(readFileSync(`${root}/oclif.manifest.json`, 'utf8'));
const keep = ({ id, aliases, hiddenAliases, strict, args, flags }) => ({ id, aliases, hiddenAliases, strict, args, flags });
const commands = Object.fromEntries(HOT.map((id) => [id, keep(manifest.commands[id])]));
writeFileSync(`${root}/dist/fast-manifest.json`, JSON.stringify({ version: manifest.version, commands }));
