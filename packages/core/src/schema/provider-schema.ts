import type { FieldSpec } from '@fnox/contract';
import { keysIn, scopedText } from '../config/keys.js';

/** A JSON Schema object (draft 2020-12), as plain data. */
export type JsonSchema = { readonly [keyword: string]: unknown };

/** What the schema needs to know about one provider type. */
export interface ProviderSchemaInput {
  readonly type: string;
  readonly title?: string;
  readonly summary?: string;
  /** The provider's fields, when its config schema is a `fieldsSchema`; absent means "not known": any field is accepted. */
  readonly fields?: Readonly<Record<string, FieldSpec>>;
}

/** The keys every provider table has besides `type`, from the key table (config/keys.ts). */
const COMMON_FIELDS: Readonly<Record<string, JsonSchema>> = Object.fromEntries(
  keysIn('provider')
    .filter((row) => row.key !== 'type')
    .map((row) => [row.key, { type: row.kind === 'boolean' ? 'boolean' : 'string', description: scopedText(row.summary, 'provider') }]),
);

function describe(schema: JsonSchema, spec: FieldSpec): JsonSchema {
  return spec.description ? { description: spec.description, ...schema } : schema;
}

/** One provider field as JSON Schema: string fields also accept `{ secret = "NAME" }` (docs/configuration.md). */
export function fieldToJsonSchema(spec: FieldSpec): JsonSchema {
  switch (spec.kind) {
    case 'string': {
      const literal: JsonSchema = spec.enum ? { type: 'string', enum: [...spec.enum] } : { type: 'string' };
      return describe({ anyOf: [literal, { $ref: '#/$defs/secretReference' }] }, spec);
    }
    case 'string-list':
      return describe({ type: 'array', items: { type: 'string' } }, spec);
    case 'boolean':
      return describe({ type: 'boolean' }, spec);
    case 'integer':
      return describe({ type: 'integer' }, spec);
    case 'provider-ref':
      return describe({ $ref: '#/$defs/providerReference' }, spec);
  }
}

/** The `oneOf` branch of one provider type: `type` fixed, its own fields, unknown fields refused when the fields are known. */
export function providerBranch(input: ProviderSchemaInput): JsonSchema {
  const properties: Record<string, JsonSchema> = { type: { const: input.type }, ...COMMON_FIELDS };
  const required = ['type'];
  for (const [name, spec] of Object.entries(input.fields ?? {})) {
    properties[name] = fieldToJsonSchema(spec);
    if (spec.required) required.push(name);
  }
  return {
    title: input.title ?? input.type,
    ...(input.summary ? { description: input.summary } : {}),
    type: 'object',
    properties,
    required,
    additionalProperties: input.fields === undefined,
  };
}

/**
 * `[providers.NAME]`: a `oneOf` on `type` over the known provider types, plus one branch for any
 * other type (upstream fnox knows more types than a given install; such tables must still load).
 */
export function providerSchema(inputs: readonly ProviderSchemaInput[]): JsonSchema {
  const sorted = [...inputs].sort((a, b) => a.type.localeCompare(b.type));
  const known = sorted.map((input) => input.type);
  return {
    description: 'A provider: `type` plus the fields of that type.',
    type: 'object',
    required: ['type'],
    properties: { type: { type: 'string', description: 'Provider type, e.g. age, aws-kms, aws-sm or plain.' } },
    oneOf: [
      ...sorted.map(providerBranch),
      {
        title: 'other provider types',
        description: 'A provider type this fnox has no plugin for: kept as written, and an error only when a secret uses it.',
        type: 'object',
        properties: { type: { type: 'string', not: { enum: known } }, ...COMMON_FIELDS },
      },
    ],
  };
}

/** Keys every provider table may have besides its own fields (a test keeps them in step with core's COMMON_PROVIDER_KEYS). */
export const COMMON_PROVIDER_SCHEMA_KEYS: readonly string[] = ['type', ...Object.keys(COMMON_FIELDS)];
