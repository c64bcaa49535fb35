/**
 * The open provider catalog, black-box: a third party's provider (the example `env-file`, linked)
 * and ours (`aws-sm`, by the type name users write) go through the same doors — `provider add`
 * writes the template from the provider's own fields, `init` offers it on a real terminal and asks
 * its questions, `doctor` shows the provider's own `diagnose()` report, and `fnox schema` publishes
 * its fields. A known type that is not installed (`vault`) answers with its install command and
 * writes nothing. AWS traffic goes to the loopback emulator only.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, sandbox, type Sandbox } from '@fnox/test-kit';
import { startPty, type PtyRun } from '../helpers/pty.js';

const packages = fileURLToPath(new URL('../../../../packages/', import.meta.url));
const emulatorEntry = join(packages, 'aws-emulator', 'dist', 'index.js');
const envFilePlugin = join(REPO_ROOT, 'examples', 'provider-env-file');
const smPlugin = join(packages, 'provider-secrets-manager');

interface Emulator {
  url: string;
  stop(): Promise<void>;
}

let box: Sandbox;
let emulator: Emulator;
let env: NodeJS.ProcessEnv;
let pty: PtyRun | undefined;
const config = () => readFileSync(join(box.project, 'fnox.toml'), 'utf8');

beforeAll(async () => {
  const mod = (await import(pathToFileURL(emulatorEntry).href)) as {
    start(): Promise<Emulator>;
    hermeticAwsEnv(url: string, options: { base: NodeJS.ProcessEnv }): Record<string, string>;
  };
  emulator = await mod.start();
  box = sandbox();
  env = { ...mod.hermeticAwsEnv(emulator.url, { base: {} }), OCLIF_DISABLE_LINKED_ESM_WARNING: '1' };
  for (const plugin of [envFilePlugin, smPlugin]) {
    const linked = await box.run(['plugins', 'link', plugin, '--no-install'], { env, timeoutMs: 120_000 });
    expect(linked.code, linked.stderr).toBe(0);
  }
  writeFileSync(join(box.project, 'fnox.toml'), 'root = true\n');
  writeFileSync(join(box.project, '.env'), 'DATABASE_URL=postgres://app@db/app\n');
}, 240_000);

afterAll(async () => {
  pty?.stop();
  await emulator?.stop();
  box?.cleanup();
});

const fnox = (args: string[]) => box.run(args, { env, timeoutMs: 120_000 });

/** Answer each [question, answer] once the question is on screen, then wait for the end. */
async function converse(run: PtyRun, steps: readonly (readonly [RegExp, string])[]): Promise<{ code: number }> {
  for (const [question, answer] of steps) {
    await run.waitForPrompt(question);
    run.answer(answer);
  }
  return run.exit();
}

