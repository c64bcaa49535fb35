/** Test helpers for the auth prompt: a provider that needs a login, and the login state it reads. */
import { defineProvider, fieldsSchema, ProviderError, type SecretOutcome } from '@fnox/contract';
import type { ProviderRegistry } from '../../src/providers/registry.js';
import { fakeDefinitions, fakeRegistry, newCalls } from './helpers.js';

/** A login state shared by the fake provider and the fake auth command. */
export interface World {
  /** Auth commands that ran successfully. */
  logins: string[];
  created: number;
  gets: string[];
  questions: string[];
  commands: string[];
  /** Most questions pending at the same time (must stay 1: one terminal). */
  maxAsking: number;
}

/**
 * `sso` fails with an auth error unless its login command (field `login`, default the type's auth
 * command) ran before the instance was created (credentials are cached per client, as with the
 * AWS SDK); `sso-batch` does the same via getMany.
 */
export function ssoRegistry(world: World): ProviderRegistry {
  const make = (type: string, batch: boolean) =>
    defineProvider({
      type,
      mode: 'read',
      authCommand: 'fake-login --sso',
      configSchema: fieldsSchema({ login: { kind: 'string' } }),
      create(config) {
        world.created++;
        const authenticated = world.logins.includes(config.login ?? 'fake-login --sso');
        const get = async ({ key, value }: { key: string; value: string }) => {
          world.gets.push(key);
          if (!authenticated) throw new ProviderError('auth', 'Fake SSO: authentication failed: token expired');
          return value.toUpperCase();
        };
        if (!batch) return { get };
        return {
          get,
          async getMany(reqs) {
            const out = new Map<string, SecretOutcome>();
            for (const r of reqs) {
              try {
                out.set(r.key, { ok: true, value: await get(r) });
              } catch (error) {
                out.set(r.key, { ok: false, error: error as ProviderError });
              }
            }
            return out;
          },
        };
      },
    });
  return fakeRegistry({ ...fakeDefinitions(newCalls()), sso: make('sso', false), 'sso-batch': make('sso-batch', true) });
}

/** A world where nothing has logged in yet. */
export function newWorld(): World {
  return { logins: [], created: 0, gets: [], questions: [], commands: [], maxAsking: 0 };
}
