import { homedir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { expandHome } from '../src/paths.js';

describe('expandHome', () => {
  it('expands ~ and ~/ with HOME from the given environment, else the OS home', () => {
    expect(expandHome('~', { HOME: '/h' })).toBe('/h');
    expect(expandHome('~/.config/age.txt', { HOME: '/h' })).toBe('/h/.config/age.txt');
    expect(expandHome('~/x', {})).toBe(`${homedir()}/x`);
  });

  it('leaves every other path alone', () => {
    for (const path of ['/abs/~/x', 'rel/x', '~user/x', '~x', './~']) expect(expandHome(path, { HOME: '/h' })).toBe(path);
  });
});
