import { describe, expect, it } from 'vitest';
import { prepareArgv } from '../src/argv.js';

describe('prepareArgv', () => {
  it.each([
    [['get', 'KEY'], ['get', 'KEY']],
    [['-c', 'x.toml', 'get', 'KEY'], ['get', 'KEY', '-c', 'x.toml']],
    [['-P', 'aws', '-P', 'prod', 'get', 'S'], ['get', 'S', '-P', 'aws', '-P', 'prod']],
    [['--config=x.toml', '-Pprod', 'list'], ['list', '--config=x.toml', '-Pprod']],
    [['--config', 'x', 'init'], ['init', '--config', 'x']],
    [['--age-key-file', 'k', 'export'], ['export', '--age-key-file', 'k']],
    [['-v', '--no-color', 'provider', 'add', 'a', 'age'], ['provider', 'add', 'a', 'age', '-v', '--no-color']],
    [['--if-missing', 'ignore', 'set', 'K', 'v'], ['set', 'K', 'v', '--runtime-if-missing', 'ignore']],
    [['--if-missing=warn', 'get', 'K'], ['get', 'K', '--runtime-if-missing=warn']],
    [['set', 'K', 'v', '--if-missing', 'error'], ['set', 'K', 'v', '--if-missing', 'error']],
    [['--version'], ['--version']],
    [['-P', 'x', '--version'], ['--version', '-P', 'x']],
    [['--unknown', 'get'], ['--unknown', 'get']],
  ])('%j → %j', (input, expected) => {
    expect(prepareArgv(input)).toEqual(expected);
  });

  it.each([
    [['exec', 'sh', '-c', 'echo $X'], ['exec', '--', 'sh', '-c', 'echo $X']],
    [['exec', '--', 'npm', 'start'], ['exec', '--', 'npm', 'start']],
    [['-c', 'f.toml', 'exec', 'env'], ['exec', '-c', 'f.toml', '--', 'env']],
    [['exec', '-P', 'prod', 'node', '-e', '1'], ['exec', '-P', 'prod', '--', 'node', '-e', '1']],
    [['x', '--if-missing', 'ignore', 'true'], ['x', '--if-missing', 'ignore', '--', 'true']],
    [['exec'], ['exec']],
  ])('keeps the child command of exec opaque: %j', (input, expected) => {
    expect(prepareArgv(input)).toEqual(expected);
  });
});
