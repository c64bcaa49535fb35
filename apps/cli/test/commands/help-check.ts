import { expect } from 'vitest';
import type { Sandbox } from '@fnox/test-kit';

/** `fnox <command> --help` starts with a one-line summary and shows at least one `$ fnox` example. */
export async function expectHelp(box: Sandbox, command: string): Promise<void> {
  const result = await box.run([command, '--help']);
  expect(result.code).toBe(0);
  const [summary] = result.stdout.split('\n');
  expect(summary!.trim().length).toBeGreaterThan(10);
  expect(result.stdout).toMatch(/\nEXAMPLES\n/);
  expect(result.stdout).toMatch(new RegExp(`\\n\\s+\\$ fnox ${command}\\b`));
}
