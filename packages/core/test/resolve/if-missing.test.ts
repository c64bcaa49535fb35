import { describe, expect, it } from 'vitest';
import { createIfMissingPolicy } from '../../src/resolve/if-missing.js';
import { effective, session } from './helpers.js';

const secret = {};

describe('if_missing policy', () => {
  it('accepts error, warn and ignore in any case, without a warning', () => {
    for (const [raw, policy] of [
      ['ERROR', 'error'],
      ['warn', 'warn'],
      ['Ignore', 'ignore'],
    ] as const) {
      const s = session({ env: { FNOX_IF_MISSING: raw } });
      expect(createIfMissingPolicy(s, effective({})).for(secret)).toBe(policy);
      expect(s.warnings).toEqual([]);
    }
  });

  it('an empty FNOX_IF_MISSING is no override (and no warning)', () => {
    const s = session({ env: { FNOX_IF_MISSING: '', FNOX_IF_MISSING_DEFAULT: '' } });
    const policy = createIfMissingPolicy(s, effective({}));
    expect(policy.for({ if_missing: 'ignore' })).toBe('ignore');
    expect(policy.for(secret)).toBe('warn');
    expect(s.warnings).toEqual([]);
  });

  it('an invalid runtime value means warn, said once per command however many secrets', () => {
    const s = session({ env: { FNOX_IF_MISSING: 'maybe' } });
    const policy = createIfMissingPolicy(s, effective({}));
    expect([policy.for(secret), policy.for({ if_missing: 'error' }), policy.for(secret)]).toEqual(['warn', 'warn', 'warn']);
    expect(s.warnings).toEqual(["Warning: Invalid if_missing value 'maybe', using 'warn'"]);
  });

  it('an invalid FNOX_IF_MISSING_DEFAULT means warn, said once', () => {
    const s = session({ env: { FNOX_IF_MISSING_DEFAULT: 'nah' } });
    const policy = createIfMissingPolicy(s, effective({}));
    expect([policy.for(secret), policy.for(secret)]).toEqual(['warn', 'warn']);
    expect(s.warnings).toEqual(["Warning: Invalid FNOX_IF_MISSING_DEFAULT value 'nah', using 'warn'"]);
  });

  it('precedence: flag > FNOX_IF_MISSING > secret > top level > FNOX_IF_MISSING_DEFAULT > warn', () => {
    const env = { FNOX_IF_MISSING: 'ignore', FNOX_IF_MISSING_DEFAULT: 'error' };
    expect(createIfMissingPolicy(session({ env, options: { ifMissing: 'error' } }), effective({})).for(secret)).toBe('error');
    expect(createIfMissingPolicy(session({ env }), effective({})).for({ if_missing: 'error' })).toBe('ignore');
    expect(createIfMissingPolicy(session({ env: { FNOX_IF_MISSING_DEFAULT: 'error' } }), effective({ if_missing: 'ignore' })).for({ if_missing: 'warn' })).toBe(
      'warn',
    );
    expect(createIfMissingPolicy(session({ env: { FNOX_IF_MISSING_DEFAULT: 'error' } }), effective({ if_missing: 'ignore' })).for(secret)).toBe('ignore');
    expect(createIfMissingPolicy(session({ env: { FNOX_IF_MISSING_DEFAULT: 'error' } }), effective({})).for(secret)).toBe('error');
    expect(createIfMissingPolicy(session(), effective({})).for(secret)).toBe('warn');
  });
});
