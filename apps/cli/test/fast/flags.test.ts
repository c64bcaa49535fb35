import { describe, expect, it } from 'vitest';
import { parseFast, type ManifestCommand } from '../../src/fast/flags.js';

const get: ManifestCommand = {
  id: 'get',
  strict: true,
  args: { key: { name: 'key', required: true } },
  flags: {
    config: { name: 'config', char: 'c', type: 'option' },
    profile: { name: 'profile', char: 'P', type: 'option', multiple: true },
    verbose: { name: 'verbose', char: 'v', type: 'boolean' },
    'base64-decode': { name: 'base64-decode', type: 'boolean' },
    format: { name: 'format', char: 'f', type: 'option', options: ['env', 'json'], default: 'env' },
    force: { name: 'force', type: 'boolean', exclusive: ['dry-run'] },
  },
};
const exec: ManifestCommand = { id: 'exec', strict: false, args: {}, flags: { config: { name: 'config', char: 'c', type: 'option' } } };

describe('parseFast', () => {
  it('parses args, long and short flags, attached values and multiples like oclif', () => {
    expect(parseFast(get, ['KEY', '-c', 'x.toml', '-Pa', '--profile=b', '-v', '--base64-decode'])).toEqual({
      args: { key: 'KEY' },
      flags: { config: 'x.toml', profile: ['a', 'b'], verbose: true, 'base64-decode': true, format: 'env' },
      rest: [],
    });
  });

  it('keeps everything after -- for non-strict commands', () => {
    expect(parseFast(exec, ['-c', 'f.toml', '--', 'sh', '-c', 'echo $X'])).toEqual({
      args: {},
      flags: { config: 'f.toml' },
      rest: ['sh', '-c', 'echo $X'],
    });
  });

  it.each([
    ['an unknown flag', ['KEY', '--nope']],
    ['help', ['KEY', '--help']],
    ['-h', ['-h']],
    ['a missing required arg', []],
    ['an extra positional on a strict command', ['A', 'B']],
    ['a value outside the options', ['KEY', '-f', 'xml']],
    ['a flag with relations', ['KEY', '--force']],
    ['a repeated single flag', ['KEY', '-c', 'a', '-c', 'b']],
    ['a flag missing its value', ['KEY', '-c']],
    ['combined short booleans', ['KEY', '-vv']],
    ['a boolean with a value', ['KEY', '--verbose=true']],
  ])('returns undefined (oclif decides) for %s', (_name, argv) => {
    expect(parseFast(get, argv)).toBeUndefined();
  });
});
