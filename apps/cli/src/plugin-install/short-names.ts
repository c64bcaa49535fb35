import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
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

/**
 * A path on disk given to `fnox plugins install` (`./dir`, `../x.tgz`, `/abs/dir`, `~/x.tgz`
 * expanded by the shell) becomes a `file:` spec with an absolute path. Left alone, plugin-plugins
 * would read `./path/to/dir` as a GitHub `owner/repo` shorthand and try the network.
 */
export function localPathSpecs(argv: readonly string[], cwd: string): string[] {
  return argv.map((token) => {
    if (token.startsWith('-') || token.includes(':')) return token;
    const looksLikePath = token.startsWith('.') || isAbsolute(token) || /\.(tgz|tar\.gz|tar)$/.test(token);
    const path = resolve(cwd, token);
    return looksLikePath && existsSync(path) ? `file:${path}` : token;
  });
}
