import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { eagerImports } from '@fnox/test-kit/aws';

describe('the AWS SDK stays lazy', () => {
  // The providers bundle this package into the entry fnox imports: one eager SDK import here would
  // cost every `fnox` run ~130 ms. @aws-sdk/client-sts is imported only when a role is assumed.
  it('src: top-level imports are node built-ins, @fnox/contract, relative modules, or type-only', () => {
    expect(eagerImports(join(dirname(fileURLToPath(import.meta.url)), '..', 'src'), ['@fnox/contract'])).toEqual([]);
  });
});
