#!/usr/bin/env node
'use strict';
// CommonJS on purpose (see bin/package.json): hot commands (get, exec, export, hook-env) are served
// by dist/fast.cjs without ever starting Node's ESM loader, which costs several ms per run. Only
// the commands left to oclif load the ESM bundle.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { join } = require('node:path');

(async () => {
  const cliRoot = join(__dirname, '..');
  // The plainest `fnox --version` needs nothing else (other spellings go through fast.cjs).
  if (process.argv.length === 3 && (process.argv[2] === '--version' || process.argv[2] === '-V')) {
    process.stdout.write(`fnox ${require('../package.json').version}\n`);
    return;
  }
  // fast.cjs is compiled with V8 code cache from the user's cache dir (FNOX_NO_CODE_CACHE=1: off),
  // one cache per hot command: V8 caches the functions the writing run compiled, so an `exec` run
  // from a cache `get` wrote would compile exec's code every time.
  const variant = hotCommand(process.argv.slice(2));
  const fast = require('../dist/code-cache.cjs').loadWithCodeCache(join(cliRoot, 'dist', 'fast.cjs'), { variant }).exports;
  const args = await fast.start(process.argv.slice(2), cliRoot, (url) => import(url));
  if (args === undefined) return;
  const { main } = await import('../dist/main.js');
  await main(args);
})();

/** The id of the first argument naming a hot command (by id or alias), or '' for any other command. */
function hotCommand(args) {
  let names;
  try {
    names = require('../dist/fast-manifest.json').commandNames;
  } catch {
    return ''; // a partial build: fast.cjs falls back to oclif anyway
  }
  const end = args.indexOf('--');
  const word = (end === -1 ? args : args.slice(0, end)).find((arg) => Object.hasOwn(names, arg));
  return word === undefined ? '' : names[word];
}
