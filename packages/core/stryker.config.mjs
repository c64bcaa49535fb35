// npm run mutation: the core modules where a silent bug costs a secret — shell quoting and hook
// output, the atomic write and its lock, bulk secret edits, resolution (precedence, if_missing, interpolation), the
// terminal escaping of config text, terminal detection, the trust checks (which config, import or plugin is believed, which provider fields take which values),
// the names never exported, and the redaction of what `fnox scan` finds.
import { strykerConfig } from '../../scripts/mutation/base-config.mjs';

export default strykerConfig([
  'src/format/shell-quote.ts',
  'src/format/terminal-text.ts',
  'src/shell/quote.ts',
  'src/shell/hook-output.ts',
  'src/shell/diff.ts',
  'src/config/atomic-write.ts',
  'src/config/commit-write.ts',
  'src/config/edit-secrets.ts',
  'src/io/is-terminal.ts',
  'src/resolve/batch.ts',
  'src/resolve/resolver.ts',
  'src/resolve/if-missing.ts',
  'src/resolve/interpolate.ts',
  'src/resolve/default-provider.ts',
  'src/resolve/provider-factory.ts',
  'src/trust/*.ts',
  'src/providers/registry.ts',
  'src/security/env-names.ts',
  'src/ops/scan/detectors.ts',
]);
