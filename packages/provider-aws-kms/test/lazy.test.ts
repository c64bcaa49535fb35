import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeLazySdk } from '@fnox/test-kit/aws';

// Importing an AWS client costs ~130-200 ms, paid on every `fnox` run that loads this plugin
// unless the SDK stays behind `import()`.
describeLazySdk({
  root: join(dirname(fileURLToPath(import.meta.url)), '..'),
  client: '@aws-sdk/client-kms',
  otherClient: '@aws-sdk/client-secrets-manager',
  name: 'kms',
  config: { key_id: 'alias/fnox-test', region: 'us-east-1' },
  key: 'K',
  seed: { keys: [{ aliases: ['alias/fnox-test'] }] },
});
