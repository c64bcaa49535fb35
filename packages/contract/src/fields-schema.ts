import type { StandardSchemaV1 } from './standard-schema.js';

/**
 * One field of a provider table, described as data so core can validate it, the init wizard can
 * ask for it and `fnox schema` can publish it as JSON Schema.
 */
export type FieldSpec =
  | { readonly kind: 'string'; readonly required?: boolean; readonly description?: string; readonly enum?: readonly string[] }
  | { readonly kind: 'string-list'; readonly required?: boolean; readonly description?: string }
  | { readonly kind: 'boolean'; readonly required?: boolean; readonly description?: string }
  | { readonly kind: 'integer'; readonly required?: boolean; readonly description?: string }
  /** `{ provider = "NAME", value = "..." }`: a value fetched from another configured provider. */
  | { readonly kind: 'provider-ref'; readonly required?: boolean; readonly description?: string };

/** A value of a `provider-ref` field. */
export interface ProviderReference {
  readonly provider: string;
  readonly value: string;
}

type FieldValue<F extends FieldSpec> = F['kind'] extends 'string'
  ? string
  : F['kind'] extends 'string-list'
    ? string[]
    : F['kind'] extends 'boolean'
      ? boolean
      : F['kind'] extends 'integer'
        ? number
        : ProviderReference;

/** The validated config object described by a field map. */
export type FieldsOutput<Fields extends Record<string, FieldSpec>> = {
  [K in keyof Fields as Fields[K]['required'] extends true ? K : never]: FieldValue<Fields[K]>;
} & {
  [K in keyof Fields as Fields[K]['required'] extends true ? never : K]?: FieldValue<Fields[K]>;
};

/** A Standard Schema built by {@link fieldsSchema}; its field map stays readable. */
export interface FieldsSchema<Fields extends Record<string, FieldSpec>>
  extends StandardSchemaV1<unknown, FieldsOutput<Fields>> {
  readonly fields: Fields;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'a table';
  return `a ${typeof value}`;
}

function checkField(spec: FieldSpec, value: unknown): string | undefined {
  switch (spec.kind) {
    case 'string':
      if (typeof value !== 'string') return `expected a string, found ${describe(value)}`;
      if (spec.enum && !spec.enum.includes(value)) return `expected one of ${spec.enum.map((v) => `"${v}"`).join(', ')}`;
      return undefined;
    case 'string-list':
      if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
        return `expected an array of strings, found ${describe(value)}`;
      }
      return undefined;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `expected a boolean, found ${describe(value)}`;
    case 'integer':
      return Number.isInteger(value) ? undefined : `expected an integer, found ${describe(value)}`;
    case 'provider-ref': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        return `expected { provider = "...", value = "..." }, found ${describe(value)}`;
      }
      const keys = Object.keys(value);
      const ref = value as Record<string, unknown>;
      const extra = keys.filter((key) => key !== 'provider' && key !== 'value');
      if (extra.length > 0) return `unknown field \`${extra[0]}\`, expected \`provider\` or \`value\``;
      if (typeof ref.provider !== 'string' || typeof ref.value !== 'string') {
        return 'expected { provider = "...", value = "..." } with two strings';
      }
      return undefined;
    }
  }
}

/**
 * A dependency-free Standard Schema for the usual provider table: named fields of a few kinds,
 * unknown fields rejected (as upstream fnox does), required fields enforced.
 *
 * @example
 * ```ts
 * const configSchema = fieldsSchema({
 *   key_id: { kind: 'string', required: true, description: 'Key id, key ARN, alias/NAME or alias ARN' },
 *   region: { kind: 'string', required: true },
 *   endpoint: { kind: 'string' },
 * });
 * ```
 */
export function fieldsSchema<const Fields extends Record<string, FieldSpec>>(fields: Fields): FieldsSchema<Fields> {
  const names = Object.keys(fields);
  return {
    fields,
    '~standard': {
      version: 1,
      vendor: 'fnox',
      validate(input: unknown): StandardSchemaV1.Result<FieldsOutput<Fields>> {
        if (typeof input !== 'object' || input === null || Array.isArray(input)) {
          return { issues: [{ message: `expected a table, found ${describe(input)}` }] };
        }
        const record = input as Record<string, unknown>;
        const issues: StandardSchemaV1.Issue[] = [];
        for (const key of Object.keys(record)) {
          if (!(key in fields)) {
            const expected = names.length > 0 ? `expected one of ${names.map((n) => `\`${n}\``).join(', ')}` : 'expected no fields';
            issues.push({ message: `unknown field \`${key}\`, ${expected}`, path: [key] });
          }
        }
        for (const [key, spec] of Object.entries(fields)) {
          const value = record[key];
          if (value === undefined) {
            if (spec.required) issues.push({ message: `missing field \`${key}\``, path: [key] });
            continue;
          }
          const problem = checkField(spec, value);
          if (problem) issues.push({ message: problem, path: [key] });
        }
        return issues.length > 0 ? { issues } : { value: { ...record } as FieldsOutput<Fields> };
      },
    },
  };
}
