/**
 * What the `fnox init` wizard (docs/cli-reference.md, `init`) can offer: the wizard metadata of the provider types this
 * fnox knows (category, default name, setup text, fields), filtered by what this build can use.
 * The metadata lives here rather than in the provider contract because the wizard must describe
 * types whose plugin is not installed yet (they are offered with an install hint).
 */
import type { ProviderManifestReport } from '@fnox/contract';
import { INSTALLABLE_PROVIDERS } from '../providers/known-types.js';

/** The wizard's categories, in the order upstream shows them. */
export const WIZARD_CATEGORIES = ['Local', 'Password Manager', 'Cloud KMS', 'Cloud Secrets Manager', 'OS Keychain'] as const;

/** One wizard category. */
export type WizardCategory = (typeof WIZARD_CATEGORIES)[number];

/** One question about a provider field. */
export interface WizardField {
  readonly key: string;
  readonly label: string;
  readonly required: boolean;
  /** Written as a one-element string list (age `recipients`). */
  readonly list?: boolean;
  /** An error message for an unacceptable answer, else undefined. */
  readonly validate?: (answer: string) => string | undefined;
}

/** Wizard metadata of one provider type. */
export interface WizardType {
  readonly type: string;
  readonly title: string;
  readonly category: WizardCategory;
  readonly defaultName: string;
  /** Printed before the fields are asked: what the user needs in place. */
  readonly setup: readonly string[];
  readonly fields: readonly WizardField[];
}

/** A type the wizard offers, and whether its provider can run now. */
export interface WizardOffer extends WizardType {
  readonly installed: boolean;
  /** `fnox plugins install NAME` for a type that is installable but not installed. */
  readonly installName?: string;
}

// X25519 recipients are Bech32 (lowercase, no 1/b/i/o in the data part); SSH keys are accepted
// too because the age provider encrypts to them (docs/providers/age.md).
const AGE_RECIPIENT = /^age1[02-9ac-hj-np-z]{58}$/;
const SSH_RECIPIENT = /^ssh-(ed25519|rsa) [A-Za-z0-9+/=]+( .*)?$/;

/** Why `answer` is not an age recipient, or undefined when it is one. */
export function ageRecipientProblem(answer: string): string | undefined {
  if (AGE_RECIPIENT.test(answer) || SSH_RECIPIENT.test(answer)) return undefined;
  return 'Not an age recipient: expected age1... (58 characters after age1) or an ssh-ed25519 / ssh-rsa public key';
}

const AWS_OPTIONAL = [
  { key: 'profile', label: 'AWS profile (optional)', required: false },
  { key: 'role_arn', label: 'IAM role ARN to assume (optional)', required: false },
] as const;

/** Every type the wizard knows, in the order it lists them inside a category. */
export const WIZARD_TYPES: readonly WizardType[] = [
  {
    type: 'age',
    title: 'age encryption',
    category: 'Local',
    defaultName: 'age',
    setup: [
      'age encrypts each secret for one or more recipients; the ciphertext lives in fnox.toml.',
      'Decrypting needs the matching private key: FNOX_AGE_KEY, the provider key_file, or ~/.config/fnox/age.txt.',
      'Create a key with: age-keygen -o ~/.config/fnox/age.txt (its "public key" line is the recipient).',
    ],
    fields: [{ key: 'recipients', label: 'age recipient (age1...)', required: true, list: true, validate: ageRecipientProblem }],
  },
  {
    type: 'plain',
    title: 'Plain text (not encrypted)',
    category: 'Local',
    defaultName: 'plain',
    setup: ['Values are stored as written, unencrypted: use it only for values that are not secret.'],
    fields: [],
  },
  {
    type: 'aws-kms',
    title: 'AWS KMS',
    category: 'Cloud KMS',
    defaultName: 'kms',
    setup: [
      'AWS KMS encrypts each secret with a KMS key; the ciphertext lives in fnox.toml.',
      'Needs AWS credentials (environment, ~/.aws, SSO or a role) allowed to kms:Encrypt and kms:Decrypt.',
    ],
    fields: [{ key: 'key_id', label: 'KMS key id, ARN or alias', required: true }, { key: 'region', label: 'AWS region', required: true }, ...AWS_OPTIONAL],
  },
  {
    type: 'aws-sm',
    title: 'AWS Secrets Manager',
    category: 'Cloud Secrets Manager',
    defaultName: 'sm',
    setup: [
      'AWS Secrets Manager stores the values remotely; fnox.toml holds only their names.',
      'Needs AWS credentials (environment, ~/.aws, SSO or a role) allowed to read (and write) those secrets.',
    ],
    fields: [{ key: 'region', label: 'AWS region', required: true }, ...AWS_OPTIONAL, { key: 'prefix', label: 'Secret name prefix (optional)', required: false }],
  },
];

/**
 * The types to offer: installed ones, and installable ones with their install name. Types this
 * build cannot use at all (upstream-only) are not offered.
 */
export function wizardOffers(report: ProviderManifestReport): WizardOffer[] {
  const offers: WizardOffer[] = [];
  for (const entry of WIZARD_TYPES) {
    if (report.providers[entry.type]) offers.push({ ...entry, installed: true });
    else if (INSTALLABLE_PROVIDERS[entry.type]) offers.push({ ...entry, installed: false, installName: INSTALLABLE_PROVIDERS[entry.type]!.installName });
  }
  return offers;
}
