import { describe, expect, it } from 'vitest';
import { fieldsSchema } from '../src/index.js';

const schema = fieldsSchema({
  recipients: { kind: 'string-list', required: true },
  key_file: { kind: 'string' },
  identity: { kind: 'provider-ref' },
  mode: { kind: 'string', enum: ['a', 'b'] },
  retries: { kind: 'integer' },
  strict: { kind: 'boolean' },
});

const validate = (input: unknown) => schema['~standard'].validate(input) as { value?: unknown; issues?: { message: string; path?: unknown[] }[] };

describe('fieldsSchema', () => {
  it('accepts a valid table and returns it', () => {
    const input = { recipients: ['age1x'], key_file: './k', identity: { provider: 'kc', value: 'v' }, mode: 'a', retries: 3, strict: true };
    expect(validate(input)).toEqual({ value: input });
  });

  it('reports every issue with its path, as upstream phrases them', () => {
    const result = validate({ key_file: 3, identity: { provider: 'x' }, extra: 1, mode: 'c', retries: 1.5, strict: 'yes' });
    expect(result.value).toBeUndefined();
    expect(result.issues?.map((i) => [i.path?.[0], i.message])).toEqual([
      ['extra', 'unknown field `extra`, expected one of `recipients`, `key_file`, `identity`, `mode`, `retries`, `strict`'],
      ['recipients', 'missing field `recipients`'],
      ['key_file', 'expected a string, found a number'],
      ['identity', 'expected { provider = "...", value = "..." } with two strings'],
      ['mode', 'expected one of "a", "b"'],
      ['retries', 'expected an integer, found a number'],
      ['strict', 'expected a boolean, found a string'],
    ]);
  });

  it('rejects non-tables', () => {
    expect(validate('x').issues?.[0]?.message).toBe('expected a table, found a string');
    expect(validate(['x']).issues?.[0]?.message).toBe('expected a table, found an array');
    expect(validate({ recipients: ['ok', 3] }).issues?.[0]?.message).toBe('expected an array of strings, found an array');
  });

  it('keeps its field map readable for wizards and JSON Schema', () => {
    expect(Object.keys(schema.fields)).toEqual(['recipients', 'key_file', 'identity', 'mode', 'retries', 'strict']);
  });
});
