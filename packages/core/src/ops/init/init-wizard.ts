/**
 * The interactive part of `fnox init` as a pure question flow: it asks through the session's
 * {@link SessionIO} and returns what to write, so it runs the same on a terminal and in unit
 * tests. It writes nothing itself; a cancelled wizard therefore leaves no trace.
 */
import { FnoxError } from '../../errors.js';
import type { SessionIO } from '../../io/session-io.js';
import { isValidSecretName } from '../write/secret-name.js';
import type { InitOptions } from './init-config.js';
import { WIZARD_CATEGORIES, type WizardCatalog, type WizardOffer } from './init-wizard-offers.js';
import type { SetupContext, SuggestedFields } from '@fnox/contract';

/** Options of {@link runInitWizard}. */
export interface InitWizardOptions {
  /** The installed types (see `wizardCatalog`). */
  readonly catalog: WizardCatalog;
  /** What a provider's `suggestConfig` may look at. */
  readonly setupContext: SetupContext;
}

/** What the wizard decided. */
export interface InitWizardResult {
  /** What to pass to `initConfig` (empty when the user declined to set up a provider). */
  readonly init: Pick<InitOptions, 'provider' | 'exampleSecret'>;
  /** The chosen type's offer, when a provider was set up. */
  readonly offer?: WizardOffer;
  /** Steps the user agreed to (e.g. saving a new key), to run before the config is written; each returns a line to show. */
  readonly commits: readonly (() => Promise<string>)[];
}

/** The error of a cancelled wizard (the same shape as the cancelled secret prompt). */
export function wizardCancelled(): FnoxError {
  return new FnoxError('usage', 'Cancelled', { hint: 'Nothing was written.' });
}

const PROVIDER_NAME = /^[A-Za-z0-9_-]+$/;

/** Ask until `accept` returns a value; `accept` returns an error message (string) to ask again. */
async function askUntil<T>(io: SessionIO, question: string, accept: (answer: string) => { value: T } | string): Promise<T> {
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

async function askYesNo(io: SessionIO, question: string, fallback: boolean): Promise<boolean> {
  return askUntil(io, `${question} ${fallback ? '[Y/n]' : '[y/N]'}: `, (a) =>
    a === '' ? { value: fallback } : /^y(es)?$/i.test(a) ? { value: true } : /^no?$/i.test(a) ? { value: false } : 'Please answer y or n.',
  );
}

/** Pick one of `items` by number or by name; a single item is taken without asking. */
async function choose<T>(io: SessionIO, heading: string, items: readonly T[], name: (item: T) => string, describe: (item: T) => string): Promise<T> {
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
  return `${offer.type} - ${offer.title}`;
}

function shown(value: string | readonly string[] | undefined): string | undefined {
  return value === undefined ? undefined : typeof value === 'string' ? value : value.join(', ');
}

/** Ask the chosen type's fields; a suggested value is the default answer. */
async function askFields(io: SessionIO, offer: WizardOffer, defaults: SuggestedFields): Promise<Record<string, unknown>> {
  const fields: Record<string, unknown> = {};
  for (const field of offer.fields) {
    const fallback = shown(defaults[field.key]);
    const answer = await askUntil(io, withDefault(field.label, fallback), (a) => {
      const value = a === '' && fallback !== undefined ? fallback : a;
      if (value === '') return field.required ? `${field.label} is required.` : { value };
      return field.validate(value) ?? { value };
    });
    if (answer !== '') fields[field.key] = field.parse(answer);
  }
  return fields;
}

/** Let the provider look at this machine: notes, default answers, and an offer the user may accept. */
async function suggest(io: SessionIO, offer: WizardOffer, context: SetupContext): Promise<{ defaults: SuggestedFields; commits: (() => Promise<string>)[] }> {
  const commits: (() => Promise<string>)[] = [];
  let defaults: SuggestedFields = {};
  if (!offer.suggest) return { defaults, commits };
  const suggestion = await offer.suggest(context).catch(() => ({}) as Awaited<ReturnType<NonNullable<WizardOffer['suggest']>>>);
  defaults = suggestion.fields ?? {};
  if (suggestion.offer && (await askYesNo(io, suggestion.offer.question, suggestion.offer.default ?? true))) {
    const prepared = await suggestion.offer.prepare();
    defaults = { ...defaults, ...prepared.fields };
    for (const note of prepared.notes ?? []) io.say(note);
    if (prepared.commit) commits.push(prepared.commit);
  } else {
    for (const note of suggestion.notes ?? []) io.say(note);
  }
  return { defaults, commits };
}

/**
 * Run the wizard: provider or not, category, type (setup text shown), the provider's suggestion,
 * fields, name, then an optional example secret. Throws {@link wizardCancelled} when the user cancels.
 */
export async function runInitWizard(io: SessionIO, options: InitWizardOptions): Promise<InitWizardResult> {
  if (!(await askYesNo(io, 'Set up a provider now?', true))) return { init: {}, commits: [] };
  const { offers, notInstalled } = options.catalog;
  if (notInstalled.length > 0) {
    io.say(`Not installed (install, then run fnox init again): ${notInstalled.map((n) => `${n.type} (${n.command})`).join(', ')}`);
  }
  const present = [...new Set(offers.map((o) => o.category))];
  const categories = [...WIZARD_CATEGORIES.filter((c) => present.includes(c)), ...present.filter((c) => !WIZARD_CATEGORIES.includes(c))];
  const category = await choose(io, 'Provider category', categories, (c) => c, (c) => `${c} (${offers.filter((o) => o.category === c).map((o) => o.type).join(', ')})`);
  const offer = await choose(io, 'Provider type', offers.filter((o) => o.category === category), (o) => o.type, describeOffer);
  io.say('');
  for (const line of offer.setup) io.say(line);
  io.say('');
  const { defaults, commits } = await suggest(io, offer, options.setupContext);
  const fields = await askFields(io, offer, defaults);
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
    commits,
  };
}
