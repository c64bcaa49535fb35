// npm run mutation: the core modules where a silent bug costs a secret — shell quoting and hook
// output, the atomic write and its lock, resolution (precedence, if_missing, interpolation), and
// the terminal escaping of config text.
import { strykerConfig } from '../../scripts/mutation/base-config.mjs';

export default strykerConfig([
  'src/format/shell-quote.ts',
  'src/format/terminal-text.ts',
  'src/shell/quote.ts',
  'src/shell/hook-output.ts',
  'src/shell/diff.ts',
  'src/config/atomic-write.ts',
  'src/resolve/batch.ts',
  'src/resolve/resolver.ts',
  'src/resolve/if-missing.ts',
  'src/resolve/interpolate.ts',
  'src/resolve/default-provider.ts',
]);
