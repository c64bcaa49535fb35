import { DeleteSecretCommand } from '@aws-sdk/client-secrets-manager';
import { providerConformance } from '@fnox/contract/testing';
import { afterAll, beforeAll, describe, it } from 'vitest';
import provider from '../src/provider.js';
import { emulatorEnv, startSm } from './support/sm.js';

// Failing values are needed when the suite is declared, so the emulator starts at module load.
const fx = await startSm();
fx.emu.control.seed({
  secrets: [
    { name: 'conformance/binary', secretBinary: Buffer.from([0xff, 0xfe]).toString('base64') },
    { name: 'conformance/deleted', secretString: 'x' },
  ],
});
await fx.admin.send(new DeleteSecretCommand({ SecretId: 'conformance/deleted' }));
const env = emulatorEnv(fx.emu.url);

describe('aws-sm', () => {
  providerConformance(
    { describe, it, beforeAll, afterAll },
    {
      definition: provider,
      config: () => ({ region: 'us-east-1', prefix: 'conformance/', endpoint: fx.emu.url }),
      invalidConfig: { prefix: 'missing-region/' },
      context: () => ({ env }),
      failing: [
        { value: 'no-such-secret', code: 'not-found', name: 'a secret that does not exist' },
        { value: 'deleted', code: 'not-found', name: 'a secret scheduled for deletion' },
        { value: 'binary', code: 'invalid-response', name: 'a binary secret' },
      ],
      teardown: () => fx.stop(),
    },
  );
});
