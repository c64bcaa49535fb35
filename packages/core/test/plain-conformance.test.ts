import { providerConformance } from '@fnox/contract/testing';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { plainProvider } from '../src/index.js';

providerConformance(
  { describe, it, beforeAll, afterAll },
  {
    definition: plainProvider,
    config: () => ({}),
    invalidConfig: { unexpected: true },
    storesPlaintext: true,
    samples: ['', 'development', 'multi\nline', 'ünïcödé ✓'],
  },
);
