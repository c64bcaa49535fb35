import { describe, expect, it } from 'vitest';
import { createSession, globalConfigDir } from '../src/index.js';

describe('createSession', () => {
  it.each([
    ['true', true],
    ['TRUE', true],
    ['1', true],
    ['false', false],
    ['0', false],
    ['', false],
  ])('FNOX_NON_INTERACTIVE=%j means --non-interactive: %s', (value, expected) => {
    const session = createSession({ env: { FNOX_NON_INTERACTIVE: value }, stdinIsTTY: true });
    expect(Boolean(session.options.nonInteractive)).toBe(expected);
  });

  it('keeps --non-interactive from the flags whatever the environment says', () => {
    expect(createSession({ env: { FNOX_NON_INTERACTIVE: 'false' }, options: { nonInteractive: true } }).options.nonInteractive).toBe(true);
  });
});

describe('globalConfigDir', () => {
  it('prefers FNOX_CONFIG_DIR, then XDG_CONFIG_HOME, ignoring empty or relative paths', () => {
    expect(globalConfigDir({ FNOX_CONFIG_DIR: '/c', XDG_CONFIG_HOME: '/x' })).toBe('/c');
    expect(globalConfigDir({ FNOX_CONFIG_DIR: 'rel', XDG_CONFIG_HOME: '/x' })).toBe('/x/fnox');
    expect(globalConfigDir({ FNOX_CONFIG_DIR: '', XDG_CONFIG_HOME: '', HOME: '/h' })).toBe('/h/.config/fnox');
  });
});
