import { describe, expect, it } from 'vitest';
import { addProviderToText, removeProviderFromText } from '../../src/ops/provider-table-edit.js';
import { providerTemplate } from '../../src/ops/provider-templates.js';

describe('provider tables', () => {
  it('adds a header table after the last provider, keeping comments', async () => {
    const text = '# top\n[providers.a]\ntype = "plain" # x\n\n# about secrets\n[secrets]\nK = { provider = "a", value = "v" }\n';
    const out = await addProviderToText(text, ['providers'], 'b', providerTemplate('aws-kms'), 'f.toml');
    expect(out).toBe('# top\n[providers.a]\ntype = "plain" # x\n\n[providers.b]\ntype = "aws-kms"\nregion = "us-east-1"\nkey_id = "alias/my-key"\n\n# about secrets\n[secrets]\nK = { provider = "a", value = "v" }\n');
  });

  it('appends when there is no provider table, creates profile sections, and falls back for inline tables', async () => {
    expect(await addProviderToText('', ['providers'], 'age', providerTemplate('age'), 'f')).toBe('[providers.age]\ntype = "age"\nrecipients = ["age1..."]\n');
    expect(await addProviderToText('root = true\n', ['profiles', 'prod', 'providers'], 'sm', providerTemplate('aws'), 'f')).toBe(
      'root = true\n\n[profiles.prod.providers.sm]\ntype = "aws-sm"\nregion = "us-east-1"\n',
    );
    const inline = await addProviderToText('providers = { a = { type = "plain" } }\n', ['providers'], 'b', providerTemplate('plain'), 'f');
    expect(inline).toContain('b = { type = "plain" }');
  });

  it('removes a provider and reports an absent one', async () => {
    const text = '[providers.a]\ntype = "plain"\n\n[providers.b]\ntype = "plain"\n';
    expect(await removeProviderFromText(text, ['providers'], 'a', 'f')).toBe('[providers.b]\ntype = "plain"\n');
    expect(await removeProviderFromText(text, ['providers'], 'zz', 'f')).toBeUndefined();
  });

  it('templates map short names and reject misuse', () => {
    expect(providerTemplate('gcp')).toEqual({ type: 'gcp-sm', project: 'my-project' });
    expect(providerTemplate('proton-pass', 'Personal')).toEqual({ type: 'proton-pass', vault: 'Personal' });
    expect(() => providerTemplate('vault', 'x')).toThrow("--vault is only supported for provider type 'proton-pass'");
    expect(() => providerTemplate('fido2')).toThrow(/hardware/);
  });
});
