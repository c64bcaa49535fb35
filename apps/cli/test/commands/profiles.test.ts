import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sandbox, type Sandbox } from '@fnox/test-kit';
import { expectHelp } from './help-check.js';

let box: Sandbox;
beforeEach(() => {
  box = sandbox();
  writeFileSync(
    join(box.project, 'fnox.toml'),
    'root = true\n[secrets]\nA = { default = "a" }\n[profiles.zeta.secrets]\nZ = { default = "z" }\n[profiles.alpha.secrets]\nA = { default = "x" }\nB = { default = "b" }\n',
  );
});
afterEach(() => box.cleanup());

describe('fnox profiles', () => {
  it('lists default and every [profiles.*] name, sorted, with effective secret counts', async () => {
    const result = await box.run(['profiles']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toBe('Available profiles:\n  alpha (2 secrets)\n  default (1 secrets)\n  zeta (2 secrets)\n');
    expect((await box.run(['profile', '--complete'])).stdout).toBe('alpha\ndefault\nzeta\n');
  });

  it('has help with an example', () => expectHelp(box, 'profiles'));
});
