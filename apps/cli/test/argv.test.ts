import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { prepareArgv as prepare } from '../src/argv.js';
import type { FastManifest } from '../src/fast/manifest.js';
import { globalFlags } from '../src/global-flags.js';

/** The grammar the build derived from the commands (tests run after the build). */
const manifest = JSON.parse(readFileSync(new URL('../dist/fast-manifest.json', import.meta.url), 'utf8')) as FastManifest;
const prepareArgv = (argv: readonly string[]) => prepare(argv, manifest);

describe('the argv grammar in dist/fast-manifest.json', () => {
  it('is every global flag of src/global-flags.ts but the internal runtime-if-missing, with its short name and value', () => {
    const expected = Object.entries(globalFlags)
      .filter(([name]) => name !== 'runtime-if-missing')
      .map(([name, flag]) => ({ name, ...(flag.char ? { char: flag.char } : {}), takesValue: flag.type === 'option' }));
    expect([...manifest.globalFlags].sort((a, b) => a.name.localeCompare(b.name))).toEqual(expected.sort((a, b) => a.name.localeCompare(b.name)));
  });

  it("names exec by its id and aliases, and lists exactly src/handlers' files as hot commands", () => {
    expect([...manifest.execNames].sort()).toEqual(['exec', 'run', 'x']);
    expect(Object.keys(manifest.commands).sort()).toEqual(['exec', 'export', 'get', 'hook-env', 'version']);
    expect(manifest.commandNames).toMatchObject({ exec: 'exec', x: 'exec', run: 'exec', get: 'get', 'hook-env': 'hook-env' });
    expect(new Set(Object.values(manifest.commandNames))).toEqual(new Set(Object.keys(manifest.commands)));
  });
});

describe('prepareArgv', () => {
  it.each([
    [
      ['get', 'KEY'],
      ['get', 'KEY'],
    ],
    [
      ['-c', 'x.toml', 'get', 'KEY'],
      ['get', 'KEY', '-c', 'x.toml'],
    ],
    [
      ['-P', 'aws', '-P', 'prod', 'get', 'S'],
      ['get', 'S', '-P', 'aws', '-P', 'prod'],
    ],
    [
      ['--config=x.toml', '-Pprod', 'list'],
      ['list', '--config=x.toml', '-Pprod'],
    ],
    [
      ['--config', 'x', 'init'],
      ['init', '--config', 'x'],
    ],
    [
      ['--age-key-file', 'k', 'export'],
      ['export', '--age-key-file', 'k'],
    ],
    [
      ['-v', '--no-color', 'provider', 'add', 'a', 'age'],
      ['provider', 'add', 'a', 'age', '-v', '--no-color'],
    ],
    [
      ['--if-missing', 'ignore', 'set', 'K', 'v'],
      ['set', 'K', 'v', '--runtime-if-missing', 'ignore'],
    ],
    [
      ['--if-missing=warn', 'get', 'K'],
      ['get', 'K', '--runtime-if-missing=warn'],
    ],
    [
      ['set', 'K', 'v', '--if-missing', 'error'],
      ['set', 'K', 'v', '--if-missing', 'error'],
    ],
    [['--version'], ['--version']],
    [
      ['-P', 'x', '--version'],
      ['--version', '-P', 'x'],
    ],
    [
      ['--unknown', 'get'],
      ['--unknown', 'get'],
    ],
  ])('%j → %j', (input, expected) => {
    expect(prepareArgv(input)).toEqual(expected);
  });

  it.each([
    [
      ['exec', 'sh', '-c', 'echo $X'],
      ['exec', '--', 'sh', '-c', 'echo $X'],
    ],
    [
      ['exec', '--', 'npm', 'start'],
      ['exec', '--', 'npm', 'start'],
    ],
    [
      ['-c', 'f.toml', 'exec', 'env'],
      ['exec', '-c', 'f.toml', '--', 'env'],
    ],
    [
      ['exec', '-P', 'prod', 'node', '-e', '1'],
      ['exec', '-P', 'prod', '--', 'node', '-e', '1'],
    ],
    [
      ['x', '--if-missing', 'ignore', 'true'],
      ['x', '--if-missing', 'ignore', '--', 'true'],
    ],
    [['exec'], ['exec']],
  ])('keeps the child command of exec opaque: %j', (input, expected) => {
    expect(prepareArgv(input)).toEqual(expected);
  });
});
