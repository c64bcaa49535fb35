/** Secret names are environment variable names (ARCHITECTURE.md, "Compatibility with upstream fnox"). */
import { FnoxError } from '../../errors.js';

/** True for a portable environment variable name: letters, digits, `_`, not starting with a digit. */
export function isValidSecretName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name);
}

/** Throw `invalid_secret_name` for a name that cannot be an environment variable. */
export function assertSecretName(name: string): void {
  if (isValidSecretName(name)) return;
  const shown = name === '' ? 'an empty name' : `'${name.replace(/[^\x20-\x7e]/g, '?')}'`;
  throw new FnoxError('invalid_secret_name', `Invalid secret name: ${shown}`);
}
