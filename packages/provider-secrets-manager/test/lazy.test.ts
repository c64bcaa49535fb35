import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeLazySdk } from '@fnox/test-kit/aws';

// Importing an AWS client costs ~130-200 ms, paid on every `fnox` run that loads this plugin
// unless the SDK stays behind `import()`.
describeLazySdk({
  root: join(dirname(fileURLToPath(import.meta.url)), '..'),
  client: '@aws-sdk/client-secrets-manager',
  otherClient: '@aws-sdk/client-kms',
  name: 'sm',
  config: { region: 'us-east-1', prefix: 'lazy/' },
  key: 'k',
});
