/**
 * Provider types fnox knows by name but that need not be installed: one row each, so an unknown
 * `type`, `provider add`, `init` and `plugins install` can answer with the exact install command.
 * Everything else about a type (fields, template, wizard questions, doctor report) comes from its
 * installed package through the provider contract; nothing here is a template.
 */
import { FnoxError } from '../errors.js';

/** One known type. `firstParty` types are published as `@fnox/provider-*` and install by short name. */
export interface KnownProviderType {
  readonly title: string;
  /** The package providing it; default for third-party names: `fnox-provider-<type>`. */
  readonly packageName?: string;
  readonly firstParty?: boolean;
  /** Other names upstream's `provider add` accepts for it (`aws` for `aws-sm`). */
  readonly aliases?: readonly string[];
}

/** fnox's own providers, then upstream fnox's other types (no package of ours provides them yet). */
export const KNOWN_PROVIDER_TYPES: Readonly<Record<string, KnownProviderType>> = {
  age: { title: 'age encryption', packageName: '@fnox/provider-age', firstParty: true },
  'aws-kms': { title: 'AWS KMS', packageName: '@fnox/provider-aws-kms', firstParty: true },
  'aws-sm': { title: 'AWS Secrets Manager', packageName: '@fnox/provider-secrets-manager', firstParty: true, aliases: ['aws'] },
  keychain: { title: 'OS keychain', packageName: '@fnox/provider-keychain', firstParty: true },
  'password-store': { title: 'pass (password-store)', packageName: '@fnox/provider-password-store', firstParty: true },
  '1password': { title: '1Password' },
  'aws-ps': { title: 'AWS Parameter Store' },
  'azure-ac': { title: 'Azure App Configuration' },
  'azure-kms': { title: 'Azure Key Vault keys' },
  'azure-sm': { title: 'Azure Key Vault secrets' },
  bitwarden: { title: 'Bitwarden' },
  'bitwarden-sm': { title: 'Bitwarden Secrets Manager' },
  doppler: { title: 'Doppler' },
  fido2: { title: 'FIDO2 security key' },
  foks: { title: 'FOKS' },
  'gcp-kms': { title: 'Google Cloud KMS' },
  'gcp-sm': { title: 'Google Secret Manager', aliases: ['gcp'] },
  infisical: { title: 'Infisical' },
  keepass: { title: 'KeePass' },
  'keeper-sm': { title: 'Keeper Secrets Manager' },
  passwordstate: { title: 'Passwordstate' },
  'proton-pass': { title: 'Proton Pass' },
  vault: { title: 'HashiCorp Vault' },
  yubikey: { title: 'YubiKey' },
};

/** The `type` a name given on the command line stands for (`aws` → `aws-sm`); other names unchanged. */
export function canonicalProviderType(name: string): string {
  for (const [type, row] of Object.entries(KNOWN_PROVIDER_TYPES)) if (row.aliases?.includes(name)) return type;
  return name;
}

/** Package and command that install `type`: a short name for ours, the conventional package name for others. */
export function installCommandFor(type: string): { readonly packageName: string; readonly command: string; readonly firstParty: boolean } {
  const row = KNOWN_PROVIDER_TYPES[type];
  if (row?.firstParty && row.packageName) return { packageName: row.packageName, command: `fnox plugins install ${type}`, firstParty: true };
  const packageName = row?.packageName ?? `fnox-provider-${type}`;
  return { packageName, command: `fnox plugins install ${packageName}`, firstParty: false };
}

/** Short names accepted by `fnox plugins install`, mapped to package names (ours only). */
export function providerPackageFor(name: string): string | undefined {
  const row = KNOWN_PROVIDER_TYPES[name];
  return row?.firstParty ? row.packageName : undefined;
}

/** The error for a type that is not installed: the exact install command, never a template. */
export function providerNotInstalled(type: string): FnoxError {
  const install = installCommandFor(type);
  if (install.firstParty) {
    return new FnoxError('provider_not_installed', `Provider type '${type}' is not installed`, {
      hint: `Install it with: ${install.command} (package ${install.packageName})`,
    });
  }
  if (KNOWN_PROVIDER_TYPES[type]) {
    return new FnoxError(
      'provider_unsupported',
      `Provider type '${type}' (${KNOWN_PROVIDER_TYPES[type]!.title}) is not installed, and fnox has no plugin of its own for it`,
      {
        hint: `Install a plugin that provides it, e.g.: ${install.command}; \`fnox providers\` lists the installed types`,
      },
    );
  }
  return new FnoxError('provider_not_installed', `Unknown provider type '${type}'`, {
    hint: `Install a plugin that provides it, e.g.: ${install.command}; \`fnox providers\` lists the installed types`,
  });
}
