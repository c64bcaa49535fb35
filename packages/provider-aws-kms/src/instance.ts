/**
 * One configured `aws-kms` provider: Encrypt on `put`, Decrypt on `get`, parallel Decrypts for
 * batches, DescribeKey for `check`. Values are base64 CiphertextBlobs, wire-compatible with
 * upstream fnox and the aws CLI: no encryption context, default algorithm, Decrypt names KeyId
 * (and follows the ciphertext's own key, with a warning, when `key_id` was changed).
 */
import {
  isProviderError,
  ProviderError,
  type ProviderContext,
  type ProviderErrorLike,
  type ProviderInstance,
  type SecretOutcome,
  type SecretRequest,
} from '@fnox/contract';
import { awsSettings, diagnoseAws, DIAGNOSTICS, errorName, forEachLimit, sharedSignal } from '@fnox/aws-shared';
import { decodeCiphertext, decodeUtf8, encodeCiphertext, MAX_PLAINTEXT_BYTES } from './ciphertext.js';
import { lazyKmsClient } from './client.js';
import type { KmsClientOverrides } from './overrides.js';
import { KMS_SERVICE } from './service.js';
import type { KmsConfig } from './config.js';
import { keyStateError, kmsError, type KmsCall, type KmsOperation } from './errors.js';
import { staleKeys } from './stale-keys.js';

/**
 * Answers to the key-less retry that mean "that key cannot decrypt it either": the wrong-key error
 * stays the one reported. Throttling, network and credential failures are reported as themselves.
 */
const KEY_PROBLEMS = new Set([
  'IncorrectKeyException', 'AccessDeniedException', 'DisabledException', 'KMSInvalidStateException',
  'NotFoundException', 'InvalidCiphertextException',
]);

/** Decrypts in flight per batch (docs/providers/aws-kms.md). */
export const BATCH_CONCURRENCY = 100;

function toProviderError(error: unknown): ProviderErrorLike {
  return isProviderError(error) ? error : new ProviderError('api', 'AWS KMS: unexpected failure', { cause: error });
}

