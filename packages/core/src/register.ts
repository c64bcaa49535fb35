/**
 * `node --import @fnox/core/register app.js`: resolve the active profile's secrets (as
 * `fnox export` would, from the working directory, honouring FNOX_PROFILE, FNOX_IF_MISSING and the
 * rest of the FNOX_* environment) and put them into `process.env` before the app's first line runs.
 * On failure it prints fnox's one-line error and hint (no stack unless FNOX_DEBUG=1) and exits with
 * fnox's exit code, so the app never starts half-configured. With no fnox.toml anywhere (an app run
 * outside its project, a container without one) it warns and lets the app start: there is nothing
 * half-loaded then, and the app's own checks of its environment apply.
 */
import { loadSecrets } from './api/load-secrets.js';
import { renderError, toFnoxError } from './errors.js';

try {
  await loadSecrets({ inject: true });
} catch (error) {
  const failure = toFnoxError(error);
  if (failure.code === 'config_not_found') {
    process.stderr.write(`fnox: warning: ${failure.message}; no secrets were loaded (${failure.diagnostic})\n`);
  } else {
    const debug = process.env.FNOX_DEBUG === '1' || process.env.FNOX_DEBUG === 'true';
    process.stderr.write(renderError(failure, { debug }));
    process.exit(failure.exitCode);
  }
}
