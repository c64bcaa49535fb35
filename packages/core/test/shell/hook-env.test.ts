/** hookEnv/deactivate as functions: the text they return, applied by a real bash. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineProvider, fieldsSchema } from '@fnox/contract';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deactivate } from '../../src/ops/shell/deactivate.js';
import { hookEnv } from '../../src/ops/shell/hook-env.js';
import { createProviderRegistry } from '../../src/providers/registry.js';
import { createSession, type Logger } from '../../src/session.js';

let root: string;
let project: string;
let tmp: string;
let warnings: string[];

const logger: Logger = { warn: (m) => warnings.push(m), debug: () => {}, info: (m) => warnings.push(m) };

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'fnox-hook-test-'));
  project = join(root, 'project');
  tmp = join(root, 'tmp');
  mkdirSync(project);
  mkdirSync(tmp);
  warnings = [];
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function baseEnv(): NodeJS.ProcessEnv {
  // The test's own files are trusted (docs/security.md); trust itself is tested in test/trust and apps/cli/test/security.
  return { HOME: root, XDG_CONFIG_HOME: join(root, '.config'), TMPDIR: tmp, PATH: process.env.PATH, FNOX_SHELL: 'bash', FNOX_TRUSTED_CONFIG_PATHS: root };
}

/** Evaluate hook-env output in bash, as the hook does; return the resulting environment. */
function applyInBash(output: string, env: NodeJS.ProcessEnv, cwd = project): NodeJS.ProcessEnv {
  const result = spawnSync('/usr/bin/bash', ['--norc', '--noprofile', '-c', '__fnox_env_text() { :; }; eval "$__T_OUT"; unset __T_OUT; env -0'], {
    env: { ...env, __T_OUT: output },
    cwd,
    encoding: 'utf8',
  });
  expect(result.stderr).toBe('');
  const out: NodeJS.ProcessEnv = {};
  for (const entry of result.stdout.split('\0')) {
    const at = entry.indexOf('=');
    if (at > 0) out[entry.slice(0, at)] = entry.slice(at + 1);
  }
  for (const noise of ['_', 'SHLVL', 'PWD', 'OLDPWD']) delete out[noise];
  return out;
}

async function run(env: NodeJS.ProcessEnv, cwd = project, fingerprint = true) {
  const result = await hookEnv(createSession({ cwd, env, log: logger }), { shell: 'bash', fingerprint });
  return { ...result, env: applyInBash(result.stdout, env, cwd) };
}

