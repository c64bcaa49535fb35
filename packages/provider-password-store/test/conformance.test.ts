import { providerConformance } from '@fnox/contract/testing';
import { afterAll, beforeAll, describe, it } from 'vitest';
import provider from '../src/provider.js';
import { HAVE_PASS, passFixture, type PassFixture } from './support/pass-fixture.js';

// The suite's samples, minus the one ending in a newline: pass entries read back trimmed at both
// ends, as upstream fnox reads them (docs/providers/password-store.md).
const SAMPLES = [
  'hunter2-conformance',
  'postgres://user:p@ss w0rd@db.internal:5432/app?sslmode=require',
  'multi\nline\r\nvalue',
  'ünïcödé ✓ 秘密 🔑',
  `quotes "double" 'single' \`tick\` $HOME \\ back`,
  'x'.repeat(4000),
];

let fx: PassFixture | undefined;

describe.skipIf(!HAVE_PASS)('password-store against a real pass', () => {
  providerConformance(
    { describe, it, beforeAll, afterAll },
    {
      definition: provider,
      setup: () => {
        fx = passFixture();
      },
      config: () => ({ prefix: 'conformance/' }),
      invalidConfig: { prefix: 'x/', password: 'not a field' },
      context: () => ({ env: fx!.env }),
      samples: SAMPLES,
      failing: [{ value: 'no-such-entry', code: 'not-found', name: 'an entry that does not exist' }],
      teardown: () => fx?.cleanup(),
    },
  );
});
