/**
 * The interactive part of `fnox init` (docs/cli-reference.md, `init`) as a pure question flow: it asks through an
 * injected {@link WizardIO} and returns what to write, so it runs the same on a terminal and in
 * unit tests. It writes nothing itself; a cancelled wizard therefore leaves no trace.
 */
import { FnoxError } from '../errors.js';
import { isValidSecretName } from './secret-name.js';
import type { InitOptions } from './init-config.js';
import { WIZARD_CATEGORIES, wizardOffers, type WizardOffer } from './init-wizard-catalog.js';
import type { ProviderManifestReport } from '@fnox/contract';

/** How the wizard talks to the user. */
export interface WizardIO {
  /** Ask one question; undefined means the user cancelled (Ctrl-C or end of input). */
  ask(question: string): Promise<string | undefined>;
  /** Show one line of information (stderr on a terminal). */
  say(line: string): void;
}

/** A freshly generated age key pair, kept in memory until the config is written. */
export interface AgeKeyPair {
  readonly identity: string;
  readonly recipient: string;
}

/** The offer to create an age key when the default key file does not exist yet. */
export interface AgeKeyOffer {
  /** Where the key would be written (the default identity location, docs/providers/age.md step 5). */
  readonly path: string;
  readonly generate: () => Promise<AgeKeyPair>;
}

/** Options of {@link runInitWizard}. */
export interface InitWizardOptions {
  readonly report: ProviderManifestReport;
  /** Present only when no key exists at the default location and a generator is available. */
  readonly ageKey?: AgeKeyOffer;
}

/** What the wizard decided. */
export interface InitWizardResult {
  /** What to pass to `initConfig` (empty when the user declined to set up a provider). */
  readonly init: Pick<InitOptions, 'provider' | 'exampleSecret'>;
  /** The chosen type's offer (installed or not), when a provider was set up. */
  readonly offer?: WizardOffer;
  /** A key to write to {@link AgeKeyOffer.path} before the config. */
  readonly ageKey?: AgeKeyPair & { readonly path: string };
}

/** The error of a cancelled wizard (the same shape as the cancelled secret prompt). */
export function wizardCancelled(): FnoxError {
  return new FnoxError('usage', 'Cancelled', { hint: 'Nothing was written.' });
}

const PROVIDER_NAME = /^[A-Za-z0-9_-]+$/;

/** Ask until `accept` returns a value; `accept` returns an error message (string) to ask again. */
async function askUntil<T>(io: WizardIO, question: string, accept: (answer: string) => { value: T } | string): Promise<T> {
  for (;;) {
    const raw = await io.ask(question);
    if (raw === undefined) throw wizardCancelled();
    const outcome = accept(raw.trim());
    if (typeof outcome !== 'string') return outcome.value;
    io.say(outcome);
  }
}

function withDefault(label: string, fallback: string | undefined): string {
  return fallback ? `${label} [${fallback}]: ` : `${label}: `;
}

async function askYesNo(io: WizardIO, question: string, fallback: boolean): Promise<boolean> {
  return askUntil(io, `${question} ${fallback ? '[Y/n]' : '[y/N]'}: `, (a) =>
    a === '' ? { value: fallback } : /^y(es)?$/i.test(a) ? { value: true } : /^no?$/i.test(a) ? { value: false } : 'Please answer y or n.',
  );
}

/** Pick one of `items` by number or by name; a single item is taken without asking. */
async function choose<T>(io: WizardIO, heading: string, items: readonly T[], name: (item: T) => string, describe: (item: T) => string): Promise<T> {
  if (items.length === 1) {
    io.say(`${heading}: ${describe(items[0]!)}`);
    return items[0]!;
  }
  io.say(`${heading}:`);
  items.forEach((item, i) => io.say(`  ${i + 1}) ${describe(item)}`));
  return askUntil(io, withDefault('Choose', '1'), (a) => {
    const answer = a === '' ? '1' : a;
    const byNumber = /^\d+$/.test(answer) ? items[Number(answer) - 1] : undefined;
    const picked = byNumber ?? items.find((item) => name(item).toLowerCase() === answer.toLowerCase());
    return picked === undefined ? `Enter a number from 1 to ${items.length}, or a name.` : { value: picked };
  });
}

function describeOffer(offer: WizardOffer): string {
  const note = offer.installed ? '' : ` (not installed: install with fnox plugins install ${offer.installName})`;
  return `${offer.type} - ${offer.title}${note}`;
}

/** Ask the chosen type's fields; a generated age key's recipient is the default answer. */
async function askFields(io: WizardIO, offer: WizardOffer, fallback: string | undefined): Promise<Record<string, string | string[]>> {
  const fields: Record<string, string | string[]> = {};
  for (const field of offer.fields) {
    const answer = await askUntil(io, withDefault(field.label, field.list ? fallback : undefined), (a) => {
      const value = a === '' && field.list && fallback ? fallback : a;
      if (value === '') return field.required ? `${field.label} is required.` : { value };
      return field.validate?.(value) ?? { value };
    });
    if (answer !== '') fields[field.key] = field.list ? [answer] : answer;
  }
  return fields;
}

/**
 * Run the wizard: provider or not, category, type (setup text shown), fields, name, then an
 * optional example secret. Throws {@link wizardCancelled} when the user cancels.
 */
export async function runInitWizard(io: WizardIO, options: InitWizardOptions): Promise<InitWizardResult> {
  if (!(await askYesNo(io, 'Set up a provider now?', true))) return { init: {} };
  const offers = wizardOffers(options.report);
  const categories = WIZARD_CATEGORIES.filter((c) => offers.some((o) => o.category === c));
  const category = await choose(io, 'Provider category', categories, (c) => c, (c) => `${c} (${offers.filter((o) => o.category === c).map((o) => o.type).join(', ')})`);
  const offer = await choose(io, 'Provider type', offers.filter((o) => o.category === category), (o) => o.type, describeOffer);
  io.say('');
  for (const line of offer.setup) io.say(line);
  io.say('');
  let ageKey: InitWizardResult['ageKey'];
  if (offer.type === 'age' && options.ageKey && (await askYesNo(io, `No age key found at ${options.ageKey.path}. Generate one now?`, true))) {
    ageKey = { ...(await options.ageKey.generate()), path: options.ageKey.path };
    io.say(`The new key will be saved to ${ageKey.path}; its recipient is ${ageKey.recipient}`);
  }
  const fields = await askFields(io, offer, ageKey?.recipient);
  const name = await askUntil(io, withDefault('Provider name', offer.defaultName), (a) => {
    const value = a === '' ? offer.defaultName : a;
    return PROVIDER_NAME.test(value) ? { value } : 'Use letters, digits, _ and - only.';
  });
  let exampleSecret: InitOptions['exampleSecret'];
  if (await askYesNo(io, 'Add an example secret?', false)) {
    const secret = await askUntil(io, withDefault('Secret name', 'MY_SECRET'), (a) => {
      const value = a === '' ? 'MY_SECRET' : a;
      return isValidSecretName(value) ? { value } : 'Secret names are letters, digits and _, not starting with a digit.';
    });
    const description = await askUntil(io, withDefault('Description', 'An example secret'), (a) => ({ value: a === '' ? 'An example secret' : a }));
    exampleSecret = { name: secret, description };
  }
  return {
    init: { provider: { name, type: offer.type, fields }, ...(exampleSecret ? { exampleSecret } : {}) },
    offer,
    ...(ageKey ? { ageKey } : {}),
  };
}