/** Build an instance; `overrides` lets embedders and tests supply the SDK client. */
export function createKmsInstance(config: KmsConfig, ctx: ProviderContext, overrides?: KmsClientOverrides): ProviderInstance {
  const settings = awsSettings(KMS_SERVICE, config, ctx.env, (message) => ctx.log.warn(message));
  ctx.log.debug(
    `${settings.service.display} provider '${ctx.name}': region ${settings.region}, endpoint ${settings.endpointLabel}` +
      `${settings.profile ? `, profile ${settings.profile}` : ''}${settings.roleArn ? `, role ${settings.roleArn}` : ''}` +
      `, timeouts ${settings.connectionTimeoutMs}/${settings.requestTimeoutMs} ms`,
  );
  // Room for a full batch plus the client's own listeners (STS, retries).
  const shared = sharedSignal(ctx.signal, BATCH_CONCURRENCY * 2);
  const signal = shared.signal;
  const kmsClient = lazyKmsClient(settings, ctx.name, signal, overrides);
  const stale = staleKeys(ctx.name, config.key_id);
  const call = (operation: KmsOperation, extra: Partial<KmsCall> = {}): KmsCall => ({
    settings,
    providerName: ctx.name,
    keyId: config.key_id,
    operation,
    ...extra,
  });

  /**
   * Decrypt with the configured key; when KMS says the ciphertext belongs to another key, decrypt
   * again without KeyId. Symmetric ciphertext names its key and KMS authorises the call against that
   * key, so this reads values left under the previous `key_id` (docs/providers/aws-kms.md, "Key
   * rotation") while IAM still decides; the caller warns. A refusal there keeps the wrong-key error.
   */
  async function decryptBlob(key: string, blob: Uint8Array): Promise<{ plaintext: Uint8Array | undefined; staleKey?: string }> {
    const { client, sdk: kms } = await kmsClient.get();
    try {
      const out = await client.send(new kms.DecryptCommand({ KeyId: config.key_id, CiphertextBlob: blob }), { abortSignal: signal });
      return { plaintext: out.Plaintext };
    } catch (error) {
      if (errorName(error) !== 'IncorrectKeyException') throw kmsError(error, call('Decrypt', { secretKey: key }));
      let out;
      try {
        out = await client.send(new kms.DecryptCommand({ CiphertextBlob: blob }), { abortSignal: signal });
      } catch (followError) {
        const keyProblem = KEY_PROBLEMS.has(errorName(followError));
        throw kmsError(keyProblem ? error : followError, call('Decrypt', { secretKey: key, ...(keyProblem ? { followFailure: followError } : {}) }));
      }
      return { plaintext: out.Plaintext, staleKey: out.KeyId ?? 'unknown' };
    }
  }

  /** The plaintext of one stored value, and the key it is still under when that is not `key_id`. */
  async function decrypt(request: SecretRequest): Promise<{ text: string; staleKey?: string }> {
    const decoded = decodeCiphertext(request.value);
    if ('problem' in decoded) {
      // Upstream's wording (docs/troubleshooting.md); the code is `decrypt` like every other unreadable stored value.
      throw new ProviderError('decrypt', `AWS KMS: invalid response: Failed to decode base64 ciphertext: ${decoded.problem}`, {
        hint: `The value of ${request.key} is not a base64 KMS ciphertext; set it again with \`fnox set ${request.key}\``,
        diagnostic: DIAGNOSTICS.invalidResponse,
      });
    }
    const { plaintext, staleKey } = await decryptBlob(request.key, decoded.bytes);
    if (plaintext === undefined) {
      throw new ProviderError('invalid-response', `AWS KMS: invalid response: Decrypt returned no plaintext for ${request.key}`, {
        diagnostic: DIAGNOSTICS.invalidResponse,
      });
    }
    const text = decodeUtf8(plaintext);
    plaintext.fill(0);
    if (text === undefined) {
      throw new ProviderError('decrypt', `AWS KMS: the decrypted value of ${request.key} is not valid UTF-8`, {
        hint: 'fnox values are text; the ciphertext was made by another tool from binary data',
      });
    }
    return staleKey === undefined ? { text } : { text, staleKey };
  }

  /** Note a value found under another key, for the one warning at dispose(). */
  function settle(key: string, result: { text: string; staleKey?: string }): string {
    if (result.staleKey !== undefined) stale.note(key, result.staleKey);
    return result.text;
  }

  return {
    get: async (request) => settle(request.key, await decrypt(request)),

    async getMany(requests) {
      const outcomes = new Map<string, SecretOutcome>();
      // Identical ciphertexts (copied values) are decrypted once.
      const inFlight = new Map<string, Promise<{ text: string; staleKey?: string }>>();
      await forEachLimit(requests, BATCH_CONCURRENCY, async (request) => {
        let pending = inFlight.get(request.value);
        if (pending === undefined) {
          pending = decrypt(request);
          inFlight.set(request.value, pending);
        }
        try {
          outcomes.set(request.key, { ok: true, value: settle(request.key, await pending) });
        } catch (error) {
          outcomes.set(request.key, { ok: false, error: toProviderError(error) });
        }
      });
      return outcomes;
    },

    async put(key, plaintext) {
      const bytes = Buffer.from(plaintext, 'utf8');
      if (bytes.length > MAX_PLAINTEXT_BYTES || bytes.length === 0) {
        const size = bytes.length;
        bytes.fill(0);
        // Checked before calling: KMS would reject it anyway, and some KMS emulators echo the value.
        throw size === 0
          ? new ProviderError('encrypt', `AWS KMS cannot encrypt an empty value (${key})`, { hint: 'Use the plain provider or a `default` for empty values' })
          : new ProviderError('encrypt', `AWS KMS can encrypt at most ${MAX_PLAINTEXT_BYTES} bytes; ${key} is ${size} bytes`, {
              hint: 'Store large values with the age provider (or use envelope encryption)',
            });
      }
      const { client, sdk: kms } = await kmsClient.get();
      let blob: Uint8Array | undefined;
      try {
        const out = await client.send(new kms.EncryptCommand({ KeyId: config.key_id, Plaintext: bytes }), { abortSignal: signal });
        blob = out.CiphertextBlob;
      } catch (error) {
        throw kmsError(error, call('Encrypt', { secretKey: key, plaintext }));
      } finally {
        bytes.fill(0);
      }
      if (blob === undefined || blob.length === 0) {
        throw new ProviderError('invalid-response', 'AWS KMS: invalid response: Encrypt returned no CiphertextBlob', { diagnostic: DIAGNOSTICS.invalidResponse });
      }
      return encodeCiphertext(blob);
    },

    async check() {
      const { client, sdk: kms } = await kmsClient.get();
      let metadata;
      try {
        metadata = (await client.send(new kms.DescribeKeyCommand({ KeyId: config.key_id }), { abortSignal: signal })).KeyMetadata;
      } catch (error) {
        throw kmsError(error, call('DescribeKey'));
      }
      if (metadata?.KeyState !== undefined && metadata.KeyState !== 'Enabled') throw keyStateError(call('DescribeKey'), metadata.KeyState);
      if (metadata?.KeyUsage !== undefined && metadata.KeyUsage !== 'ENCRYPT_DECRYPT') {
        throw new ProviderError('config', `AWS KMS: key '${config.key_id}' has key usage ${metadata.KeyUsage}, not ENCRYPT_DECRYPT`, {
          hint: 'Use a symmetric encryption key',
        });
      }
    },

    async diagnose() {
      return diagnoseAws(settings, ctx.env);
    },

    async dispose() {
      const warning = stale.take();
      if (warning !== undefined) ctx.log.warn(warning);
      shared.release();
      await kmsClient.dispose();
    },
  };
}
