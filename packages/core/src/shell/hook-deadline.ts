/**
 * The prompt hook's deadline: a provider that hangs (an unreachable endpoint, a stuck auth flow)
 * must not freeze the user's prompt. `FNOX_HOOK_TIMEOUT` (seconds, may be fractional) overrides
 * the default; documented in docs/shell-integration.md.
 */

/** Default deadline of one hook-env run. */
export const DEFAULT_HOOK_TIMEOUT_MS = 5_000;

/** The deadline in ms from `FNOX_HOOK_TIMEOUT`; a missing or invalid value gives the default. */
export function hookDeadlineMs(env: Readonly<Record<string, string | undefined>>): number {
  const seconds = Number(env.FNOX_HOOK_TIMEOUT);
  return env.FNOX_HOOK_TIMEOUT && Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds * 1000) : DEFAULT_HOOK_TIMEOUT_MS;
}

/** `work`'s result, or `'timeout'` once `ms` have passed. */
export async function withDeadline<T>(work: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
