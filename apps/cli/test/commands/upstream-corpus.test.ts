/**
 * Upstream-shaped fnox.toml files (test/fixtures/upstream-corpus) mixing age, keychain and
 * password-store, resolved end to end by the built CLI with both provider plugins linked, against
 * a real Secret Service (gnome-keyring on a private dbus-run-session bus) and a real `pass` with a
 * throw-away gpg key. Values cross between fnox and the stores' own tools both ways.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandbox, type Sandbox } from '@fnox/test-kit';
import { HAVE_SECRET_SERVICE, startSecretService, type SecretService } from '../../../../packages/provider-keychain/test/support/secret-service.js';
import { HAVE_PASS, passFixture, type PassFixture } from '../../../../packages/provider-password-store/test/support/pass-fixture.js';
import { ageKeyPair } from './admin-helpers.js';

const packages = fileURLToPath(new URL('../../../../packages/', import.meta.url));
const corpus = fileURLToPath(new URL('../fixtures/upstream-corpus/', import.meta.url));
const plugins = ['provider-keychain', 'provider-password-store'].map((name) => join(packages, name));
const built = plugins.every((dir) => existsSync(join(dir, 'dist', 'provider.js')));
// Under CI the plugins are built first (turbo.json) and .ci/run installs the tools: never skip there.
if (process.env.CI && (!built || !HAVE_SECRET_SERVICE || !HAVE_PASS)) throw new Error('keychain/password-store plugins not built, or pass/gnome-keyring missing');

describe.skipIf(!built || !HAVE_SECRET_SERVICE || !HAVE_PASS)('upstream-shaped configs with age, keychain and password-store', () => {
  let box: Sandbox;
  let ss: SecretService;
  let pass: PassFixture;
  let env: Record<string, string>;
  let age: { identity: string; recipient: string };

  /** Copy a corpus file into the project with its age placeholders filled in. */
  async function useCorpus(name: string): Promise<void> {
    const { encryptToStoredValue, parseRecipients } = (await import('@fnox/provider-age')) as {
      encryptToStoredValue(text: string, recipients: unknown): Promise<string>;
      parseRecipients(recipients: readonly string[]): unknown;
    };
    let text = readFileSync(join(corpus, name), 'utf8').replaceAll('@@AGE_RECIPIENT@@', age.recipient);
    for (const [placeholder, plaintext] of [...text.matchAll(/@@AGE:(.*?)@@/g)].map((m) => [m[0], m[1]!] as const)) {
      text = text.replace(placeholder, await encryptToStoredValue(plaintext, parseRecipients([age.recipient])));
    }
    writeFileSync(join(box.project, 'fnox.toml'), text);
  }

  const exported = async (args: readonly string[] = []) => {
    const result = await box.run(['export', '-f', 'json', ...args], { env });
    expect(result.code, result.stderr).toBe(0);
    return (JSON.parse(result.stdout) as { secrets: Record<string, string> }).secrets;
  };

  beforeAll(async () => {
    [ss, age] = await Promise.all([startSecretService(), ageKeyPair()]);
    pass = passFixture();
    box = sandbox();
    env = {
      DBUS_SESSION_BUS_ADDRESS: ss.env.DBUS_SESSION_BUS_ADDRESS!,
      GNUPGHOME: pass.gnupgHome,
      PASSWORD_STORE_DIR: pass.storeDir,
      FNOX_AGE_KEY: age.identity,
    };
    for (const dir of plugins) {
      const linked = await box.run(['plugins', 'link', dir, '--no-install'], { timeoutMs: 120_000 });
      expect(linked.code, linked.stderr).toBe(0);
    }
  }, 240_000);

  afterAll(async () => {
    await ss?.stop();
    pass?.cleanup();
    box?.cleanup();
  });

  it('the corpus holds every shape this test resolves', () => {
    expect(readdirSync(corpus).filter((f) => f.endsWith('.toml'))).toHaveLength(4);
  });

  it('both plugins are linked and listed as store providers', async () => {
    const providers = await box.run(['providers']);
    expect(providers.stdout).toMatch(/keychain\s+OS keychain\s+store\s+@fnox\/provider-keychain@0\.1\.0\s+link/);
    expect(providers.stdout).toMatch(/password-store\s+password-store \(pass\)\s+store\s+@fnox\/provider-password-store@0\.1\.0\s+link/);
  });

  it('01: keychain entries stored by secret-tool and an age value resolve through get and exec', async () => {
    ss.secretTool(['store', '--label=gh', 'service', 'acme-cli', 'username', 'GITHUB_TOKEN'], 'ghp_fake_0123456789');
    ss.secretTool(['store', '--label=npm', 'service', 'acme-cli', 'username', 'NPM_TOKEN'], 'npm_fake_abcdef');
    await useCorpus('01-keychain-and-age.toml');
    expect(await box.run(['get', 'GITHUB_TOKEN'], { env })).toMatchObject({ code: 0, stdout: 'ghp_fake_0123456789\n' });
    const run = await box.run(['exec', '--', 'node', '-e', 'console.log([process.env.GITHUB_TOKEN, process.env.NPM_TOKEN, process.env.SENTRY_DSN].join("|"))'], { env });
    expect(run).toMatchObject({ code: 0, stdout: 'ghp_fake_0123456789|npm_fake_abcdef|https://public@sentry.example.invalid/42\n' });
  });

  it('02: pass entries made with pass insert resolve through default_provider and a prefix, multi-line whole', async () => {
    const pem = '-----BEGIN PRIVATE KEY-----\nMIIBVQIBADANBgkqhkiG9w0BAQEFAASCAT8wggE7AgEAAkEA\n-----END PRIVATE KEY-----';
    expect(pass.pass(['insert', '-e', 'acme/api/database-url'], 'postgres://api:pw@db/api\n').code).toBe(0);
    expect(pass.pass(['insert', '-e', 'acme/api/stripe'], 'sk_test_fake_4242\n').code).toBe(0);
    expect(pass.pass(['insert', '-m', 'acme/api/signing-key'], `${pem}\n`).code).toBe(0);
    await useCorpus('02-password-store-default.toml');
    expect(await exported()).toEqual({
      DATABASE_URL: 'postgres://api:pw@db/api',
      STRIPE_SECRET_KEY: 'sk_test_fake_4242',
      SIGNING_KEY: pem,
      LOG_LEVEL: 'info',
    });
  });

  it('03: fnox set writes the keychain and pass (read back by secret-tool and pass show); profiles swap providers', async () => {
    await useCorpus('03-mixed-profiles.toml');
    const kc = await box.run(['set', 'SESSION_SECRET'], { env, input: 'session-from-fnox' });
    expect(kc.code, kc.stderr).toBe(0);
    const ps = await box.run(['set', 'DATABASE_URL'], { env, input: 'postgres://web:pw@db/web\nsecond line' });
    expect(ps.code, ps.stderr).toBe(0);
    expect(ss.secretTool(['lookup', 'service', 'acme', 'username', 'web/session-secret']).stdout).toBe('session-from-fnox');
    expect(pass.pass(['show', 'acme/web/database-url']).stdout).toBe('postgres://web:pw@db/web\nsecond line');
    expect(await exported()).toEqual({
      SESSION_SECRET: 'session-from-fnox',
      DATABASE_URL: 'postgres://web:pw@db/web\nsecond line',
      ANALYTICS_KEY: 'ak_live_0123456789',
    });
    // The CI profile needs neither the keychain nor gpg for SESSION_SECRET.
    expect(await box.run(['get', 'SESSION_SECRET', '-P', 'ci'], { env: { FNOX_AGE_KEY: age.identity } })).toMatchObject({ code: 0, stdout: 'ci-session-secret\n' });
  });

  it('04: empty secret and provider names list as upstream lists them and resolve', async () => {
    ss.secretTool(['store', '--label=kc', 'service', 'acme', 'username', 'kc-entry'], 'kc-value');
    await useCorpus('04-empty-names.toml');
    const list = await box.run(['list'], { env });
    expect(list).toMatchObject({ code: 0, stderr: '' });
    const rows = list.stdout.trimEnd().split('\n').map((line) => line.trimEnd());
    expect(rows).toHaveLength(4);
    expect(rows[0]).toMatch(/^Key\s+Type\s+Provider Key\s+Description$/);
    expect(rows[1]).toMatch(/^\s+provider \(\)\s+YWdl/); // the empty key: an empty Key cell
    expect(rows[2]).toMatch(/^DEPLOY_KEY\s+provider \(\)\s+YWdl/);
    expect(rows[3]).toMatch(/^KC\s+provider \(keychain\)\s+kc-entry$/);
    expect(await box.run(['get', 'DEPLOY_KEY'], { env })).toMatchObject({ code: 0, stdout: 'deploy-key-value\n' });
    expect(await exported()).toEqual({ '': 'value of the empty key', DEPLOY_KEY: 'deploy-key-value', KC: 'kc-value' });
  });

  it('without a session bus, or with the keyring locked, the CLI fails with one clear line and a hint', async () => {
    await useCorpus('01-keychain-and-age.toml');
    const { DBUS_SESSION_BUS_ADDRESS: _bus, ...noBus } = env;
    const down = await box.run(['get', 'GITHUB_TOKEN'], { env: noBus });
    expect(down.code).not.toBe(0);
    expect(down.stderr).toMatch(/keychain: no Secret Service to read 'GITHUB_TOKEN' \(service 'acme-cli'\)/);
    expect(down.stderr).toMatch(/hint: .*dbus-run-session/);
    expect(down.stderr).not.toMatch(/\n\s+at /); // no stack
    ss.lock();
    const locked = await box.run(['get', 'GITHUB_TOKEN'], { env });
    expect(locked.code).not.toBe(0);
    expect(locked.stderr).toMatch(/keychain: the keychain is locked or refused access/);
    expect(locked.stderr).toMatch(/hint: Unlock the keyring/);
    expect(locked.stderr).not.toContain('ghp_fake');
  });
});
