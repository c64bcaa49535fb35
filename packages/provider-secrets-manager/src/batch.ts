/**
 * Batch reads through BatchGetSecretValue (docs/providers/aws-sm.md): ids de-duplicated, cut into calls of at most
 * 20 ids, calls run in parallel with a bound, results matched back by Name or ARN, failures per id.
 */
import { isProviderError, type ProviderErrorLike } from '@fnox/contract';
import { forEachLimit } from '@fnox/aws-shared';

/** The API's SecretIdList limit. */
export const MAX_IDS_PER_CALL = 20;
/** BatchGetSecretValue calls in flight at once. */
export const CALLS_IN_FLIGHT = 10;

/** The outcome for one secret id. */
export type IdOutcome = { readonly ok: true; readonly value: string } | { readonly ok: false; readonly error: ProviderErrorLike };

/** The parts of a BatchGetSecretValue answer fnox uses. */
export interface BatchAnswer {
  readonly SecretValues?: readonly { Name?: string; ARN?: string; SecretString?: string }[];
  readonly Errors?: readonly { SecretId?: string; ErrorCode?: string; Message?: string }[];
}

/** What {@link readMany} needs from the provider instance. */
export interface BatchReader {
  /** One BatchGetSecretValue call; rejects when the whole call fails. */
  batchGet(ids: readonly string[]): Promise<BatchAnswer>;
  /** One GetSecretValue; rejects with a ProviderError. */
  get(id: string): Promise<string>;
  /** The error for a whole failed call, given to each of its ids. */
  callError(error: unknown, ids: readonly string[]): ProviderErrorLike;
  /** The error for one entry of `Errors`. */
  entryError(errorCode: string | undefined, message: string | undefined, id: string): ProviderErrorLike;
  /** A secret that holds SecretBinary only. */
  noStringValue(id: string): ProviderErrorLike;
  /** A secret in neither list of the answer. */
  missing(id: string): ProviderErrorLike;
  debug(message: string): void;
}

/** Split `items` into runs of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The ids an answered entry satisfies: its Name, its ARN, and its ARN without the random `-XXXXXX` suffix. */
export function entryIds(entry: { Name?: string; ARN?: string }): string[] {
  const ids: string[] = [];
  if (entry.Name) ids.push(entry.Name);
  if (entry.ARN) ids.push(entry.ARN, entry.ARN.replace(/-[A-Za-z0-9]{6}$/, ''));
  return ids;
}

function failure(error: unknown, fallback: () => ProviderErrorLike): IdOutcome {
  return { ok: false, error: isProviderError(error) ? error : fallback() };
}

/**
 * Read every id once. The whole read never rejects: each id gets a value or its own error. When
 * IAM allows GetSecretValue but not BatchGetSecretValue (common in older policies), the remaining
 * ids are read one by one instead of failing.
 */
export async function readMany(ids: readonly string[], reader: BatchReader): Promise<Map<string, IdOutcome>> {
  const unique = [...new Set(ids)];
  const outcomes = new Map<string, IdOutcome>();
  let batchDenied = false;

  const readSingly = (chunkIds: readonly string[]) =>
    forEachLimit(chunkIds, CALLS_IN_FLIGHT, async (id) => {
      try {
        outcomes.set(id, { ok: true, value: await reader.get(id) });
      } catch (error) {
        outcomes.set(id, failure(error, () => reader.callError(error, [id])));
      }
    });

  await forEachLimit(chunk(unique, MAX_IDS_PER_CALL), CALLS_IN_FLIGHT, async (chunkIds) => {
    if (batchDenied) return readSingly(chunkIds);
    let answer: BatchAnswer;
    try {
      answer = await reader.batchGet(chunkIds);
    } catch (error) {
      const mapped = reader.callError(error, chunkIds);
      if (mapped.code === 'denied') {
        batchDenied = true;
        reader.debug(`BatchGetSecretValue denied (${mapped.message}); reading ${chunkIds.length} secrets one by one`);
        return readSingly(chunkIds);
      }
      for (const id of chunkIds) outcomes.set(id, { ok: false, error: mapped });
      return;
    }
    const found = new Map<string, IdOutcome>();
    for (const entry of answer.SecretValues ?? []) {
      const outcome: IdOutcome | undefined =
        typeof entry.SecretString === 'string' ? { ok: true, value: entry.SecretString } : undefined;
      for (const id of entryIds(entry)) found.set(id, outcome ?? { ok: false, error: reader.noStringValue(id) });
    }
    for (const entry of answer.Errors ?? []) {
      if (entry.SecretId !== undefined) found.set(entry.SecretId, { ok: false, error: reader.entryError(entry.ErrorCode, entry.Message, entry.SecretId) });
    }
    for (const id of chunkIds) outcomes.set(id, found.get(id) ?? { ok: false, error: reader.missing(id) });
  });
  return outcomes;
}