describe('the open provider catalog', { timeout: 240_000 }, () => {
  it('provider add: a linked third-party type and aws-sm get templates from their own fields', async () => {
    const local = await fnox(['provider', 'add', 'local', 'env-file']);
    expect(local.code, local.stderr).toBe(0);
    const sm = await fnox(['provider', 'add', 'sm', 'aws-sm']);
    expect(sm.code, sm.stderr).toBe(0);
    // `path` is env-file's `example`; `region` is aws-sm's. Nothing else is invented.
    expect(config()).toBe('root = true\n\n[providers.local]\ntype = "env-file"\npath = ".env"\n\n[providers.sm]\ntype = "aws-sm"\nregion = "us-east-1"\n');
  });

  it('a known type that is not installed answers with the install command and writes nothing', async () => {
    const before = config();
    const vault = await fnox(['provider', 'add', 'v', 'vault']);
    expect(vault.code).toBe(1);
    expect(vault.stderr).toContain("Provider type 'vault' (HashiCorp Vault) is not installed");
    expect(vault.stderr).toContain('fnox plugins install fnox-provider-vault');
    const keychain = await fnox(['provider', 'add', 'k', 'keychain']);
    expect(keychain.code).toBe(1);
    expect(keychain.stderr).toContain('hint: Install it with: fnox plugins install keychain (package @fnox/provider-keychain)');
    expect(config()).toBe(before);
  });

  it("doctor reports through each provider's diagnose() and passes when every provider works", async () => {
    writeFileSync(join(box.project, 'fnox.toml'), `${config()}\n[secrets]\nDATABASE_URL = { provider = "local", value = "DATABASE_URL" }\n`);
    const doctor = await fnox(['doctor']);
    expect(doctor.code, doctor.stdout + doctor.stderr).toBe(0);
    expect(doctor.stdout).toContain(`  local (env file):\n    → dotenv file: ${join(box.project, '.env')} (found) [used]\n`);
    expect(doctor.stdout).toContain('  sm (AWS credentials):\n    → AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY environment variables (found) [used]\n');
    expect(doctor.stdout).toContain('  local: Testing... ✓\n  sm: Testing... ✓\n');
    expect(await fnox(['get', 'DATABASE_URL'])).toMatchObject({ code: 0, stdout: 'postgres://app@db/app\n' });

    // The same report, failing: the env file is gone, so env-file's own check fails and so does doctor.
    writeFileSync(join(box.project, 'fnox.toml'), config().replace('path = ".env"', 'path = "missing.env"'));
    const failing = await fnox(['doctor']);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toContain(`    ⚠ Env file not found: ${join(box.project, 'missing.env')}\n`);
    expect(failing.stderr).toContain('error: 1 provider(s) failed the health check: local');
    writeFileSync(join(box.project, 'fnox.toml'), config().replace('path = "missing.env"', 'path = ".env"'));
  });

  it("fnox schema publishes both providers' fields", async () => {
    const printed = await fnox(['schema']);
    expect(printed.code, printed.stderr).toBe(0);
    const branches = JSON.parse(printed.stdout).$defs.provider.oneOf as { properties: Record<string, unknown> & { type: { const?: string } } }[];
    const branch = (type: string) => branches.find((b) => b.properties.type.const === type);
    expect(Object.keys(branch('env-file')!.properties)).toEqual(expect.arrayContaining(['type', 'path']));
    expect(Object.keys(branch('aws-sm')!.properties)).toEqual(expect.arrayContaining(['type', 'region', 'prefix', 'role_arn']));
  });

  it('init offers the linked env-file on a terminal, proposes the .env it finds, and tests the connection', async () => {
    pty = startPty(box, ['init', '-c', 'wizard-env.toml'], env);
    const steps: [RegExp, string][] = [
      [/Set up a provider now\? \[Y\/n\]:$/, ''],
      [/Choose \[1\]:$/, 'Local'],
      [/Choose \[1\]:$/, 'env-file'],
      [/dotenv file \(relative to fnox\.toml\) \[\.env\]:$/, ''],
      [/Provider name \[local\]:$/, 'dotenv'],
      [/Add an example secret\? \[y\/N\]:$/, ''],
    ];
    const { code } = await converse(pty, steps);
    const screen = pty.screen();
    expect(code, screen).toBe(0);
    expect(screen).toMatch(/Provider category:\n(.|\n)*Local \(age, env-file, plain\)/);
    expect(screen).toContain('Values are read from a dotenv file');
    expect(screen).toContain(`Found .env in ${box.project}`);
    expect(screen).toContain('✓ Connection successful');
    expect(readFileSync(join(box.project, 'wizard-env.toml'), 'utf8')).toBe(
      'default_provider = "dotenv"\n\n[providers.dotenv]\ntype = "env-file"\npath = ".env"\n',
    );
  });

  it('init offers aws-sm by its type name, re-asks its required region, and tests it against the emulator', async () => {
    pty = startPty(box, ['init', '-c', 'wizard-sm.toml'], env);
    const steps: [RegExp, string][] = [
      [/Set up a provider now\? \[Y\/n\]:$/, ''],
      [/Choose \[1\]:$/, 'Cloud Secrets Manager'],
      [/AWS region:$/, ''],
      [/AWS region:$/, 'us-east-1'],
      [/Secret name prefix \(optional\):$/, 'app/'],
      [/AWS profile \(optional\):$/, ''],
      [/IAM role ARN to assume \(optional\):$/, ''],
      [/Provider name \[sm\]:$/, ''],
      [/Add an example secret\? \[y\/N\]:$/, ''],
    ];
    const { code } = await converse(pty, steps);
    const screen = pty.screen();
    expect(code, screen).toBe(0);
    expect(screen).toContain('Provider type: aws-sm - AWS Secrets Manager');
    expect(screen).toContain('AWS region is required.');
    expect(screen).toContain('✓ Connection successful');
    expect(readFileSync(join(box.project, 'wizard-sm.toml'), 'utf8')).toBe(
      'default_provider = "sm"\n\n[providers.sm]\ntype = "aws-sm"\nregion = "us-east-1"\nprefix = "app/"\n',
    );
    expect(existsSync(join(box.home, '.config', 'fnox', 'age.txt'))).toBe(false);
  });

  it('the age key path is one resolver: set warns when no key exists, doctor names the same file, a key silences both', async () => {
    const { ageKeyPair } = await import('../commands/admin-helpers.js');
    const key = await ageKeyPair();
    const project = join(box.project, 'age-project');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(project);
    writeFileSync(join(project, 'fnox.toml'), `root = true\n\n[providers.age]\ntype = "age"\nrecipients = ["${key.recipient}"]\n`);
    const keyFile = join(box.home, '.config', 'fnox', 'age.txt');
    const set = await box.run(['set', 'TOKEN', 'tok-1', '-p', 'age'], { env, cwd: project });
    expect(set.code, set.stderr).toBe(0);
    expect(set.stderr).toContain(`Warning: No age identity found (the default identity file ${keyFile} does not exist)`);
    expect(set.stderr).toContain(`hint: Create one with: age-keygen -o ${keyFile}`);
    const doctor = await box.run(['doctor'], { env, cwd: project });
    expect(doctor.stdout).toContain(`    → default identity file: ${keyFile} (missing) [used]\n`);
    // With the key where doctor said, set is quiet and the value reads back.
    mkdirSync(join(box.home, '.config', 'fnox'), { recursive: true });
    writeFileSync(keyFile, `${key.identity}\n`, { mode: 0o600 });
    const quiet = await box.run(['set', 'TOKEN', 'tok-2', '-p', 'age'], { env, cwd: project });
    expect(quiet).toMatchObject({ code: 0, stderr: '' });
    expect(await box.run(['get', 'TOKEN'], { env, cwd: project })).toMatchObject({ code: 0, stdout: 'tok-2\n' });
    const found = await box.run(['doctor'], { env, cwd: project });
    expect(found.stdout).toContain(`    → default identity file: ${keyFile} (found) [used]\n`);
  });
});
