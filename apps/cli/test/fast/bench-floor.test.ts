import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sandbox, type Sandbox } from '@fnox/test-kit';

// bench/floor.cjs is the yardstick the start-up figures are read against: it must do the work fnox
// does (decrypt every value of the bench fixtures, hand them to a child), or the floor is a lie.

const FLOOR = fileURLToPath(new URL('../../../../bench/floor.cjs', import.meta.url));
const fixtures = (await import(new URL('../../../../bench/fixtures.mjs', import.meta.url).href)) as {
  ageKey(home: string): Promise<string>;
  ageProject(dir: string, recipient: string, count: number): Promise<string>;
};

let box: Sandbox;
beforeEach(() => {
  box = sandbox();
});
afterEach(() => box.cleanup());

const floor = (args: string[]) => spawnSync(process.execPath, [FLOOR, ...args], { cwd: box.project, env: box.env, encoding: 'utf8' });

describe('bench/floor.cjs', () => {
  it('prints and exports the values fnox decrypts from the bench fixtures', async () => {
    await fixtures.ageProject(box.project, await fixtures.ageKey(box.home), 3);
    const fnox = await box.run(['get', 'SECRET_2']);
    expect(fnox.stdout).toBe('value-2-xxxxxxxxxxxxxxxxxxxxxxxx\n');
    expect(floor(['get', 'SECRET_2']).stdout).toBe(fnox.stdout);
    const child = floor(['exec', 'sh', '-c', 'printf "%s|%s|%s" "$SECRET_0" "$SECRET_1" "$SECRET_2"']);
    expect(child.status).toBe(0);
    expect(child.stdout).toBe('value-0-xxxxxxxxxxxxxxxxxxxxxxxx|value-1-xxxxxxxxxxxxxxxxxxxxxxxx|value-2-xxxxxxxxxxxxxxxxxxxxxxxx');
  });

  it('authenticates: a value encrypted to another key fails instead of printing', async () => {
    await fixtures.ageProject(box.project, await fixtures.ageKey(box.home), 1);
    expect(floor(['get', 'SECRET_0']).status).toBe(0); // positive control
    await fixtures.ageKey(box.home); // a new identity replaces the one the value was encrypted to
    const run = floor(['get', 'SECRET_0']);
    expect(run.status).not.toBe(0);
    expect(run.stdout).toBe('');
  });
});
