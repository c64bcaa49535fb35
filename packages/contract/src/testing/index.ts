import assert from 'node:assert/strict';
import type { ProviderContext } from '../context.js';
import { setupConformance } from './setup-conformance.js';
import { isProviderError, PROVIDER_ERROR_CODES, type ProviderErrorCode } from '../errors.js';
import {
  isProviderDefinition,
  type ProviderDefinition,
  type ProviderInstance,
  type SecretOutcome,
} from '../provider.js';
import type { StandardSchemaV1 } from '../standard-schema.js';

import type { TestApi } from './test-api.js';

export type { TestApi } from './test-api.js';

/** A stored value that must fail, and the code it must fail with. */
export interface FailingCase {
  readonly value: string;
  readonly code: ProviderErrorCode;
  /** Why it fails, for the test name. */
  readonly name?: string;
}

/** What {@link providerConformance} needs to exercise a provider. */
export interface ConformanceOptions<Config> {
  /** The definition under test (the entry module's default export). */
  readonly definition: ProviderDefinition<Config>;
  /** A raw `[providers.NAME]` table (without `type`) that the schema must accept. Called once per instance. */
  readonly config: () => unknown | Promise<unknown>;
  /** A raw table the schema must reject. */
  readonly invalidConfig?: unknown;
  /** Overrides of the default test context (env, configDir, resolveSecret...). */
  readonly context?: () => Partial<ProviderContext> | Promise<Partial<ProviderContext>>;
  /** Plaintexts to round-trip through `put` then `get`. Default: a set with unicode, newlines, quotes and 4 KiB. */
  readonly samples?: readonly string[];
  /** Stored values that must fail with a given code (corrupted ciphertext, missing remote name...). */
  readonly failing?: readonly FailingCase[];
  /** For `read` providers (no `put`): stored values and the plaintext each must resolve to. */
  readonly fixtures?: readonly { readonly value: string; readonly plaintext: string }[];
  /** True for providers whose stored value is the plaintext itself (`plain`). */
  readonly storesPlaintext?: boolean;
  /**
   * Overrides of the context `suggestConfig` gets (since contract 1.1). By default `configDir` and
   * `globalConfigDir` are fresh empty directories, which the suite checks stay empty.
   */
  readonly setupContext?: () => Partial<ProviderContext> | Promise<Partial<ProviderContext>>;
  /** Runs before the suite (start an emulator...). */
  readonly setup?: () => Promise<void> | void;
  /** Runs after the suite. */
  readonly teardown?: () => Promise<void> | void;
}

const DEFAULT_SAMPLES: readonly string[] = [
  'hunter2-conformance',
  'postgres://user:p@ss w0rd@db.internal:5432/app?sslmode=require',
  'multi\nline\r\nvalue\n',
  'ünïcödé ✓ 秘密 🔑',
  `quotes "double" 'single' \`tick\` $HOME \\ back`,
  'x'.repeat(4000),
];

export function testContext(overrides: Partial<ProviderContext>): ProviderContext {
  return {
    name: 'conformance',
    configFile: undefined,
    configDir: process.cwd(),
    env: {},
    globalConfigDir: process.cwd(),
    signal: new AbortController().signal,
    log: { debug() {}, warn() {} },
    options: {},
    resolveSecret: () => Promise.reject(new Error('resolveSecret is not available in this conformance run')),
    ...overrides,
  };
}

async function validate<C>(schema: StandardSchemaV1<unknown, C>, input: unknown): Promise<StandardSchemaV1.Result<C>> {
  return schema['~standard'].validate(input);
}

function assertNoPlaintext(error: unknown, secrets: readonly string[]): void {
  const text = error instanceof Error ? `${error.message}\n${error.stack ?? ''}\n${String((error as { hint?: string }).hint ?? '')}` : String(error);
  for (const secret of secrets) {
    if (secret.length >= 6) assert.ok(!text.includes(secret), 'an error message or stack contains a plaintext value');
  }
}

/**
 * The published conformance suite. A provider package runs it in a few lines:
 *
 * @example
 * ```ts
 * import { describe, it, beforeAll, afterAll } from 'vitest';
 * import { providerConformance } from '@fnox/contract/testing';
 * import provider from '../src/provider.js';
 *
 * providerConformance({ describe, it, beforeAll, afterAll }, {
 *   definition: provider,
 *   config: () => ({ recipients: [recipient] }),
 *   context: () => ({ env: { FNOX_AGE_KEY: identity } }),
 *   failing: [{ value: 'bm90IGFnZQ==', code: 'decrypt' }],
 * });
 * ```
 */
