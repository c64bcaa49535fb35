/**
 * `node --import @fnox/core/register app.js`: resolve the active profile's secrets (as
 * `fnox export` would, from the working directory, honouring FNOX_PROFILE, FNOX_IF_MISSING and the
 * rest of the FNOX_* environment) and put them into `process.env` before the app's first line runs.
 * On failure it prints fnox's one-line error and hint (no stack unless FNOX_DEBUG=1) and exits with
 * fnox's exit code, so the app never starts half-configured.
 */
import { loadSecrets } from './api/load-secrets.js';
import { renderError, toFnoxError } from './errors.js';

try {
  await loadSecrets({ inject: true });
} catch (error) {
  const debug = process.env.FNOX_DEBUG === '1' || process.env.FNOX_DEBUG === 'true';
  process.stderr.write(renderError(error, { debug }));
  process.exit(toFnoxError(error).exitCode);
}
