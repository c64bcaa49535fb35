/** The auth prompt (docs/configuration.md, "Authentication prompt") in single and batch resolution, with a fake terminal and command. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProviderConfig, SecretConfig } from '../../src/config/types.js';
import { authPromptEnabled } from '../../src/resolve/auth-prompt.js';
import { createResolver } from '../../src/resolve/resolver.js';
import { hookEnv } from '../../src/ops/shell/hook-env.js';
import { createSession, type GlobalOptions } from '../../src/session.js';
import { scriptedIO } from '../scripted-io.js';
import { newWorld, ssoRegistry, type World } from './auth-fake-world.js';
import { effective, session } from './helpers.js';

interface Setup {
  answer?: string;
  exitStatus?: number;
  /** The command exits 0 but does not actually log in. */
  noLogin?: boolean;
  tty?: boolean;
  env?: Record<string, string>;
  options?: GlobalOptions;
  promptAuth?: boolean;
  providers?: Record<string, ProviderConfig>;
  secrets?: Record<string, SecretConfig>;
}

function setup(opts: Setup = {}) {
  const world = newWorld();
  let asking = 0;
  const base = session({ env: opts.env ?? {}, options: opts.options ?? {} });
  const s = {
    ...base,
    registry: ssoRegistry(world),
    stdinIsTTY: opts.tty ?? true,
    io: {
      ...scriptedIO(),
      ask: async (question: string) => {
        world.questions.push(question);
        world.maxAsking = Math.max(world.maxAsking, ++asking);
        await new Promise((r) => setTimeout(r, 5));
        asking--;
        return opts.answer ?? 'y';
      },
    },
    runCommand: async (command: string) => {
      world.commands.push(command);
      const status = opts.exitStatus ?? 0;
      if (status === 0 && !opts.noLogin) world.logins.push(command);
      return status;
    },
  };
  const eff = effective({
    providers: opts.providers ?? { sso: { type: 'sso' } },
    secrets: opts.secrets ?? { K: { provider: 'sso', value: 'secret-k' } },
  });
  const merged = opts.promptAuth === undefined ? eff : { ...eff, merged: { ...eff.merged, promptAuth: opts.promptAuth } };
  const resolver = createResolver(s, merged);
  return { world, resolver, stderr: base.warnings, eff: merged, s };
}

async function one(opts: Setup = {}, key = 'K') {
  const t = setup(opts);
  try {
    const out = await t.resolver.resolveOne(key).catch((error: unknown) => ({ error: error as Error }));
    return { ...t, out };
  } finally {
    await t.resolver.dispose();
  }
}

const AUTH_LINE = "Authentication failed for provider 'sso': Fake SSO: authentication failed: token expired";

describe('auth prompt, single mode (get)', () => {
  it('accepted: runs the command, retries once with a fresh instance, returns the value', async () => {
    const { out, world, stderr } = await one();
    expect(out).toBe('SECRET-K');
    expect(stderr).toEqual([AUTH_LINE]);
    expect(world.questions).toEqual(['Run `fake-login --sso` to authenticate? [y/N] ']);
    expect(world.commands).toEqual(['fake-login --sso']);
    expect(world.gets).toEqual(['K', 'K']);
    expect(world.created).toBe(2);
  });

  it('never shows the value in the prompt or on stderr', async () => {
    const { world, stderr } = await one();
    expect([...world.questions, ...stderr].join('\n')).not.toMatch(/secret-k/i);
  });

  it('declined: the original error, the command never runs', async () => {
    const { out, world } = await one({ answer: 'n' });
    expect(out).toMatchObject({ error: { name: 'ProviderError', code: 'auth' } });
    expect(world.questions).toHaveLength(1);
    expect(world.commands).toEqual([]);
    expect(world.gets).toEqual(['K']);
  });

  it('command fails: its failure is noted, then the original error', async () => {
    const { out, world, stderr } = await one({ exitStatus: 3 });
    expect(out).toMatchObject({ error: { code: 'auth', message: 'Fake SSO: authentication failed: token expired' } });
    expect(stderr).toEqual([AUTH_LINE, 'Authentication command `fake-login --sso` failed (exit status 3)']);
    expect(world.gets).toEqual(['K']);
  });

  it('retries only once: still failing after the command → that error', async () => {
    const { out, world } = await one({ noLogin: true });
    expect(out).toMatchObject({ error: { code: 'auth' } });
    expect(world.gets).toEqual(['K', 'K']);
    expect(world.questions).toHaveLength(1);
  });

  it('auth_command in the provider table overrides the type default', async () => {
    const { world, out } = await one({ providers: { sso: { type: 'sso', auth_command: 'my-login', login: 'my-login' } } });
    expect(out).toBe('SECRET-K');
    expect(world.commands).toEqual(['my-login']);
  });

  it.each<[string, Setup]>([
    ['stdin is not a TTY', { tty: false }],
    ['--non-interactive', { options: { nonInteractive: true } }],
    ['FNOX_PROMPT_AUTH=0', { env: { FNOX_PROMPT_AUTH: '0' } }],
    ['FNOX_PROMPT_AUTH=off (anything but 1/true/yes)', { env: { FNOX_PROMPT_AUTH: 'off' } }],
    ['prompt_auth = false', { promptAuth: false }],
    ['auth_command = ""', { providers: { sso: { type: 'sso', auth_command: '' } } }],
  ])('no prompt when %s: the original error', async (_name, opts) => {
    const { out, world, stderr } = await one(opts);
    expect(out).toMatchObject({ error: { code: 'auth' } });
    expect(world.questions).toEqual([]);
    expect(world.commands).toEqual([]);
    expect(stderr).toEqual([]);
  });

  it('FNOX_PROMPT_AUTH beats prompt_auth', () => {
    const { s, eff } = setup({ promptAuth: false, env: { FNOX_PROMPT_AUTH: 'yes' } });
    expect(authPromptEnabled(s, eff)).toBe(true);
    const off = setup({ promptAuth: true, env: { FNOX_PROMPT_AUTH: 'no' } });
    expect(authPromptEnabled(off.s, off.eff)).toBe(false);
  });

  it('other provider errors never prompt', async () => {
    const { out, world } = await one({ providers: { p: { type: 'fake' } }, secrets: { K: { provider: 'p', value: 'fail:denied:no' } } });
    expect(out).toMatchObject({ error: { code: 'denied' } });
    expect(world.questions).toEqual([]);
  });
});

