import { AwsError, memberName, validationError } from './errors.js';

/** A parsed JSON 1.1 request body. */
export type Input = Record<string, unknown>;

interface StringRule {
  required?: boolean;
  min?: number;
  max?: number;
}

/**
 * Reads a string member, applying the model's length constraints with AWS's validation wording.
 * Type mismatches are `SerializationException`, as AWS's JSON front end reports them.
 */
export function readString(input: Input, field: string, rule: StringRule = {}): string | undefined {
  const value = input[field];
  if (value === undefined || value === null) {
    if (rule.required) throw validationError(memberName(field), 'Member must not be null', true);
    return undefined;
  }
  if (typeof value !== 'string') throw serializationError(field);
  checkLength(field, value.length, rule);
  return value;
}

/** Like {@link readString} but the member is required. */
export function requireString(input: Input, field: string, rule: Omit<StringRule, 'required'> = {}): string {
  return readString(input, field, { ...rule, required: true }) as string;
}

/** Reads an integer member within `[min, max]`. */
export function readInteger(input: Input, field: string, min: number, max: number): number | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw serializationError(field);
  if (value < min) throw validationError(memberName(field), `Member must have value greater than or equal to ${min}`);
  if (value > max) throw validationError(memberName(field), `Member must have value less than or equal to ${max}`);
  return value;
}

/** Reads a boolean member. */
export function readBoolean(input: Input, field: string): boolean | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw serializationError(field);
  return value;
}

/** Reads a base64 blob member and checks its decoded length. */
export function readBlob(input: Input, field: string, rule: StringRule = {}): Buffer | undefined {
  const value = readString(input, field, { required: rule.required });
  if (value === undefined) return undefined;
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value.length % 4 !== 0) throw serializationError(field);
  const bytes = Buffer.from(value, 'base64');
  checkLength(field, bytes.length, rule);
  return bytes;
}

/** Reads a string→string map (e.g. EncryptionContext). */
export function readStringMap(input: Input, field: string): Record<string, string> | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw serializationError(field);
  for (const v of Object.values(value)) if (typeof v !== 'string') throw serializationError(field);
  return value as Record<string, string>;
}

/** Reads a list member with length bounds. */
export function readList(input: Input, field: string, rule: StringRule = {}): unknown[] | undefined {
  const value = input[field];
  if (value === undefined || value === null) {
    if (rule.required) throw validationError(memberName(field), 'Member must not be null', true);
    return undefined;
  }
  if (!Array.isArray(value)) throw serializationError(field);
  checkLength(field, value.length, rule);
  return value;
}

/** Reads a `[{Key, Value}]` tag list as a plain map. */
export function readTags(input: Input, field = 'Tags', keyName = 'Key', valueName = 'Value'): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const item of readList(input, field) ?? []) {
    if (typeof item !== 'object' || item === null) throw serializationError(field);
    const tag = item as Record<string, unknown>;
    const key = tag[keyName];
    const value = tag[valueName] ?? '';
    if (typeof key !== 'string' || typeof value !== 'string') throw serializationError(field);
    tags[key] = value;
  }
  return tags;
}

function checkLength(field: string, length: number, rule: StringRule): void {
  if (rule.min !== undefined && length < rule.min)
    throw validationError(memberName(field), `Member must have length greater than or equal to ${rule.min}`);
  if (rule.max !== undefined && length > rule.max)
    throw validationError(memberName(field), `Member must have length less than or equal to ${rule.max}`);
}

function serializationError(field: string): AwsError {
  return new AwsError('SerializationException', `Unexpected value type for member '${field}'`);
}
