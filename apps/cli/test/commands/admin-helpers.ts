/** Shared setup for the import/doctor/edit/provider/reencrypt/sync/scan CLI tests. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Sandbox } from '@fnox/test-kit';

/** `fnox <words...> --help`: a one-line summary and at least one `$ fnox <words>` example. */
export async function expectHelpOf(box: Sandbox, words: readonly string[]): Promise<void> {
  const result = await box.run([...words, '--help']);
  expect(result.code).toBe(0);
  const [summary] = result.stdout.split('\n');
  expect(summary!.trim().length).toBeGreaterThan(10);
  expect(result.stdout).toMatch(/\nEXAMPLES\n/);
  expect(result.stdout).toContain(`$ fnox ${words.join(' ')}`);
}

/** The bytes of a file (compare before/after to prove nothing was written). */
export const bytes = (path: string): Buffer => readFileSync(path);

/** The project's fnox.toml as text. */
export const configText = (box: Sandbox, name = 'fnox.toml'): string => readFileSync(join(box.project, name), 'utf8');

/** A fresh age key pair from the provider package (node:crypto only). */
export async function ageKeyPair(): Promise<{ identity: string; recipient: string }> {
  const age = (await import('@fnox/provider-age')) as { generateIdentity(): Promise<{ identity: string; recipient: string }> };
  return age.generateIdentity();
}

/** Run `fnox ARGS` on a terminal, answer its `Continue? [y/N]` with `answer`; its exit code and stdout. */
export async function answerConfirmation(
  box: Sandbox,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  answer: string,
): Promise<{ code: number; stdout: string }> {
  const { startPty } = await import('../helpers/pty.js');
  const pty = startPty(box, args, env);
  try {
    await pty.waitForOutput(/Continue\? \[y\/N\]\n$/);
    pty.answer(answer);
    return await pty.exit();
  } finally {
    pty.stop();
  }
}
