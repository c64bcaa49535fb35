// npm run mutation: age decryption and encryption, where a silent bug loses or leaks a value.
import { strykerConfig } from '../../scripts/mutation/base-config.mjs';

export default strykerConfig([
  'src/x25519-decrypt.ts',
  'src/decrypt.ts',
  'src/encrypt.ts',
  'src/native-identity.ts',
  'src/header.ts',
  'src/primitives.ts',
  'src/base64.ts',
]);