describe('auth prompt, batch mode (exec, export, list --values)', () => {
  const secrets: Record<string, SecretConfig> = {
    A: { provider: 'sso', value: 'a', if_missing: 'error' },
    B: { provider: 'sso', value: 'b', if_missing: 'error' },
    C: { provider: 'many', value: 'c', if_missing: 'error' },
    D: { provider: 'many', value: 'd', if_missing: 'error' },
    E: { default: 'plain-e' },
  };
  const providers: Record<string, ProviderConfig> = {
    sso: { type: 'sso', auth_command: 'login-a', login: 'login-a' },
    many: { type: 'sso-batch', auth_command: 'login-b', login: 'login-b' },
  };

  async function many(opts: Setup = {}) {
    const t = setup({ providers, secrets, ...opts });
    try {
      const out = await t.resolver.resolveMany(t.eff.secrets).catch((error: unknown) => ({ error: error as Error }));
      return { ...t, out };
    } finally {
      await t.resolver.dispose();
    }
  }

  it('one prompt per provider, every failed key of it retried', async () => {
    const { out, world } = await many();
    expect(out instanceof Map ? Object.fromEntries(out) : out).toEqual({ A: 'A', B: 'B', C: 'C', D: 'D', E: 'plain-e' });
    // Two keys per provider, yet one question each.
    expect([...world.questions].sort()).toEqual(['Run `login-a` to authenticate? [y/N] ', 'Run `login-b` to authenticate? [y/N] ']);
    expect([...world.commands].sort()).toEqual(['login-a', 'login-b']);
    expect(world.maxAsking).toBe(1);
    expect([...world.gets].sort()).toEqual(['A', 'A', 'B', 'B', 'C', 'C', 'D', 'D']);
  });

  it('declined: the failures are reported as without the prompt', async () => {
    const { out, world } = await many({ answer: 'no' });
    expect(out).toMatchObject({ error: { code: 'secrets_unresolved' } });
    expect(world.questions).toHaveLength(2);
    expect(world.commands).toEqual([]);
  });

  it('not a TTY: no prompt, failures as today', async () => {
    const { out, world } = await many({ tty: false });
    expect(out).toMatchObject({ error: { code: 'secrets_unresolved' } });
    expect(world.questions).toEqual([]);
    expect(world.gets).toEqual(['A', 'B', 'C', 'D']);
  });
});

describe('auth prompt and the shell hook', () => {
  it('hook-env never prompts, even with stdin on a terminal', async () => {
    const root = mkdtempSync(join(tmpdir(), 'fnox-auth-hook-'));
    try {
      writeFileSync(join(root, 'fnox.toml'), '[providers.sso]\ntype = "sso"\n\n[secrets]\nK = { provider = "sso", value = "k" }\n');
      const world: World = newWorld();
      const lines: string[] = [];
      const s = createSession({
        cwd: root,
        env: { HOME: root, XDG_CONFIG_HOME: join(root, '.config'), TMPDIR: root, FNOX_SHELL: 'bash', FNOX_TRUSTED_CONFIG_PATHS: root },
        registry: ssoRegistry(world),
        log: { warn: (m) => lines.push(m), debug: () => {}, info: (m) => lines.push(m) },
        stdinIsTTY: true,
        io: {
          ...scriptedIO(),
          ask: async (question) => {
            world.questions.push(question);
            return 'y';
          },
        },
        runCommand: async (command) => {
          world.commands.push(command);
          return 0;
        },
      });
      const result = await hookEnv(s, { shell: 'bash' });
      expect(world.gets).toEqual(['K']);
      expect(world.questions).toEqual([]);
      expect(world.commands).toEqual([]);
      expect(result.stdout).not.toContain('K=');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
