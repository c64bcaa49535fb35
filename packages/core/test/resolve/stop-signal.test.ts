/**
 * The session's abort signal (Ctrl-C in the CLI): once aborted, resolution ends with its reason at
 * once, even while a provider ignores the signal, and never falls back to a default, the
 * environment or an if_missing warning (exec would otherwise run with a partial environment).
 */
import { describe, expect, it } from 'vitest';
import { FnoxError, stoppedBy } from '../../src/errors.js';
import { withDeadline } from '../../src/providers/guard.js';
import { createResolver } from '../../src/resolve/resolver.js';
import { effective, session } from './helpers.js';

const P = { p: { type: 'fake' } } as const;

function stoppable(spec: Parameters<typeof effective>[0]) {
  const controller = new AbortController();
  const s = { ...session({ env: { FNOX_PROVIDER_TIMEOUT: '0' } }), signal: controller.signal };
  const resolver = createResolver(s, effective(spec));
  const stop = () => setTimeout(() => controller.abort(stoppedBy('SIGINT')), 20);
  return { s, resolver, stop };
}

describe('stop signal', () => {
  it('stoppedBy: one code per signal, the exit status from the table', () => {
    expect([stoppedBy('SIGINT'), stoppedBy('SIGTERM'), stoppedBy('SIGHUP')].map((e) => [e.code, e.exitCode, e.message])).toEqual([
      ['interrupted', 130, 'Interrupted (Ctrl-C)'],
      ['terminated', 143, 'Terminated (SIGTERM)'],
      ['hangup', 129, 'Hung up (SIGHUP)'],
    ]);
  });

  it('single: a provider ignoring the signal is not waited for, and the default is not used', async () => {
    const { resolver, stop } = stoppable({ providers: P, secrets: { K: { provider: 'p', value: 'hang', default: 'd' } } });
    stop();
    const error = await resolver.resolveOne('K').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FnoxError);
    expect((error as FnoxError).code).toBe('interrupted');
  });

  it('batch: if_missing = warn does not turn the interruption into a warning and a partial result', async () => {
    const { s, resolver, stop } = stoppable({
      providers: P,
      secrets: { K: { provider: 'p', value: 'hang', if_missing: 'warn' }, OK: { provider: 'p', value: 'ok:v' } },
    });
    stop();
    const error = await resolver.resolveMany(new Map([...resolver.effective.secrets])).catch((e: unknown) => e);
    expect((error as FnoxError).code).toBe('interrupted');
    expect(s.warnings.join('\n')).not.toContain('WARN');
  });

  it('positive control: the same resolver without an abort answers', async () => {
    const { resolver } = stoppable({ providers: P, secrets: { K: { provider: 'p', value: 'ok:v', default: 'd' } } });
    expect(await resolver.resolveOne('K')).toBe('v');
  });

  it('a call started after the abort never reaches the provider', async () => {
    const controller = new AbortController();
    controller.abort(stoppedBy('SIGTERM'));
    let called = false;
    const work = async () => {
      called = true;
      return 'x';
    };
    await expect(withDeadline({ name: 'p', type: 'fake', timeoutMs: 0, signal: controller.signal }, 'for K', work)).rejects.toMatchObject({
      code: 'terminated',
    });
    expect(called).toBe(false);
  });
});
