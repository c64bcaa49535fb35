/**
 * Setup shared by the black-box tests that run each case on both command paths: a fresh sandbox
 * per test, its project's fnox.toml, and the shape of a clean failure.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sandbox, type Sandbox, type SandboxOptions } from '@fnox/test-kit';
import { afterEach, beforeEach, expect } from 'vitest';

/** The fast path and oclif, with the variables that select each: `describe.each(BOTH_PATHS)`. */
export const BOTH_PATHS = [
  ['fast path', {}],
  ['oclif', { FNOX_NO_FAST_PATH: '1' }],
] as const;

/** Options of {@link sandboxPerTest}. */
export interface PerTestOptions extends SandboxOptions {
  /** Written as the project's fnox.toml before each test. */
  readonly config?: string;
}

/**
 * A new {@link Sandbox} before each test of the calling file, removed after it. The handle stays
 * the same object, so module-level helpers can use it; it always means the current test's sandbox.
 */
export function sandboxPerTest(options: PerTestOptions = {}): Sandbox {
  let current: Sandbox | undefined;
  beforeEach(() => {
    current = sandbox(options);
    if (options.config !== undefined) writeConfig(current, options.config);
  });
  afterEach(() => {
    current?.cleanup();
    current = undefined;
  });
  const live = (): Sandbox => {
    if (!current) throw new Error('the per-test sandbox is used outside a test');
    return current;
  };
  return {
    get home() {
      return live().home;
    },
    get project() {
      return live().project;
    },
    get env() {
      return live().env;
    },
    run: (args, runOptions) => live().run(args, runOptions),
    cleanup: () => live().cleanup(),
  };
}

/** Write the project's fnox.toml. */
export function writeConfig(box: Sandbox, toml: string): void {
  writeFileSync(join(box.project, 'fnox.toml'), toml);
}

/** Exit 1 with `message` on stderr, no stack trace, and nothing of `secret` on either stream. */
export function expectOneLineError(r: { code: number | null; stdout: string; stderr: string }, message: RegExp | string, secret?: string): void {
  expect(r.code, r.stderr).toBe(1);
  if (typeof message === 'string') expect(r.stderr).toContain(message);
  else expect(r.stderr).toMatch(message);
  if (secret !== undefined) expect(r.stdout + r.stderr).not.toContain(secret);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}
