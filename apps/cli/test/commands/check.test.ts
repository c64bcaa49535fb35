import { afterAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '@fnox/test-kit';
import { PLAIN, project } from './secrets-helpers.js';

const boxes: Sandbox[] = [];
const make = (toml: string) => {
  const b = project(toml);
  boxes.push(b);
  return b;
};
afterAll(() => boxes.forEach((b) => b.cleanup()));

describe('fnox check', () => {
  it('healthy', async () => {
    const r = await make(PLAIN + 'A = { provider = "plain", value = "1", if_missing = "error" }\n').run(['check']);
    expect(r).toMatchObject({
      code: 0,
      stdout: 'Checking configuration for profile(s): default\nFound 1 secret(s) in profile(s)\nFound 1 provider(s) in profile\n✓ Configuration is healthy\n',
      stderr: '',
    });
  });
  it('warnings only → OK (with warnings), exit 0', async () => {
    const r = await make(PLAIN + 'A = { if_missing = "warn" }\nB = { provider = "ghost", value = "x" }\n').run(['c']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("Found 2 warning(s):\n  Secret 'A' has no value source\n  Secret 'B' references unknown provider 'ghost'\n");
    expect(r.stdout.endsWith('✓ Configuration is OK (with warnings)\n')).toBe(true);
  });
  it('errors → exit 1', async () => {
    const r = await make(PLAIN + 'REQ = { if_missing = "error" }\n').run(['check']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("Found 1 error(s):\n  Secret 'REQ' is required but has no value source\n");
    expect(r.stdout).not.toContain('✓');
  });
  it('validation runs first', async () => {
    const r = await make('default_provider = "nope"\n[providers.plain]\ntype = "plain"\n').run(['check']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Configuration validation failed');
    expect(r.stdout).toBe('');
  });
  it('a provider that fails under the default if_missing (warn) passes plain check but fails --strict', async () => {
    // An age secret whose key is missing: the provider fails for every value.
    const toml =
      '[providers.age]\ntype = "age"\nrecipients = ["age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p"]\n[secrets]\nDB = { provider = "age", value = "YWdl" }\n';
    const box = make(toml);
    const plain = await box.run(['check', '--all']);
    expect(plain.code).toBe(0);
    expect(plain.stderr).toContain("Secret 'DB' failed to resolve: Age identity file not found");
    const strict = await box.run(['check', '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain("Found 1 error(s):\n  Secret 'DB' failed to resolve: Age identity file not found");
    expect(strict.stdout).not.toContain('✓');
    const healthy = await make(PLAIN + 'A = { provider = "plain", value = "1" }\n').run(['check', '--strict']);
    expect(healthy.code).toBe(0);
    expect(healthy.stdout).toContain('✓ Configuration is healthy');
  });
});
