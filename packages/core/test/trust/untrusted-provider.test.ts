/** What a provider table from an untrusted file may not set: secret references and fields that aim the provider. */
import type { BrandedProviderDefinition } from '@fnox/contract';
import { describe, expect, it } from 'vitest';
import { FnoxError } from '../../src/errors.js';
import { assertUntrustedProviderSafe } from '../../src/trust/untrusted-provider.js';

const plainDef = {} as BrandedProviderDefinition;
const reaching = { reachesOut: ['bucket'] } as unknown as BrandedProviderDefinition;

function refusal(table: Record<string, unknown>, definition = plainDef, provider = 'p', file = '/r/fnox.toml'): FnoxError {
  try {
    assertUntrustedProviderSafe(provider, { type: 'x', ...table } as never, file, definition);
  } catch (error) {
    expect(error).toBeInstanceOf(FnoxError);
    return error as FnoxError;
  }
  throw new Error(`expected ${JSON.stringify(table)} to be refused`);
}

const accepts =
  (table: Record<string, unknown>, definition = plainDef) =>
  () =>
    assertUntrustedProviderSafe('p', { type: 'x', ...table } as never, '/r/fnox.toml', definition);

describe('untrusted provider tables', () => {
  it('accepts ordinary fields, and the common keys whatever their value', () => {
    expect(accepts({ region: 'eu-west-1', key_id: 'k', recipients: ['age1x'], bucket: 'b', auth_command: 'x', daemon_cache: true })).not.toThrow();
  });

  it('refuses a { secret = ... } field, naming provider, field and file with the trust command', () => {
    const error = refusal({ token: { secret: 'GITHUB_TOKEN' } }, plainDef, 'vault', '/r/fnox.toml');
    expect(error.code).toBe('untrusted_provider_field');
    expect(error.message).toBe(
      "Provider 'vault' in /r/fnox.toml sets 'token', which takes its value from a secret or your environment ({ secret = ... }), and the file is not trusted: review it, then run `fnox trust /r/fnox.toml`",
    );
    expect(error.hint).toBe('A config file you have not trusted may not aim a provider at a server or feed it your values (docs/security.md).');
  });

  it('refuses the fields the provider declares in reachesOut, only for that provider', () => {
    const error = refusal({ bucket: 'evil' }, reaching);
    expect(error.message).toBe(
      "Provider 'p' in /r/fnox.toml sets 'bucket', which decides where your credentials or data go, and the file is not trusted: review it, then run `fnox trust /r/fnox.toml`",
    );
    expect(accepts({ bucket: 'fine' })).not.toThrow();
  });

  it('refuses endpoint-like field names whole or as an underscore-separated part, in any case', () => {
    const named = ['endpoint', 'endpoints', 'url', 'uri', 'host', 'server', 'address', 'proxy', 'ENDPOINT', 'Url'];
    const parts = ['endpoint_url', 'vault_addr_url', 'api_host', 'host_name', 'my_server_id', 'http_proxy', 'sts_endpoint', 'a_uri_b'];
    for (const field of [...named, ...parts]) expect(refusal({ [field]: 'x' }).message, field).toContain(`sets '${field}', which decides`);
  });

  it('does not mistake a word merely containing one for an endpoint field', () => {
    for (const field of ['hostname', 'ghost', 'urls', 'curl', 'uris', 'servers', 'addresses', 'proxyless', 'endpointx', 'xurl', 'url2', 'host-name']) {
      expect(accepts({ [field]: 'x' }), field).not.toThrow();
    }
  });

  it('escapes control characters from the file in every name it shows', () => {
    const message = refusal({ 'url_\u001b[2J': 'x' }, plainDef, 'p\u001b[1m', '/r/\u001b]0;x\u0007/fnox.toml').message;
    expect(message).not.toMatch(/[\u0000-\u001f\u007f]/);
  });
});
