import { AwsError } from '../errors.js';
import { readList, type Input } from '../input.js';
import type { Secret } from '../state.js';

/** A ListSecrets / BatchGetSecretValue filter. */
export interface SecretFilter {
  key: string;
  values: string[];
}

const KEYS = new Set(['description', 'name', 'tag-key', 'tag-value', 'primary-region', 'owning-service', 'all']);

/** Reads and validates `Filters`. */
export function readFilters(input: Input): SecretFilter[] | undefined {
  const list = readList(input, 'Filters', { max: 10 });
  if (list === undefined) return undefined;
  return list.map((item) => {
    const filter = (item ?? {}) as Record<string, unknown>;
    const key = filter['Key'];
    const values = filter['Values'];
    if (typeof key !== 'string' || !KEYS.has(key))
      throw new AwsError(
        'ValidationException',
        "1 validation error detected: Value at 'filters.1.member.key' failed to satisfy constraint: Member must satisfy enum value set: [all, name, tag-key, description, tag-value, primary-region, owning-service]",
      );
    if (!Array.isArray(values) || values.some((v) => typeof v !== 'string'))
      throw new AwsError('InvalidParameterException', 'Invalid filter values.');
    return { key, values: values as string[] };
  });
}

/**
 * AWS semantics (from the model's documentation): prefix matches, case-sensitive except `description`
 * and `all`; a value starting with `!` negates; values of one filter are OR-ed, filters are AND-ed.
 */
export function matchesFilters(secret: Secret, filters: SecretFilter[]): boolean {
  return filters.every((filter) => {
    const positive = filter.values.filter((v) => !v.startsWith('!'));
    const negative = filter.values.filter((v) => v.startsWith('!')).map((v) => v.slice(1));
    if (negative.some((v) => matchesValue(secret, filter.key, v))) return false;
    return positive.length === 0 || positive.some((v) => matchesValue(secret, filter.key, v));
  });
}

function matchesValue(secret: Secret, key: string, value: string): boolean {
  const prefix = (candidates: (string | undefined)[], caseless: boolean) =>
    candidates.some((c) => c !== undefined && (caseless ? c.toLowerCase().startsWith(value.toLowerCase()) : c.startsWith(value)));
  switch (key) {
    case 'name':
      return prefix([secret.name], false);
    case 'description':
      return prefix([secret.description], true);
    case 'tag-key':
      return prefix(secret.tags.map((t) => t.Key), false);
    case 'tag-value':
      return prefix(secret.tags.map((t) => t.Value), false);
    case 'primary-region':
      return prefix([secret.arn.split(':')[3]], false);
    case 'owning-service':
      return false;
    default: {
      const fields = [secret.name, secret.description, ...secret.tags.flatMap((t) => [t.Key, t.Value])]
        .filter((f): f is string => f !== undefined)
        .flatMap((f) => f.toLowerCase().split(/[\s/_+=.@-]+/).concat(f.toLowerCase()));
      return value
        .toLowerCase()
        .split(/\s+/)
        .filter(Boolean)
        .every((word) => fields.some((f) => f.startsWith(word)));
    }
  }
}
