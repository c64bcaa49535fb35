import { describe, expect, it } from 'vitest';
import { addProviderToText, removeProviderFromText } from '../../src/ops/providers/provider-table-edit.js';
import { providerTemplate } from '../../src/ops/providers/provider-template.js';
import { ageLike, fakeRegistry, kmsLike, smLike } from './catalog-support.js';

const registry = fakeRegistry(ageLike(), kmsLike, smLike);
const template = (type: string, vault?: string) => providerTemplate(registry, type, vault);

describe('provider tables', () => {
  it('adds a header table after the last provider, keeping comments', async () => {
    const text = '# top\n[providers.a]\ntype = "plain" # x\n\n# about secrets\n[secrets]\nK = { provider = "a", value = "v" }\n';
    const out = await addProviderToText(text, ['providers'], 'b', await template('aws-kms'), 'f.toml');
    expect(out).toBe('# top\n[providers.a]\ntype = "plain" # x\n\n[providers.b]\ntype = "aws-kms"\nregion = "us-east-1"\nkey_id = "alias/my-key"\n\n# about secrets\n[secrets]\nK = { provider = "a", value = "v" }\n');
  });

  it('appends when there is no provider table, creates profile sections, and falls back for inline tables', async () => {
    expect(await addProviderToText('', ['providers'], 'age', await template('age'), 'f')).toBe('[providers.age]\ntype = "age"\nrecipients = ["age1..."]\n');
    expect(await addProviderToText('root = true\n', ['profiles', 'prod', 'providers'], 'sm', await template('aws'), 'f')).toBe(
      'root = true\n\n[profiles.prod.providers.sm]\ntype = "aws-sm"\nregion = "us-east-1"\n',
    );
    const inline = await addProviderToText('providers = { a = { type = "plain" } }\n', ['providers'], 'b', await template('plain'), 'f');
    expect(inline).toContain('b = { type = "plain" }');
  });

  it('removes a provider and reports an absent one', async () => {
    const text = '[providers.a]\ntype = "plain"\n\n[providers.b]\ntype = "plain"\n';
    expect(await removeProviderFromText(text, ['providers'], 'a', 'f')).toBe('[providers.b]\ntype = "plain"\n');
    expect(await removeProviderFromText(text, ['providers'], 'zz', 'f')).toBeUndefined();
  });

  it('templates come from the installed fields only: aliases map, a missing type names its install command, --vault needs a vault field', async () => {
    expect(await template('aws-sm')).toEqual({ type: 'aws-sm', region: 'us-east-1' });
    await expect(template('gcp')).rejects.toMatchObject({ message: expect.stringContaining("'gcp-sm'"), hint: expect.stringContaining('fnox plugins install fnox-provider-gcp-sm') });
    await expect(template('keychain')).rejects.toMatchObject({ hint: 'Install it with: fnox plugins install keychain (package @fnox/provider-keychain)' });
    await expect(template('plain', 'x')).rejects.toThrow('--vault is only supported for provider types with a `vault` field');
  });
});
