/**
 * Leaving restores (real bash, zsh, fish): the values the hook replaced come back exactly — PATH
 * (allowed by the user) and a DATABASE_URL the user had — a variable the user had empty stays
 * empty, one they had unset is unset again, and deactivate restores the same way. Positive
 * control: inside the project every one of them holds the config's value.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { TEST_SHELLS, useShellFixture } from '../shell/driver.js';

const USER_DB = `postgres://me:p@ss w'rd@localhost/app?x="1"&y=$HOME`;
const NAMES = ['PATH', 'DATABASE_URL', 'EMPTY_BEFORE', 'UNSET_BEFORE'];

describe.each(TEST_SHELLS)('%s', (shell) => {
  const fixture = useShellFixture();
  beforeEach(() => {
    writeFileSync(
      join(fixture.box.project, 'fnox.toml'),
      `[secrets]
PATH = { default = "/opt/project/bin:/usr/bin:/bin" }
DATABASE_URL = { default = "postgres://project-db" }
EMPTY_BEFORE = { default = "now-set" }
UNSET_BEFORE = { default = "now-set-too" }
`,
    );
  });

  it('cd out and deactivate give back exactly what the user had', { timeout: 300_000 }, async () => {
    const sh = await fixture.start(shell, {
      names: NAMES,
      env: { FNOX_TRUSTED_CONFIG_PATHS: fixture.box.home, FNOX_ALLOW_ENV_NAMES: 'PATH', DATABASE_URL: USER_DB, EMPTY_BEFORE: '' },
    });
    const before = await sh.step('');
    expect([before.get('DATABASE_URL'), before.get('EMPTY_BEFORE'), before.has('UNSET_BEFORE')]).toEqual([USER_DB, '', false]);

    let inside = await sh.step(`cd ${fixture.box.project}`);
    const projectPath = '/opt/project/bin:/usr/bin:/bin'; // fish joins a path variable with ':' when quoted, too
    expect([inside.get('PATH'), inside.get('DATABASE_URL'), inside.get('EMPTY_BEFORE'), inside.get('UNSET_BEFORE')]).toEqual([
      projectPath,
      'postgres://project-db',
      'now-set',
      'now-set-too',
    ]);

    let outside = await sh.step(`cd ${fixture.box.home}`);
    for (const name of NAMES) expect(outside.get(name), name).toBe(before.get(name));
    expect(outside.has('UNSET_BEFORE')).toBe(false);

    // Back in, then deactivate: the same restore.
    inside = await sh.step(`cd ${fixture.box.project}`);
    expect(inside.get('DATABASE_URL')).toBe('postgres://project-db');
    const gone = await sh.step('fnox deactivate');
    expect(gone.has('HOOKED')).toBe(false);
    for (const name of NAMES) expect(gone.get(name), name).toBe(before.get(name));
    expect(gone.has('UNSET_BEFORE')).toBe(false);
  });
});
