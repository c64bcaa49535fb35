import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProviderContext } from '../context.js';
import { fieldsTemplate, schemaFields, type FieldSpec } from '../fields-schema.js';
import type { ProviderDefinition, ProviderInstance } from '../provider.js';
import type { SuggestedFields } from '../setup.js';
import type { TestApi } from './test-api.js';

interface SetupConformanceOptions {
  readonly instance: () => Promise<ProviderInstance>;
  readonly samples: readonly string[];
  readonly setupContext?: () => Partial<ProviderContext> | Promise<Partial<ProviderContext>>;
}

const PROVIDER_NAME = /^[A-Za-z0-9_-]+$/;

function assertSuggestedFields(fields: SuggestedFields | undefined, known: Readonly<Record<string, FieldSpec>> | undefined): void {
  for (const [name, value] of Object.entries(fields ?? {})) {
    if (known) assert.ok(name in known, `suggestConfig proposed '${name}', which is not a field of the schema`);
    assert.ok(
      typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string')),
      `suggested '${name}' must be a string or a list of strings`,
    );
  }
}

function emptyDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** The checks of the optional hooks added in contract 1.1: setup data, field metadata, suggestConfig, diagnose, options. */
export function setupConformance<C>(t: TestApi, definition: ProviderDefinition<C>, options: SetupConformanceOptions): void {
  const fields = schemaFields(definition.configSchema);

  t.it('describes its setup and fields with well-formed data', async () => {
    const setup = definition.setup;
    if (setup) {
      assert.ok(setup.category === undefined || (typeof setup.category === 'string' && setup.category.length > 0));
      assert.ok(setup.defaultName === undefined || PROVIDER_NAME.test(setup.defaultName), 'setup.defaultName must be a valid provider name');
      assert.ok(
        setup.text === undefined || setup.text.every((line) => typeof line === 'string' && !line.includes('\n')),
        'setup.text is a list of single lines',
      );
    }
    assert.ok(definition.options === undefined || definition.options.every((o) => /^[a-z0-9-]+$/.test(o)), 'options are option names without dashes');
    for (const [name, spec] of Object.entries(fields ?? {})) {
      if (spec.pattern) assert.doesNotThrow(() => new RegExp(spec.pattern!.regex), `the pattern of '${name}' must compile`);
      if (spec.example !== undefined) {
        const isList = Array.isArray(spec.example);
        assert.equal(isList, spec.kind === 'string-list', `the example of '${name}' must match its kind (${spec.kind})`);
      }
    }
    if (fields) {
      // `fnox provider add` writes this: it must load, so a user only edits values.
      const result = await definition.configSchema['~standard'].validate(fieldsTemplate(fields));
      assert.equal(result.issues, undefined, `the template built from the field examples is rejected: ${result.issues?.map((i) => i.message).join('; ')}`);
    }
  });

  if (definition.suggestConfig) {
    t.it('suggests a configuration without writing anything', async () => {
      const configDir = emptyDir('fnox-suggest-project-');
      const globalConfigDir = emptyDir('fnox-suggest-global-');
      try {
        const context = { configDir, globalConfigDir, env: {}, log: { debug() {}, warn() {} }, ...((await options.setupContext?.()) ?? {}) };
        const suggestion = await definition.suggestConfig!(context);
        assertSuggestedFields(suggestion.fields, fields);
        for (const note of suggestion.notes ?? []) assert.equal(typeof note, 'string');
        if (suggestion.offer) {
          assert.equal(typeof suggestion.offer.question, 'string');
          const prepared = await suggestion.offer.prepare();
          assertSuggestedFields(prepared.fields, fields);
        }
        assert.deepEqual(readdirSync(configDir), [], 'suggestConfig (or an offer before commit) wrote into configDir');
        assert.deepEqual(readdirSync(globalConfigDir), [], 'suggestConfig (or an offer before commit) wrote into globalConfigDir');
      } finally {
        rmSync(configDir, { recursive: true, force: true });
        rmSync(globalConfigDir, { recursive: true, force: true });
      }
    });
  }

  t.it('diagnoses itself, when it can, without secrets', async () => {
    const created = await options.instance();
    if (!created.diagnose) return;
    const diagnosis = await created.diagnose();
    assert.equal(typeof diagnosis.title, 'string');
    assert.ok(Array.isArray(diagnosis.items));
    for (const item of diagnosis.items) {
      assert.equal(typeof item.description, 'string');
      assert.ok(item.path === undefined || typeof item.path === 'string');
    }
    if (diagnosis.problem) assert.equal(typeof diagnosis.problem.message, 'string');
    const text = JSON.stringify(diagnosis);
    for (const sample of options.samples) if (sample.length >= 6) assert.ok(!text.includes(sample), 'a diagnosis contains a plaintext value');
    assert.ok(!/AGE-SECRET-KEY-1/i.test(text), 'a diagnosis contains a private key');
  });
}
