import { providerConformance } from '@fnox/contract/testing';
import { afterAll, beforeAll, describe, it } from 'vitest';
import provider from '../src/provider.js';
import { HAVE_SECRET_SERVICE, startSecretService, type SecretService } from './support/secret-service.js';

// The native binding reads the session bus address from the process environment, so the private
// Secret Service is made this process's for the suite.
let ss: SecretService | undefined;
const saved = process.env.DBUS_SESSION_BUS_ADDRESS;

describe.skipIf(!HAVE_SECRET_SERVICE)('keychain against a private Secret Service (gnome-keyring)', () => {
  providerConformance(
    { describe, it, beforeAll, afterAll },
    {
      definition: provider,
      setup: async () => {
        ss = await startSecretService();
        process.env.DBUS_SESSION_BUS_ADDRESS = ss.env.DBUS_SESSION_BUS_ADDRESS;
      },
      config: () => ({ service: 'fnox-conformance', prefix: 'conformance/' }),
      invalidConfig: { prefix: 'missing-service/' },
      failing: [{ value: 'no-such-entry', code: 'not-found', name: 'an entry that does not exist' }],
      teardown: async () => {
        if (saved === undefined) delete process.env.DBUS_SESSION_BUS_ADDRESS;
        else process.env.DBUS_SESSION_BUS_ADDRESS = saved;
        await ss?.stop();
      },
    },
  );
});
