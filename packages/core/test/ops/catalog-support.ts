import { defineProvider, fieldsSchema, type ProviderManifestReport, type SetupSuggestion } from '@fnox/contract';
import { providerNotInstalled } from '../../src/providers/catalog.js';
import { plainProvider } from '../../src/providers/plain.js';
import type { ProviderRegistry } from '../../src/providers/registry.js';

export const RECIPIENT = 'age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p';

/** Definitions shaped like the real providers' (core does not depend on them). */
export const ageLike = (suggestion: SetupSuggestion = {}) =>
  defineProvider({
    type: 'age',
    mode: 'encrypt',
    configSchema: fieldsSchema({
      recipients: {
        kind: 'string-list',
        required: true,
        prompt: 'age recipient (age1...)',
        example: ['age1...'],
        pattern: { regex: '^age1[02-9ac-hj-np-z]{58}$', message: 'Not an age recipient' },
      },
      key_file: { kind: 'string' },
      identity: { kind: 'provider-ref' },
    }),
    setup: { category: 'Local', defaultName: 'age', text: ['age encrypts each secret.'] },
    suggestConfig: async () => suggestion,
    create: () => ({ get: async () => '', put: async () => '' }),
  });

export const kmsLike = defineProvider({
  type: 'aws-kms',
  mode: 'encrypt',
  configSchema: fieldsSchema({
    region: { kind: 'string', required: true, prompt: 'AWS region', example: 'us-east-1' },
    key_id: { kind: 'string', required: true, prompt: 'KMS key id', example: 'alias/my-key' },
    endpoint: { kind: 'string' },
    role_arn: { kind: 'string', prompt: 'IAM role ARN to assume (optional)' },
  }),
  setup: { category: 'Cloud KMS', defaultName: 'kms' },
  create: () => ({ get: async () => '', put: async () => '' }),
});

export const smLike = defineProvider({
  type: 'aws-sm',
  mode: 'store',
  configSchema: fieldsSchema({ region: { kind: 'string', required: true, example: 'us-east-1' }, prefix: { kind: 'string' } }),
  create: () => ({ get: async () => '', put: async () => '' }),
});

/** A registry over in-memory definitions (plain always there). */
export function fakeRegistry(...definitions: { readonly type: string; readonly mode: string }[]): ProviderRegistry {
  const all = [plainProvider, ...definitions];
  const providers = Object.fromEntries(all.map((d) => [d.type, { type: d.type, title: d.type, mode: d.mode, summary: '', origin: 'core' }]));
  const report = { providers, conflicts: [], warnings: [] } as unknown as ProviderManifestReport;
  return {
    report,
    entry: (type) => report.providers[type],
    load: async (type) => {
      const found = all.find((d) => d.type === type);
      if (!found) throw providerNotInstalled(type);
      return found as never;
    },
  };
}
