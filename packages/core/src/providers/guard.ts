/**
 * What core promises about every provider call, whoever wrote the plugin: it ends within a
 * deadline (a hung backend or a plugin that never settles cannot wedge `fnox get` or the prompt),
 * and what it returns is a string (a plugin returning `undefined` or an object is named, instead of
 * writing `value = undefined` or exporting `[object Object]`).
 */
import { ProviderError, type ProviderInstance, type SecretOutcome, type SecretRequest } from '@fnox/contract';
import { FnoxError } from '../errors.js';

/** Seconds a provider call may take unless FNOX_PROVIDER_TIMEOUT says otherwise (see docs/security.md). */
export const DEFAULT_PROVIDER_TIMEOUT_SECONDS = 60;

/** The deadline of one provider call in ms from `FNOX_PROVIDER_TIMEOUT` (seconds; 0 = none). */
export function providerTimeoutMs(env: Readonly<Record<string, string | undefined>>): number {
  const raw = env.FNOX_PROVIDER_TIMEOUT?.trim();
  const seconds = raw ? Number(raw) : DEFAULT_PROVIDER_TIMEOUT_SECONDS;
  if (!Number.isFinite(seconds) || seconds < 0) return DEFAULT_PROVIDER_TIMEOUT_SECONDS * 1000;
  return seconds * 1000;
}

/** Who is being called, for messages. */
export interface GuardTarget {
  readonly name: string;
  readonly type: string;
  readonly timeoutMs: number;
  /** The command's signal (`ProviderContext.signal`): once aborted, a call ends with its reason. */
  readonly signal?: AbortSignal;
}

/**
 * `work`, or a `provider_timeout` error after `target.timeoutMs`, or the abort reason of
 * `target.signal` (Ctrl-C): a plugin that ignores the signal cannot keep fnox waiting either.
 */
export function withDeadline<T>(target: GuardTarget, what: string, work: () => Promise<T> | T): Promise<T> {
  const signal = target.signal;
  if (signal?.aborted) return Promise.reject(signal.reason);
  const pending = Promise.resolve().then(work);
  if (target.timeoutMs <= 0 && !signal) return pending;
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const expired = new Promise<never>((_, reject) => {
    if (signal) {
      onAbort = () => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
    }
    if (target.timeoutMs <= 0) return;
    timer = setTimeout(() => {
      const seconds = target.timeoutMs / 1000;
      reject(
        new FnoxError('provider_timeout', `Provider '${target.name}' (type ${target.type}) did not answer ${what} within ${seconds} s`, {
          hint: 'Check the backend and your network; set FNOX_PROVIDER_TIMEOUT (seconds, 0 = no limit) to wait longer.',
        }),
      );
    }, target.timeoutMs);
  });
  return Promise.race([pending, expired]).finally(() => {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  });
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : typeof value === 'undefined' ? 'undefined' : `a ${typeof value}`;
}

const notAString = (target: GuardTarget, method: string, value: unknown): string =>
  `Provider '${target.name}' (type ${target.type}) returned ${kindOf(value)} from ${method}() instead of a string`;
const PLUGIN_BUG = 'This is a bug in the provider plugin; report it to its author.';

function asString(target: GuardTarget, method: string, value: unknown): string {
  if (typeof value === 'string') return value;
  throw new FnoxError('provider_invalid_response', notAString(target, method, value), { hint: PLUGIN_BUG });
}

/** `instance` with every call under the deadline and its results checked. */
export function guardInstance(instance: ProviderInstance, target: GuardTarget): ProviderInstance {
  const guarded: ProviderInstance = {
    get: (request: SecretRequest) =>
      withDeadline(target, `for '${request.key}'`, () => instance.get(request)).then((value) => asString(target, 'get', value)),
  };
  if (instance.getMany) {
    const getMany = instance.getMany.bind(instance);
    guarded.getMany = async (requests) => {
      const results = await withDeadline(target, `for ${requests.length} secrets`, () => getMany(requests));
      if (!(results instanceof Map)) asString(target, 'getMany', results);
      const checked = new Map<string, SecretOutcome>();
      for (const [key, outcome] of results as ReadonlyMap<string, SecretOutcome>) {
        const broken = outcome?.ok === true && typeof outcome.value !== 'string';
        const error = () => new ProviderError('invalid-response', notAString(target, 'getMany', outcome.ok && outcome.value), { hint: PLUGIN_BUG });
        checked.set(key, broken ? { ok: false, error: error() } : outcome);
      }
      return checked;
    };
  }
  if (instance.put) {
    const put = instance.put.bind(instance);
    guarded.put = (key, plaintext) => withDeadline(target, `storing '${key}'`, () => put(key, plaintext)).then((value) => asString(target, 'put', value));
  }
  if (instance.remove) {
    const remove = instance.remove.bind(instance);
    guarded.remove = (request) => withDeadline(target, `removing '${request.key}'`, () => remove(request));
  }
  if (instance.check) {
    const check = instance.check.bind(instance);
    guarded.check = () => withDeadline(target, 'its check', () => check());
  }
  if (instance.diagnose) {
    const diagnose = instance.diagnose.bind(instance);
    guarded.diagnose = () => withDeadline(target, 'its diagnosis', () => diagnose());
  }
  if (instance.list) guarded.list = instance.list.bind(instance);
  if (instance.dispose) {
    const dispose = instance.dispose.bind(instance);
    guarded.dispose = () => withDeadline(target, 'on dispose', () => dispose());
  }
  return guarded;
}
