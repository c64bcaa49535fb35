/**
 * What the `fnox init` wizard offers: every installed provider type, with its questions
 * built from the provider's own fields (`prompt`, validation from kind, enum and `pattern`) and its
 * setup text and suggestions from the provider's contract hooks. Known types that are not
 * installed are only named, with their install command.
 */
import { fieldAnswerProblem, schemaFields, type FieldSpec, type ProviderDefinition, type SetupContext, type SetupSuggestion } from '@fnox/contract';
import { installCommandFor, KNOWN_PROVIDER_TYPES } from '../../providers/catalog.js';
import type { ProviderRegistry } from '../../providers/registry.js';

/** The wizard's categories, in the order upstream shows them; a provider's own category comes after. */
export const WIZARD_CATEGORIES: readonly string[] = ['Local', 'Password Manager', 'Cloud KMS', 'Cloud Secrets Manager', 'OS Keychain'];

/** One question about a provider field. */
export interface WizardField {
  readonly key: string;
  readonly label: string;
  readonly required: boolean;
  readonly kind: FieldSpec['kind'];
  /** An error message for an unacceptable answer, else undefined. */
  validate(answer: string): string | undefined;
  /** The TOML value of an accepted, non-empty answer (a list is comma-separated). */
  parse(answer: string): unknown;
}

/** One installed type the wizard offers. */
export interface WizardOffer {
  readonly type: string;
  readonly title: string;
  readonly category: string;
  readonly defaultName: string;
  /** Printed before the fields are asked: what the user needs in place. */
  readonly setup: readonly string[];
  readonly fields: readonly WizardField[];
  /** The provider's look at this machine (default answers, an offer to create a key...). */
  readonly suggest?: (context: SetupContext) => Promise<SetupSuggestion>;
}

/** What the wizard can offer, and which known types could be installed. */
export interface WizardCatalog {
  readonly offers: readonly WizardOffer[];
  readonly notInstalled: readonly { readonly type: string; readonly title: string; readonly command: string }[];
}

function parseAnswer(spec: FieldSpec, answer: string): unknown {
  switch (spec.kind) {
    case 'string-list':
      return answer
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item !== '');
    case 'integer':
      return Number(answer);
    case 'boolean':
      return answer === 'true';
    default:
      return answer;
  }
}

/** The questions of a field map: required fields and those with a prompt (never provider references). */
export function wizardFields(fields: Readonly<Record<string, FieldSpec>>): WizardField[] {
  return Object.entries(fields)
    .filter(([, spec]) => spec.kind !== 'provider-ref' && (spec.required || spec.prompt !== undefined))
    .map(([key, spec]) => ({
      key,
      label: spec.prompt ?? spec.description ?? key,
      required: spec.required === true,
      kind: spec.kind,
      validate: (answer: string) => fieldAnswerProblem(spec, answer),
      parse: (answer: string) => parseAnswer(spec, answer),
    }));
}

/** The offer of one loaded definition. */
export function wizardOffer(definition: ProviderDefinition, title: string): WizardOffer {
  const setup = definition.setup;
  return {
    type: definition.type,
    title,
    category: setup?.category ?? 'Other',
    defaultName: setup?.defaultName ?? definition.type,
    setup: setup?.text ?? [],
    fields: wizardFields(schemaFields(definition.configSchema) ?? {}),
    ...(definition.suggestConfig ? { suggest: (context: SetupContext) => definition.suggestConfig!(context) } : {}),
  };
}

/** Load every usable type of `registry` (a type that fails to load is skipped with a warning). */
export async function wizardCatalog(registry: ProviderRegistry, warn: (line: string) => void = () => {}): Promise<WizardCatalog> {
  const offers: WizardOffer[] = [];
  for (const entry of Object.values(registry.report.providers)) {
    try {
      offers.push(wizardOffer(await registry.load(entry.type), entry.title));
    } catch (error) {
      warn(`provider '${entry.type}' could not be loaded (${error instanceof Error ? error.message : String(error)}); not offered`);
    }
  }
  const rank = (category: string) => (WIZARD_CATEGORIES.includes(category) ? WIZARD_CATEGORIES.indexOf(category) : WIZARD_CATEGORIES.length);
  offers.sort((a, b) => rank(a.category) - rank(b.category) || a.category.localeCompare(b.category) || a.type.localeCompare(b.type));
  const notInstalled = Object.entries(KNOWN_PROVIDER_TYPES)
    .filter(([type, row]) => row.firstParty && !registry.report.providers[type])
    .map(([type, row]) => ({ type, title: row.title, command: installCommandFor(type).command }));
  return { offers, notInstalled };
}
