/**
 * `fnox provider add NAME TYPE` templates (docs/cli-reference.md, `provider`): the CLI type names upstream accepts, the
 * `type` each writes (`aws` → `aws-sm`, `gcp` → `gcp-sm`) and the placeholder fields written so the
 * table loads in Rust fnox (which requires each type's mandatory fields) and shows what to edit.
 */
import { FnoxError } from '../errors.js';

/** TYPE choices of `provider add`, as upstream spells them. */
export const PROVIDER_ADD_TYPES = [
  'age', 'aws', 'aws-kms', 'aws-ps', 'azure-ac', 'azure-kms', 'azure-sm', 'gcp', 'gcp-kms', 'bitwarden',
  'bitwarden-sm', 'doppler', 'fido2', 'foks', 'infisical', 'keepass', 'keeper-sm', 'keychain', 'password-store',
  'passwordstate', 'plain', 'proton-pass', 'vault', 'yubikey', '1password',
] as const;

/** One of {@link PROVIDER_ADD_TYPES}. */
export type ProviderAddType = (typeof PROVIDER_ADD_TYPES)[number];

/** CLI names that differ from the `type` written. */
const TYPE_NAMES: Partial<Record<ProviderAddType, string>> = { aws: 'aws-sm', gcp: 'gcp-sm' };

/** Placeholder fields per written type, in the order Rust writes them. */
const TEMPLATES: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>> = {
  age: { recipients: ['age1...'] },
  'aws-kms': { region: 'us-east-1', key_id: 'alias/my-key' },
  'aws-sm': { region: 'us-east-1' },
  'aws-ps': { region: 'us-east-1', prefix: '/myapp/prod/' },
  'azure-kms': { vault_url: 'https://my-vault.vault.azure.net/', key_name: 'my-key' },
  'azure-sm': { vault_url: 'https://my-vault.vault.azure.net/' },
  'gcp-sm': { project: 'my-project' },
  'gcp-kms': { project: 'my-project', location: 'global', keyring: 'my-keyring', key: 'my-key' },
  doppler: { project: 'my-project', config: 'prd' },
  foks: { prefix: '/fnox/' },
  infisical: { project_id: 'your-project-id', environment: 'dev', path: '/' },
  keepass: { database: '~/secrets.kdbx' },
  keychain: { service: 'fnox' },
  'password-store': { prefix: 'fnox/' },
  passwordstate: { base_url: 'https://passwordstate.example.com', password_list_id: '123' },
  vault: { address: 'http://localhost:8200', path: 'secret' },
  '1password': { vault: 'default' },
};

/** Types whose setup talks to hardware (upstream runs an interactive enrolment). */
const HARDWARE_TYPES: ReadonlySet<string> = new Set(['fido2', 'yubikey']);

/** The provider table `provider add` writes: `type` first, then the template fields. */
export function providerTemplate(cliType: string, vault?: string): Record<string, string | readonly string[]> {
  if (!(PROVIDER_ADD_TYPES as readonly string[]).includes(cliType)) {
    throw new FnoxError('usage', `invalid provider type '${cliType}'`, { hint: `Use one of: ${PROVIDER_ADD_TYPES.join(', ')}` });
  }
  if (vault !== undefined && cliType !== 'proton-pass') {
    throw new FnoxError('config_invalid', "--vault is only supported for provider type 'proton-pass'", { hint: 'Drop --vault, or use type proton-pass.' });
  }
  if (HARDWARE_TYPES.has(cliType)) {
    throw new FnoxError('provider_unsupported', `Provider type '${cliType}' needs an interactive hardware enrolment that this build does not support`, {
      hint: 'Enrol the device with upstream fnox, or write the provider table by hand.',
    });
  }
  const type = TYPE_NAMES[cliType as ProviderAddType] ?? cliType;
  return { type, ...(TEMPLATES[type] ?? {}), ...(vault !== undefined ? { vault } : {}) };
}
