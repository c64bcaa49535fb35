import type { StandardSchemaV1 } from './standard-schema.js';

/** What every field kind may say about itself besides its type. */
export interface FieldCommon {
  readonly required?: boolean;
  /** Shown in editors (JSON Schema) and by the wizard when it has no {@link prompt}. */
  readonly description?: string;
  /**
   * The question `fnox init` asks for this field (since contract 1.1). Required fields are always
   * asked; optional ones only when they have a prompt.
   */
  readonly prompt?: string;
  /**
   * The placeholder `fnox provider add` writes, e.g. `"us-east-1"` or `["age1..."]` (since contract
   * 1.1). Fields with an example are written in field order; required fields without one get an
   * empty value of their kind.
   */
  readonly example?: string | readonly string[];
  /**
   * A format the wizard checks each answer against (each item of a list), with the message shown
   * when it does not match (since contract 1.1). Not applied when a config is loaded.
   */
  readonly pattern?: { readonly regex: string; readonly message: string };
}

/**
 * One field of a provider table, described as data so core can validate it, the init wizard can
 * ask for it and `fnox schema` can publish it as JSON Schema.
 */
export type FieldSpec =
  | (FieldCommon & { readonly kind: 'string'; readonly enum?: readonly string[] })
  | (FieldCommon & { readonly kind: 'string-list' })
  | (FieldCommon & { readonly kind: 'boolean' })
  | (FieldCommon & { readonly kind: 'integer' })
  /** `{ provider = "NAME", value = "..." }`: a value fetched from another configured provider. */
  | (FieldCommon & { readonly kind: 'provider-ref' });

/** The field map of a {@link fieldsSchema} (or any schema with a `fields` record), else undefined. */
export function schemaFields(configSchema: unknown): Readonly<Record<string, FieldSpec>> | undefined {
  const fields = (configSchema as { fields?: unknown } | undefined)?.fields;
  return typeof fields === 'object' && fields !== null && !Array.isArray(fields) ? (fields as Record<string, FieldSpec>) : undefined;
}

/** The table `fnox provider add` writes from the field map: examples, and empty required fields. */
export function fieldsTemplate(fields: Readonly<Record<string, FieldSpec>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(fields)) {
    if (spec.example !== undefined) out[name] = Array.isArray(spec.example) ? [...spec.example] : spec.example;
    else if (spec.required) {
      const empty = { string: '', 'string-list': [], boolean: false, integer: 0, 'provider-ref': undefined }[spec.kind];
      if (empty !== undefined) out[name] = empty;
    }
  }
  return out;
}

/** Why `answer` is not acceptable for `spec` in the wizard (kind, enum, pattern), or undefined. */
export function fieldAnswerProblem(spec: FieldSpec, answer: string): string | undefined {
  if (spec.kind === 'integer' && !/^-?\d+$/.test(answer)) return 'Enter a whole number.';
  if (spec.kind === 'boolean' && !/^(true|false)$/.test(answer)) return 'Enter true or false.';
  if (spec.kind === 'string' && spec.enum && !spec.enum.includes(answer)) return `Enter one of: ${spec.enum.join(', ')}.`;
  if (spec.pattern) {
    const regex = new RegExp(spec.pattern.regex);
    const items = spec.kind === 'string-list' ? answer.split(',').map((item) => item.trim()) : [answer];
    if (items.some((item) => !regex.test(item))) return spec.pattern.message;
  }
  return undefined;
}

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
