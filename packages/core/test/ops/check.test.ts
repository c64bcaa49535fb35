import { describe, expect, it } from 'vitest';
import { checkConfig } from '../../src/ops/inspect/check.js';
import { effective, session } from '../resolve/helpers.js';

describe('checkConfig', () => {
  it('healthy', async () => {
    const r = await checkConfig(session(), { effective: effective({ providers: { p: { type: 'fake' } }, secrets: { A: { provider: 'p', value: 'ok:1', if_missing: 'error' } } }) });
    expect(r).toEqual({ profile: 'default', secretCount: 1, providerCount: 1, errors: [], warnings: [] });
  });
  it('findings', async () => {
    const r = await checkConfig(
      session(),
      { effective: effective({
        providers: { p: { type: 'fake' } },
        secrets: {
          REQ: { if_missing: 'error' },
          OPT: { if_missing: 'warn' },
          FINE: { if_missing: 'ignore' },
          UNKNOWN: { provider: 'nope', value: 'x' },
          FAILS: { provider: 'p', value: 'fail:decrypt:bad key', if_missing: 'error' },
          SKIPPED: { provider: 'p', value: 'fail:decrypt:never fetched', if_missing: 'warn' },
        },
      }) },
    );
    expect(r.errors).toEqual(["Secret 'REQ' is required but has no value source", "Secret 'FAILS' failed to resolve: bad key"]);
    expect(r.warnings).toEqual(["Secret 'OPT' has no value source", "Secret 'UNKNOWN' references unknown provider 'nope'"]);
  });
  it('--all fetches warn/ignore secrets too', async () => {
    const r = await checkConfig(session(), { effective: effective({ providers: { p: { type: 'fake' } }, secrets: { W: { provider: 'p', value: 'fail:api:down', if_missing: 'warn' } } }), all: true });
    expect(r.warnings).toEqual(["Secret 'W' failed to resolve: down"]);
  });
  it('no secrets, no providers', async () => {
    const r = await checkConfig(session(), { effective: effective({ root: true }) });
    expect(r.warnings).toEqual(['No secrets defined in profile(s)', 'No providers configured']);
  });
});
