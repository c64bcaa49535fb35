/**
 * Provider types fnox knows how to install, like oclif's `jitPlugins`: an unknown `type` that is
 * listed here gets a hint naming the command and package to install.
 */
export const INSTALLABLE_PROVIDERS: Readonly<Record<string, { readonly packageName: string; readonly installName: string }>> = {
  age: { packageName: '@fnox/provider-age', installName: 'age' },
  'aws-kms': { packageName: '@fnox/provider-aws-kms', installName: 'aws-kms' },
  'aws-sm': { packageName: '@fnox/provider-secrets-manager', installName: 'aws-sm' },
};

/** Types upstream fnox has that this build parses but has no provider for (yet). */
export const UPSTREAM_ONLY_TYPES: ReadonlySet<string> = new Set([
  '1password',
  'aws-ps',
  'azure-ac',
  'azure-kms',
  'azure-sm',
  'bitwarden',
  'bitwarden-sm',
  'doppler',
  'fido2',
  'foks',
  'gcp-kms',
  'gcp-sm',
  'infisical',
  'keepass',
  'keeper-sm',
  'keychain',
  'password-store',
  'passwordstate',
  'proton-pass',
  'vault',
  'yubikey',
]);

/** Short names accepted by `fnox plugins install` and `fnox provider add`, mapped to package names. */
export function providerPackageFor(name: string): string | undefined {
  return INSTALLABLE_PROVIDERS[name]?.packageName;
}
