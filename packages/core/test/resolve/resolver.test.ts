import { describe, expect, it } from 'vitest';
import { createResolver, resolveSecrets } from '../../src/resolve/resolver.js';
import { effective, newCalls, session } from './helpers.js';

const config = () =>
  effective({
    providers: { f: { type: 'fake' } },
    secrets: { A: { provider: 'f', value: 'ok:a' }, BAD: { provider: 'f', value: 'fail:api:down', if_missing: 'error' } },
  });

describe('resolver lifetime', () => {
  it('dispose() disposes the providers the resolver created', async () => {
    const calls = newCalls();
    const resolver = createResolver(session({ calls }), config());
    expect(await resolver.resolveOne('A')).toBe('a');
    expect(calls.disposed).toEqual([]);
    await resolver.dispose();
    expect(calls.disposed).toEqual(['f']);
  });

  it('resolveSecrets disposes its providers when resolution fails, too', async () => {
    const calls = newCalls();
    const cfg = config();
    await expect(resolveSecrets(session({ calls }), cfg, cfg.secrets)).rejects.toThrow();
    expect(calls.disposed).toEqual(['f']);
  });
});
