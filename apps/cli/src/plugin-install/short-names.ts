import { providerPackageFor } from '@fnox/core/internal';

/**
 * Expand fnox's short provider names in `fnox plugins install|uninstall` arguments: `aws-sm` is
 * `@fnox/provider-secrets-manager`, `aws-kms` is `@fnox/provider-aws-kms` (oclif's scope + prefix
 * rule alone would guess `@fnox/provider-aws-sm`, which does not exist). A tag survives
 * (`aws-kms@1.2.0`). Flags, scoped names, paths and `file:`/URL specs pass through untouched.
 */
export function expandProviderNames(argv: readonly string[]): string[] {
  let afterDashes = false;
  return argv.map((token) => {
    if (token === '--') {
      afterDashes = true;
      return token;
    }
    if ((!afterDashes && token.startsWith('-')) || token.includes(':') || token.includes('/')) return token;
    const at = token.indexOf('@', 1);
    const name = at < 0 ? token : token.slice(0, at);
    const packageName = providerPackageFor(name);
    return packageName ? `${packageName}${at < 0 ? '' : token.slice(at)}` : token;
  });
}
