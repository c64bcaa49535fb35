/** Bounded concurrency and a signal many concurrent calls can share. */
import { setMaxListeners } from 'node:events';

/** Run `fn` over `items` with at most `limit` calls in flight. `fn` must not throw. */
export async function forEachLimit<T>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      await fn(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
}

/** A signal that follows `parent`; `release()` detaches it. */
export interface SharedSignal {
  readonly signal: AbortSignal;
  release(): void;
}

/**
 * Every in-flight SDK call adds an abort listener to the signal it is given; a batch of 100 calls
 * on the host's signal would trip Node's MaxListeners warning (on stderr, at every prompt). The
 * calls share this child signal instead, which follows the host's and allows that many listeners.
 */
export function sharedSignal(parent: AbortSignal, listeners: number): SharedSignal {
  const controller = new AbortController();
  setMaxListeners(listeners, controller.signal);
  const follow = () => controller.abort(parent.reason);
  if (parent.aborted) follow();
  else parent.addEventListener('abort', follow, { once: true });
  return { signal: controller.signal, release: () => parent.removeEventListener('abort', follow) };
}