describe('hookEnv', () => {
  it('loads, then exits early with only the fingerprint when nothing changed', async () => {
    writeFileSync(join(project, 'fnox.toml'), '[secrets]\nA = { default = "a" }\nB = { default = "b", env = false }\n');
    const first = await run(baseEnv());
    expect(first.env.A).toBe('a');
    expect(first.env.B).toBeUndefined();
    expect(first.stderr).toBe('fnox: +1 A from fnox.toml\n');
    const second = await run(first.env);
    expect(second.stdout).not.toMatch(/^export /m);
    expect(second.stdout).toContain('__fnox_fp_present=( ');
    expect(second.stderr).toBe('');
  });

  it('outside any project prints no set lines', async () => {
    const result = await run(baseEnv(), root);
    expect(result.stdout.match(/^export (\w+)/gm)).toEqual(['export __FNOX_SESSION']);
    expect(result.stderr).toBe('');
  });

  it('a broken config prints one line, unsets what was loaded, and does not throw', async () => {
    writeFileSync(join(project, 'fnox.toml'), '[secrets]\nA = { default = "a" }\n');
    const first = await run(baseEnv());
    writeFileSync(join(project, 'fnox.toml'), '[secrets\nA = {');
    const broken = await run(first.env);
    expect(broken.stderr.split('\n').filter(Boolean)).toHaveLength(2);
    expect(broken.stderr).toMatch(/^fnox: secrets not loaded: .*\nfnox: -1 A\n$/);
    expect(broken.env.A).toBeUndefined();
    expect(broken.env.__FNOX_SESSION).toBeDefined();
  });

  it('never lets a value it exported come back through the environment fallback', async () => {
    writeFileSync(join(project, 'fnox.toml'), '[secrets]\nX = { default = "old" }\n');
    const first = await run(baseEnv());
    expect(first.env.X).toBe('old');
    writeFileSync(join(project, 'fnox.toml'), '[secrets]\nX = { if_missing = "ignore" }\n');
    const second = await run(first.env);
    expect(second.env.X).toBeUndefined();
  });

  it('an FNOX_* secret is never exported and does not make every prompt reload', async () => {
    writeFileSync(join(project, 'fnox.toml'), '[secrets]\nFNOX_TOKEN = { default = "t" }\nA = { default = "a" }\n');
    const first = await run({ ...baseEnv(), FNOX_ALLOW_ENV_NAMES: 'FNOX_TOKEN,FNOX_*' });
    expect([first.env.FNOX_TOKEN, first.env.A]).toEqual([undefined, 'a']);
    expect(first.stderr).toContain("fnox: secret 'FNOX_TOKEN' is not exported: FNOX_* variables configure fnox itself");
    const second = await run(first.env);
    expect(second.stdout).not.toMatch(/^export /m);
  });

  it('standalone output: no fingerprint lines, and nothing at all when nothing changed', async () => {
    writeFileSync(join(project, 'fnox.toml'), '[secrets]\nA = { default = "a" }\n');
    const first = await run(baseEnv(), project, false);
    expect(first.stdout).not.toContain('__fnox');
    expect(first.env.A).toBe('a');
    const second = await run(first.env, project, false);
    expect(second.stdout).toBe('');
    expect(readdirSync(tmp)).toEqual([]); // no stamp directory for a standalone run
  });

  it('leaving restores the values it replaced, exactly, and leaves unset what was unset', async () => {
    writeFileSync(join(project, 'fnox.toml'), '[secrets]\nDATABASE_URL = { default = "fnox-db" }\nNEW = { default = "n" }\nEMPTY = { default = "e" }\n');
    const user = { ...baseEnv(), DATABASE_URL: "postgres://me@localhost/my db'x", EMPTY: '' };
    const inside = await run(user);
    expect([inside.env.DATABASE_URL, inside.env.NEW, inside.env.EMPTY]).toEqual(['fnox-db', 'n', 'e']);
    expect(inside.env.__FNOX_SESSION).not.toContain('fnox-db');
    const left = await run(inside.env, root);
    expect([left.env.DATABASE_URL, left.env.NEW, left.env.EMPTY]).toEqual([user.DATABASE_URL, undefined, '']);
    // A value the user changed while inside is theirs: not restored, not unset.
    const again = await run(left.env);
    const changed = await run({ ...again.env, DATABASE_URL: 'mine-now' }, root);
    expect(changed.env.DATABASE_URL).toBe('mine-now');
  });

  it('as_file: a private fnox-hook-* file per value, replaced on change, deleted by deactivate', async () => {
    writeFileSync(join(project, 'fnox.toml'), '[secrets]\nF = { default = "one\\n", as_file = true }\n');
    const first = await run(baseEnv());
    const path1 = first.env.F!;
    expect(path1.startsWith(join(tmp, 'fnox-hook-'))).toBe(true);
    expect(readFileSync(path1, 'utf8')).toBe('one\n');
    expect(statSync(path1).mode & 0o777).toBe(0o600);
    expect(first.env.__FNOX_SESSION).not.toContain('one');

    writeFileSync(join(project, 'fnox.toml'), '[secrets]\nF = { default = "two", as_file = true }\n');
    const second = await run(first.env);
    const path2 = second.env.F!;
    expect(path2).not.toBe(path1);
    expect(readFileSync(path2, 'utf8')).toBe('two');
    expect(existsSync(path1)).toBe(false);

    const teardown = deactivate(second.env);
    expect(teardown).toMatch(/^unset F\n/);
    expect(teardown).toContain('unset -f fnox _fnox_hook');
    expect(existsSync(path2)).toBe(false);
    expect(readdirSync(tmp)).toEqual([]); // stamps directory gone too
  });

  it('deactivate without activation is an error with a hint', () => {
    expect(() => deactivate({})).toThrow('fnox is not activated in this shell session.');
  });
});

describe('the hook deadline', () => {
  const fixtures = new URL('../registry-fixtures/', import.meta.url);
  /** A registry whose `counted` provider answers after `delayMs` (never, when undefined). */
  async function registryAnswering(delayMs: number | undefined) {
    const definition = defineProvider({
      type: 'counted',
      mode: 'read',
      configSchema: fieldsSchema({ prefix: { kind: 'string', required: true } }),
      create: () => ({
        get: ({ value }: { value: string }) =>
          new Promise<string>((resolve) => {
            if (delayMs !== undefined) setTimeout(() => resolve(`got-${value}`), delayMs);
          }),
      }),
    });
    return createProviderRegistry({
      plugins: [
        {
          name: 'fnox-provider-counted',
          version: '1.0.0',
          root: new URL('counted', fixtures).pathname,
          type: 'user',
          pjson: { fnox: { contract: 1, providers: { counted: { entry: './provider.js', mode: 'read' } } } },
        },
      ],
      importModule: async () => ({ default: definition }),
    });
  }

  it('a hanging provider keeps the previous environment and says so; FNOX_HOOK_TIMEOUT sets the deadline', async () => {
    writeFileSync(join(project, 'fnox.toml'), '[providers.c]\ntype = "counted"\nprefix = "x"\n\n[secrets]\nA = { provider = "c", value = "v" }\n');
    const env = { ...baseEnv(), FNOX_HOOK_TIMEOUT: '0.3', KEPT: 'previous' };
    const started = Date.now();
    const hung = await hookEnv(createSession({ cwd: project, env, log: logger, registry: await registryAnswering(undefined) }), { shell: 'bash' });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(hung.timedOut).toBe(true);
    expect(hung.stdout).toBe('');
    expect(hung.stderr).toContain('fnox: secrets not reloaded: loading took longer than 0.3s (FNOX_HOOK_TIMEOUT); keeping the previous environment');
    // Positive control: a provider that answers within the deadline loads.
    const answered = await hookEnv(createSession({ cwd: project, env, log: logger, registry: await registryAnswering(50) }), { shell: 'bash' });
    expect(answered.timedOut).toBeUndefined();
    expect(answered.stdout).toContain('export A=got-v\n');
  });
});