export function providerConformance<Config>(t: TestApi, options: ConformanceOptions<Config>): void {
  const { definition } = options;
  const samples = options.samples ?? DEFAULT_SAMPLES;
  const opened: ProviderInstance[] = [];

  async function instance(): Promise<ProviderInstance> {
    const result = await validate(definition.configSchema, await options.config());
    if (result.issues) throw new Error(`conformance config rejected: ${result.issues.map((i) => i.message).join('; ')}`);
    const created = await definition.create(result.value, testContext((await options.context?.()) ?? {}));
    opened.push(created);
    return created;
  }

  t.describe(`fnox provider conformance: ${definition.type}`, () => {
    if (options.setup && t.beforeAll) t.beforeAll(options.setup);
    t.afterAll?.(async () => {
      for (const created of opened.splice(0)) await created.dispose?.();
      await options.teardown?.();
    });

    t.it('is a branded definition with a kebab-case type and a valid mode', () => {
      assert.ok(isProviderDefinition(definition), 'default export must come from defineProvider()');
      assert.match(definition.type, /^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      assert.ok(['encrypt', 'store', 'read'].includes(definition.mode));
      assert.equal(typeof definition.create, 'function');
    });

    t.it('validates its config through its Standard Schema', async () => {
      const ok = await validate(definition.configSchema, await options.config());
      assert.equal(ok.issues, undefined, 'the sample config must be accepted');
      const bad = await validate(definition.configSchema, options.invalidConfig ?? 'not a table');
      assert.ok(bad.issues && bad.issues.length > 0, 'an invalid config must be rejected with issues');
      for (const issue of bad.issues ?? []) assert.equal(typeof issue.message, 'string');
    });

    t.it('has the methods its mode promises', async () => {
      const created = await instance();
      assert.equal(typeof created.get, 'function');
      if (definition.mode === 'read') assert.equal(created.put, undefined, "mode 'read' must not implement put");
      else assert.equal(typeof created.put, 'function', `mode '${definition.mode}' must implement put`);
    });

    if (definition.mode !== 'read') {
      t.it('round-trips every sample through put and get', async () => {
        const created = await instance();
        for (const [i, sample] of samples.entries()) {
          const key = `CONFORMANCE_${i}`;
          const stored = await created.put!(key, sample);
          assert.equal(typeof stored, 'string');
          if (definition.mode === 'encrypt' && !options.storesPlaintext && sample.length >= 6) {
            assert.ok(!stored.includes(sample), 'an encrypting provider stored the plaintext');
          }
          if (!options.storesPlaintext) assert.ok(!stored.includes('\n'), 'stored values must be single-line');
          assert.equal(await created.get({ key, value: stored }), sample);
        }
      });
    }

    if (options.fixtures && options.fixtures.length > 0) {
      t.it('resolves its fixtures', async () => {
        const created = await instance();
        for (const [i, fixture] of options.fixtures!.entries()) {
          assert.equal(await created.get({ key: `FIXTURE_${i}`, value: fixture.value }), fixture.plaintext);
        }
      });
    }

    t.it('agrees between batch and single reads, failing per key', async () => {
      const created = await instance();
      const requests: { key: string; value: string; expected: string | ProviderErrorCode }[] = [];
      if (definition.mode !== 'read') {
        for (const [i, sample] of samples.slice(0, 3).entries()) {
          requests.push({ key: `BATCH_${i}`, value: await created.put!(`BATCH_${i}`, sample), expected: sample });
        }
      }
      for (const [i, fixture] of (options.fixtures ?? []).entries()) {
        requests.push({ key: `BATCH_FIXTURE_${i}`, value: fixture.value, expected: fixture.plaintext });
      }
      const firstFailing = options.failing?.[0];
      if (firstFailing) requests.push({ key: 'BATCH_FAILING', value: firstFailing.value, expected: firstFailing.code });

      const single = new Map<string, SecretOutcome>();
      for (const request of requests) {
        try {
          single.set(request.key, { ok: true, value: await created.get(request) });
        } catch (error) {
          assert.ok(isProviderError(error), 'get must throw a ProviderError');
          single.set(request.key, { ok: false, error });
        }
      }
      if (created.getMany) {
        const batch = await created.getMany(requests.map(({ key, value }) => ({ key, value })));
        for (const request of requests) {
          const a = single.get(request.key)!;
          const b = batch.get(request.key);
          assert.ok(b, `getMany returned no outcome for ${request.key}`);
          assert.equal(b.ok, a.ok, `getMany and get disagree on ${request.key}`);
          if (a.ok && b.ok) assert.equal(b.value, a.value);
          if (!a.ok && !b.ok) assert.equal(b.error.code, a.error.code);
        }
      }
      for (const request of requests) {
        const outcome = single.get(request.key)!;
        if (outcome.ok) assert.equal(outcome.value, request.expected);
        else assert.equal(outcome.error.code, request.expected);
      }
    });

    for (const failing of options.failing ?? []) {
      t.it(`fails with '${failing.code}' for ${failing.name ?? JSON.stringify(failing.value.slice(0, 24))}`, async () => {
        const created = await instance();
        await assert.rejects(created.get({ key: 'FAILING', value: failing.value }), (error: unknown) => {
          assert.ok(isProviderError(error), 'get must throw a ProviderError');
          assert.ok(PROVIDER_ERROR_CODES.includes(error.code));
          assert.equal(error.code, failing.code);
          assert.ok(error.message.length > 0);
          assert.ok(error.hint === undefined || typeof error.hint === 'string');
          assertNoPlaintext(error, samples);
          return true;
        });
      });
    }

    if (definition.mode !== 'read' && !options.storesPlaintext && (options.failing?.length ?? 0) > 0) {
      t.it('never puts plaintext in an error, even for a value that was tampered with', async () => {
        const created = await instance();
        const secret = samples[0]!;
        const stored = await created.put!('TAMPER', secret);
        const tampered = stored.slice(0, -8) + (stored.endsWith('AAAAAAAA') ? 'BBBBBBBB' : 'AAAAAAAA');
        try {
          const value = await created.get({ key: 'TAMPER', value: tampered });
          assert.notEqual(value, secret, 'a tampered value must not decrypt to the original');
        } catch (error) {
          assert.ok(isProviderError(error), 'get must throw a ProviderError');
          assertNoPlaintext(error, samples);
        }
      });
    }

    setupConformance(t, definition, { instance, samples, setupContext: options.setupContext });

    t.it('disposes cleanly, twice', async () => {
      const created = await instance();
      opened.splice(opened.indexOf(created), 1);
      await created.dispose?.();
      await created.dispose?.();
    });
  });
}
export { moduleTrackerPrelude } from './module-tracker.js';
export { createTestContext, type TestContext } from './context.js';
