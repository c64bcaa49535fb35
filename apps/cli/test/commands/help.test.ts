import { afterAll, describe, expect, it } from 'vitest';
import { sandbox } from '@fnox/test-kit';

const box = sandbox();
afterAll(() => box.cleanup());

describe('--help of get, exec, export, check', () => {
  const rows: [string, string][] = [
    ['get', 'Print the value of one secret.'],
    ['exec', 'Run a command with the secrets in its environment.'],
    ['export', 'Print the secrets of the active profile'],
    ['check', 'Check that the configuration is valid'],
  ];
  for (const [command, summary] of rows) {
    it(command, async () => {
      const r = await box.run([command, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(summary);
      expect(r.stdout).toMatch(/EXAMPLES\n\s+\$ fnox /);
    });
  }
  it('aliases x / run / ex / c resolve', async () => {
    for (const alias of ['x', 'run', 'ex', 'c']) expect((await box.run([alias, '--help'])).code).toBe(0);
  });
});
