import { describe, expect, it } from 'vitest';
import {
  CONTRACT_VERSION,
  defineProvider,
  fieldsSchema,
  isProviderDefinition,
  isProviderError,
  ProviderError,
  providerDefinitionVersion,
} from '../src/index.js';

describe('defineProvider', () => {
  it('brands the definition with the contract version through a global symbol', () => {
    const def = defineProvider({ type: 'x', mode: 'read', configSchema: fieldsSchema({}), create: () => ({ get: async () => '' }) });
    expect(isProviderDefinition(def)).toBe(true);
    expect(providerDefinitionVersion(def)).toBe(CONTRACT_VERSION);
    expect((def as unknown as Record<symbol, unknown>)[Symbol.for('fnox.provider-definition')]).toBe(1);
    expect(Object.isFrozen(def)).toBe(true);
  });

  it('does not recognise look-alike objects', () => {
    expect(isProviderDefinition({ type: 'x', mode: 'read', create() {} })).toBe(false);
    expect(isProviderDefinition(null)).toBe(false);
    expect(providerDefinitionVersion({ [Symbol.for('fnox.provider-definition')]: 'one' })).toBeUndefined();
  });
});

describe('ProviderError', () => {
  it('carries code, hint, diagnostic and cause, and is recognised across copies by its brand', () => {
    const cause = new Error('socket hang up');
    const error = new ProviderError('network', 'AWS KMS: could not reach http://127.0.0.1:1', {
      hint: 'Check the endpoint',
      cause,
      diagnostic: 'fnox::provider::api_error',
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe('network');
    expect(error.hint).toBe('Check the endpoint');
    expect(error.diagnostic).toBe('fnox::provider::api_error');
    expect(error.cause).toBe(cause);
    expect(isProviderError(error)).toBe(true);
    const foreign = Object.assign(new Error('from another contract copy'), { code: 'auth' });
    Object.defineProperty(foreign, Symbol.for('fnox.provider-error'), { value: true });
    expect(isProviderError(foreign)).toBe(true);
    expect(isProviderError(new Error('plain'))).toBe(false);
  });
});
