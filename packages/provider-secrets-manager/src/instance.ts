/**
 * One configured `aws-sm` provider. The value in fnox.toml is a secret name without the prefix;
 * the secret id is `prefix + value`. Reads: GetSecretValue, BatchGetSecretValue for batches.
 * Writes: PutSecretValue, creating the secret when it does not exist yet (the behaviour upstream
 * intended; its string-matching quirk is not copied).
 */
import { ProviderError, type ProviderContext, type ProviderInstance, type SecretOutcome } from '@fnox/contract';
import { awsSettings, diagnoseAws, errorName, sharedSignal } from '@fnox/aws-shared';
import { CALLS_IN_FLIGHT, MAX_IDS_PER_CALL, readMany } from './batch.js';
import { lazySecretsManagerClient } from './client.js';
import type { SecretsManagerClientOverrides } from './overrides.js';
import { SECRETS_MANAGER_SERVICE } from './service.js';
import type { SecretsManagerConfig } from './config.js';
import { batchEntryError, noStringValue, notFound, smError, type SmCall, type SmOperation } from './errors.js';

/** SecretString's size limit. */
export const MAX_SECRET_BYTES = 65_536;

/** `3 secrets (a, b, c)`, shortened after five names. */
function describeIds(ids: readonly string[]): string {
  const shown = ids.slice(0, 5).map((id) => `'${id}'`).join(', ');
  return `${ids.length} secret${ids.length === 1 ? '' : 's'} (${shown}${ids.length > 5 ? ', ...' : ''})`;
}

/** Build an instance; `overrides` lets embedders and tests supply the SDK client. */
export function createSecretsManagerInstance(
  config: SecretsManagerConfig,
  ctx: ProviderContext,
  overrides?: SecretsManagerClientOverrides,
): ProviderInstance {
  const settings = awsSettings(SECRETS_MANAGER_SERVICE, config, ctx.env, (message) => ctx.log.warn(message));
  ctx.log.debug(
    `${settings.service.display} provider '${ctx.name}': region ${settings.region}, endpoint ${settings.endpointLabel}` +
      `${settings.profile ? `, profile ${settings.profile}` : ''}${settings.roleArn ? `, role ${settings.roleArn}` : ''}` +
      `, timeouts ${settings.connectionTimeoutMs}/${settings.requestTimeoutMs} ms`,
  );
  const prefix = config.prefix ?? '';
  // Room for every batch call and single read in flight, plus the client's own listeners.
  const shared = sharedSignal(ctx.signal, CALLS_IN_FLIGHT * MAX_IDS_PER_CALL);
  const signal = shared.signal;
  const sm = lazySecretsManagerClient(settings, ctx.name, signal, overrides);
  const call = (operation: SmOperation, secretId: string, plaintext?: string): SmCall => ({
    settings,
    providerName: ctx.name,
    operation,
    secretId,
    ...(plaintext === undefined ? {} : { plaintext }),
  });

  async function getById(id: string): Promise<string> {
    const { client, sdk: api } = await sm.get();
    let out;
    try {
      out = await client.send(new api.GetSecretValueCommand({ SecretId: id }), { abortSignal: signal });
    } catch (error) {
      throw smError(error, call('GetSecretValue', id));
    }
    if (typeof out.SecretString !== 'string') throw noStringValue(id);
    return out.SecretString;
  }

  async function putById(id: string, plaintext: string): Promise<void> {
    const { client, sdk: api } = await sm.get();
    const put = () => client.send(new api.PutSecretValueCommand({ SecretId: id, SecretString: plaintext }), { abortSignal: signal });
    try {
      await put();
      return;
    } catch (error) {
      if (errorName(error) !== 'ResourceNotFoundException') throw smError(error, call('PutSecretValue', id, plaintext));
    }
    try {
      await client.send(new api.CreateSecretCommand({ Name: id, SecretString: plaintext }), { abortSignal: signal });
    } catch (error) {
      // Created by someone else between the two calls: write a new version instead.
      if (errorName(error) !== 'ResourceExistsException') throw smError(error, call('CreateSecret', id, plaintext));
      try {
        await put();
      } catch (retryError) {
        throw smError(retryError, call('PutSecretValue', id, plaintext));
      }
    }
  }

  return {
    get: (request) => getById(prefix + request.value),

    async getMany(requests) {
      const ids = await readMany(
        requests.map((r) => prefix + r.value),
        {
          async batchGet(chunkIds) {
            const { client, sdk: api } = await sm.get();
            return client.send(new api.BatchGetSecretValueCommand({ SecretIdList: [...chunkIds] }), { abortSignal: signal });
          },
          get: getById,
          callError: (error, chunkIds) => smError(error, call('BatchGetSecretValue', describeIds(chunkIds))),
          entryError: (code, message, id) => batchEntryError(code, message, call('GetSecretValue', id)),
          noStringValue,
          missing: (id) => notFound(call('GetSecretValue', id)),
          debug: (message) => ctx.log.debug(message),
        },
      );
      const outcomes = new Map<string, SecretOutcome>();
      for (const request of requests) outcomes.set(request.key, ids.get(prefix + request.value)!);
      return outcomes;
    },

    async put(key, plaintext) {
      const size = Buffer.byteLength(plaintext, 'utf8');
      if (size > MAX_SECRET_BYTES) {
        throw new ProviderError('unsupported', `AWS Secrets Manager stores at most ${MAX_SECRET_BYTES} bytes per secret; ${key} is ${size} bytes`, {
          hint: 'Split the value, or keep large values encrypted in fnox.toml with the age provider',
        });
      }
      await putById(prefix + key, plaintext);
      return key;
    },

    /** Deletes with the default 30-day recovery window. `fnox remove` never calls this (upstream keeps remote secrets). */
    async remove(request) {
      const id = prefix + request.value;
      const { client, sdk: api } = await sm.get();
      try {
        await client.send(new api.DeleteSecretCommand({ SecretId: id }), { abortSignal: signal });
      } catch (error) {
        if (errorName(error) === 'ResourceNotFoundException') return;
        throw smError(error, call('DeleteSecret', id));
      }
    },

    async *list() {
      const { client, sdk: api } = await sm.get();
      let token: string | undefined;
      do {
        let page;
        try {
          page = await client.send(
            new api.ListSecretsCommand({
              MaxResults: 100,
              // The service's name filter is a case-insensitive prefix match; the exact check is below.
              ...(prefix === '' ? {} : { Filters: [{ Key: 'name', Values: [prefix] }] }),
              ...(token === undefined ? {} : { NextToken: token }),
            }),
            { abortSignal: signal },
          );
        } catch (error) {
          throw smError(error, call('ListSecrets', prefix === '' ? 'all secrets' : `secrets under '${prefix}'`));
        }
        for (const secret of page.SecretList ?? []) {
          const name = secret.Name;
          if (name !== undefined && name.startsWith(prefix) && name.length > prefix.length) yield name.slice(prefix.length);
        }
        token = page.NextToken;
      } while (token);
    },

    async check() {
      const { client, sdk: api } = await sm.get();
      try {
        await client.send(new api.ListSecretsCommand({ MaxResults: 1 }), { abortSignal: signal });
      } catch (error) {
        throw smError(error, call('ListSecrets', 'secrets'));
      }
    },

    async diagnose() {
      return diagnoseAws(settings, ctx.env);
    },

    async dispose() {
      shared.release();
      await sm.dispose();
    },
  };
}
