import { isProviderError, type ProviderErrorLike } from '@fnox/contract';
import { expect } from 'vitest';

/** Everything of an error a user or a log could ever see: message, hint, stack, cause chain. */
export function visibleText(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const e = current as { message?: unknown; stack?: unknown; hint?: unknown; cause?: unknown };
    parts.push(String(e.message ?? ''), String(e.stack ?? ''), String(e.hint ?? ''));
    try {
      parts.push(JSON.stringify(current));
    } catch {
      // circular: the fields above are enough
    }
    current = e.cause;
  }
  return parts.join('\n');
}

/** Await a rejection and check it is a ProviderError with this code, message and hint. */
export async function expectProviderError(
  promise: Promise<unknown>,
  expected: { code: string; message: string | RegExp; hint?: string | RegExp; diagnostic?: string },
): Promise<ProviderErrorLike> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  expect(caught, 'expected a rejection').toBeDefined();
  if (!isProviderError(caught)) throw new Error(`not a ProviderError: ${String(caught)}`);
  const match = (actual: string | undefined, want: string | RegExp) =>
    typeof want === 'string' ? expect(actual).toContain(want) : expect(actual).toMatch(want);
  expect(caught.code, caught.message).toBe(expected.code);
  match(caught.message, expected.message);
  if (expected.hint !== undefined) match(caught.hint, expected.hint);
  if (expected.diagnostic !== undefined) expect(caught.diagnostic).toBe(expected.diagnostic);
  return caught;
}
