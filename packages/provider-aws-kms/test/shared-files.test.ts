import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The AWS plumbing is written once per AWS provider package on purpose (each installs alone) and
 * must stay identical: a fix made in one package has to reach the other. Runs in the monorepo,
 * where the sibling package exists.
 */
const SHARED = [
  'src/aws-settings.ts',
  'src/aws-errors.ts',
  'src/aws-credentials.ts',
  'src/concurrency.ts',
  'test/support/hermetic-process.ts',
  'test/support/expect-error.ts',
  'test/support/install.ts',
  'vitest.config.ts',
];
const here = join(dirname(fileURLToPath(import.meta.url)), '..');
const sibling = join(here, '..', 'provider-secrets-manager');

describe.skipIf(!existsSync(sibling))('shared AWS files match provider-secrets-manager', () => {
  it.each(SHARED)('%s is identical in both packages', (file) => {
    expect(readFileSync(join(here, file), 'utf8')).toBe(readFileSync(join(sibling, file), 'utf8'));
  });
});
