/** `fnox ci-redact` (upstream's command): GitHub Actions mask lines, clear errors elsewhere. */
import { afterAll, describe, expect, it } from 'vitest';
import { PLAIN, projects } from './secrets-helpers.js';

const make = projects(afterAll);

const CONFIG =
  'root = true\n' +
  PLAIN +
  'SECRET_ONE = { default = "secret-value-1" }\n' +
  'PASSWORD = { provider = "plain", value = "super-secret-password" }\n' +
  'PERCENT = { default = "50%25off" }\n' +
  'PEM = { default = "line one\\nline two" }\n' +
  'EMPTY = { default = "" }\n';
const GITHUB = { CI: 'true', GITHUB_ACTIONS: 'true' };

describe('fnox ci-redact', () => {
  it('prints ::add-mask:: for each single-line value on GitHub Actions and warns about multi-line ones', async () => {
    const r = await make(CONFIG).run(['ci-redact'], { env: GITHUB });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('::add-mask::secret-value-1\n::add-mask::super-secret-password\n::add-mask::50%2525off\n');
    expect(r.stderr).toBe(
      "Warning: Secret 'PEM' contains newlines and cannot be fully redacted in CI logs. Consider using a secret manager or storing multiline secrets outside fnox config.\n",
    );
    expect(r.stderr).not.toContain('line one');
  });

  it('fails outside CI, and on CI systems without runtime masking', async () => {
    const box = make(CONFIG);
    const local = await box.run(['ci-redact']);
    expect(local.code).toBe(1);
    expect(local.stdout).toBe('');
    expect(local.stderr).toMatch(
      /^error: Not running in a CI environment\. The ci-redact command is only for CI\/CD pipelines\. \(fnox::config::error\)\nhint: /,
    );
    const gitlab = await box.run(['ci-redact'], { env: { CI: 'true', GITLAB_CI: 'true' } });
    expect(gitlab.code).toBe(1);
    expect(gitlab.stderr).toContain('GitLab CI does not support runtime secret masking. Configure masked variables in GitLab CI/CD settings.');
    const circle = await box.run(['ci-redact'], { env: { CI: 'true', CIRCLECI: 'true' } });
    expect(circle.stderr).toContain('CircleCI does not support runtime secret masking.');
    const unknown = await box.run(['ci-redact'], { env: { CI: 'true' } });
    expect(unknown.stderr).toContain('Running in CI but vendor is unknown. Cannot determine masking format.');
    for (const r of [gitlab, circle, unknown]) expect(r.stdout).toBe('');
  });

  it('a failing required secret fails the command; a failing optional one is skipped', async () => {
    const failing =
      'root = true\n[providers.age]\ntype = "age"\nrecipients = ["age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p"]\n[secrets]\nOK = { default = "fine-value" }\n';
    const optional = await make(`${failing}DB = { provider = "age", value = "YWdl", if_missing = "ignore" }\n`).run(['ci-redact'], { env: GITHUB });
    expect(optional.code).toBe(0);
    expect(optional.stdout).toBe('::add-mask::fine-value\n');
    const required = await make(`${failing}DB = { provider = "age", value = "YWdl", if_missing = "error" }\n`).run(['ci-redact'], { env: GITHUB });
    expect(required.code).toBe(1);
    expect(required.stdout).toBe('');
    expect(required.stderr).toContain('Age identity file not found');
  });
});
