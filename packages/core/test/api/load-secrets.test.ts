import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { loadSecrets } from '../../src/api/load-secrets.js';
import { isFnoxError } from '../../src/errors.js';
import type { Logger } from '../../src/session.js';
import { providerPackage, tree } from './support.js';

const FNOX_TOML = `
if_missing = "warn"

[providers.rev]
type = "reverse"

[providers.plain]
type = "plain"

[secrets]
GREETING = { provider = "rev", value = "olleh" }
PLAIN = { provider = "plain", value = "bee" }
HIDDEN = { provider = "plain", value = "hidden-value", env = false }
EXEC_ONLY = { provider = "plain", value = "exec-value", env = "exec" }
OPTIONAL = { description = "absent, warns" }
FROM_DEFAULT = { default = "dflt" }
AS_FILE = { provider = "plain", value = "file-content", as_file = true }

[profiles.prod.secrets]
GREETING = { provider = "plain", value = "prod-greeting" }
`;

const root = tree({
  'package.json': JSON.stringify({ name: 'app', private: true, dependencies: { 'fnox-provider-reverse': '1.0.0' } }),
  'fnox.toml': FNOX_TOML,
  'src/.keep': '',
  ...providerPackage('fnox-provider-reverse', 'reverse'),
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const touched = ['GREETING', 'PLAIN', 'FROM_DEFAULT', 'AS_FILE'];
afterEach(() => {
  for (const key of touched) delete process.env[key];
});

function capture(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, warn: (m) => lines.push(m), debug: () => {}, info: (m) => lines.push(m) };
}

const base = { cwd: join(root, 'src'), env: { TMPDIR: root } };

describe('loadSecrets', () => {
  it('resolves like fnox export: env = true secrets, missing ones left out (with the warning), providers from dependencies', async () => {
    const logger = capture();
    const secrets = await loadSecrets({ ...base, logger });
    expect(Object.keys(secrets)).toEqual(['GREETING', 'PLAIN', 'FROM_DEFAULT', 'AS_FILE']);
    expect(secrets).toMatchObject({ GREETING: 'hello', PLAIN: 'bee', FROM_DEFAULT: 'dflt' });
    expect(secrets.AS_FILE).toMatch(new RegExp(`^${root}/fnox-export-`));
    expect(logger.lines.join('\n')).toContain('OPTIONAL');
    expect(logger.lines.join('\n')).not.toMatch(/hello|bee|dflt/);
  });

  it('writes nothing to process.env unless asked', async () => {
    await loadSecrets(base);
    expect(process.env.GREETING).toBeUndefined();
  });

  it('with all, includes env = false and env = "exec" secrets', async () => {
    const secrets = await loadSecrets({ ...base, all: true, logger: capture() });
    expect(secrets).toMatchObject({ HIDDEN: 'hidden-value', EXEC_ONLY: 'exec-value' });
  });

  it('applies a profile given as an option or through FNOX_PROFILE', async () => {
    expect((await loadSecrets({ ...base, profile: 'prod', logger: capture() })).GREETING).toBe('prod-greeting');
    expect((await loadSecrets({ ...base, env: { ...base.env, FNOX_PROFILE: 'prod' }, logger: capture() })).GREETING).toBe('prod-greeting');
  });

  it('takes the environment fallback from `env`, not process.env', async () => {
    process.env.OPTIONAL = 'from-process-env';
    try {
      const secrets = await loadSecrets({ ...base, env: { ...base.env, OPTIONAL: 'from-option' } });
      expect(secrets.OPTIONAL).toBe('from-option');
    } finally {
      delete process.env.OPTIONAL;
    }
  });

  it('injects into process.env on request, overriding by default, or keeping existing values', async () => {
    process.env.PLAIN = 'already-set';
    await loadSecrets({ ...base, inject: { override: false }, logger: capture() });
    expect(process.env.PLAIN).toBe('already-set');
    expect(process.env.GREETING).toBe('hello');
    await loadSecrets({ ...base, inject: true, logger: capture() });
    expect(process.env.PLAIN).toBe('bee');
  });

  it('fails with a FnoxError under if_missing = error, naming the secret and no value', async () => {
    const error = await loadSecrets({ ...base, ifMissing: 'error', logger: capture() }).catch((e: unknown) => e);
    expect(isFnoxError(error)).toBe(true);
    const text = `${(error as Error).message}\n${(error as { details: string[] }).details.join('\n')}`;
    expect(text).toContain('OPTIONAL');
    expect(text).not.toMatch(/hello|bee|dflt/);
  });

  it('reports a provider type no dependency provides: a warning by default, an error under if_missing = error', async () => {
    const logger = capture();
    const secrets = await loadSecrets({ ...base, discoverProviders: false, logger });
    expect(secrets).not.toHaveProperty('GREETING');
    expect(logger.lines).toContain("WARN Error resolving secret 'GREETING': Unknown provider type 'reverse'");
    const error = await loadSecrets({ ...base, discoverProviders: false, ifMissing: 'error', logger: capture() }).catch((e: unknown) => e);
    expect(isFnoxError(error)).toBe(true);
  });

  it('reports a missing config like the CLI', async () => {
    const empty = tree({ 'package.json': '{"name":"empty"}' });
    try {
      writeFileSync(join(empty, 'x'), '');
      const error = await loadSecrets({ cwd: empty, env: { HOME: empty, XDG_CONFIG_HOME: empty } }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'config_not_found' });
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
