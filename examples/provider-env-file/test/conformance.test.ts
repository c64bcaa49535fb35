import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { providerConformance } from '@fnox/contract/testing';
import { afterAll, beforeAll, describe, it } from 'vitest';
import provider from '../src/provider.js';

// The published suite every provider runs, with this provider's fixtures: a dotenv file in a
// temp "project", declared with a path relative to it (ctx.configDir).
const project = mkdtempSync(join(tmpdir(), 'env-file-conformance-'));
writeFileSync(
  join(project, '.env.shared'),
  ['# shared settings', 'DATABASE_URL=postgres://app:pw@db/app', 'API_TOKEN="tok\\nsecond line"', "LITERAL='$HOME \\n'", ''].join('\n'),
);

providerConformance(
  { describe, it, beforeAll, afterAll },
  {
    definition: provider,
    config: () => ({ path: '.env.shared' }),
    invalidConfig: { path: 42, extra: true },
    context: () => ({ configDir: project }),
    fixtures: [
      { value: 'DATABASE_URL', plaintext: 'postgres://app:pw@db/app' },
      { value: 'API_TOKEN', plaintext: 'tok\nsecond line' },
      { value: 'LITERAL', plaintext: '$HOME \\n' },
    ],
    failing: [
      { value: 'NOT_IN_FILE', code: 'not-found', name: 'a name the file does not define' },
      { value: '', code: 'not-found', name: 'an empty name' },
    ],
    teardown: () => rmSync(project, { recursive: true, force: true }),
  },
);
