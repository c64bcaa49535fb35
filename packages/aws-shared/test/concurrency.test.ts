import { describe, expect, it } from 'vitest';
import { forEachLimit, sharedSignal } from '../src/index.js';

describe('forEachLimit', () => {
  it('visits every item once with its index and never has more than `limit` calls in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const seen: string[] = [];
    await forEachLimit(['a', 'b', 'c', 'd', 'e', 'f', 'g'], 3, async (item, index) => {
      peak = Math.max(peak, ++inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      seen.push(`${index}:${item}`);
      inFlight--;
    });
    expect(seen.sort()).toEqual(['0:a', '1:b', '2:c', '3:d', '4:e', '5:f', '6:g']);
    expect(peak).toBe(3);
  });

  it('does nothing for no items, and treats a limit below 1 as 1', async () => {
    let calls = 0;
    await forEachLimit([], 5, async () => void calls++);
    expect(calls).toBe(0);
    await forEachLimit([1, 2], 0, async () => void calls++);
    expect(calls).toBe(2);
  });
});

describe('sharedSignal', () => {
  it('follows the parent with its reason, and stops following after release()', () => {
    const parent = new AbortController();
    const followed = sharedSignal(parent.signal, 10);
    const released = sharedSignal(parent.signal, 10);
    released.release();
    parent.abort(new Error('stop'));
    expect(followed.signal.aborted).toBe(true);
    expect((followed.signal.reason as Error).message).toBe('stop');
    expect(released.signal.aborted).toBe(false);
  });

  it('is aborted at once when the parent already is', () => {
    expect(sharedSignal(AbortSignal.abort(), 10).signal.aborted).toBe(true);
  });
});
