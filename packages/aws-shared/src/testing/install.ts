/**
 * Selective install, as a user does it: `pnpm pack` tarballs, a fresh npm prefix with the CLI and
 * its workspace dependencies, then `fnox plugins install file:<provider tarball>`. Third-party
 * packages come from npm's cache or the registry of npm's own default config (`--prefer-offline`).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { REPO_ROOT } from '@fnox/test-kit';

export { REPO_ROOT };

/** The CLI's workspace packages that a user would get from the registry along with it. */
const CLI_PACKAGES = ['packages/contract', 'packages/core', 'packages/provider-age', 'apps/cli'];

/** Result of one command. */
export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run a command asynchronously (an in-process emulator must keep answering). */
export function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string; timeout?: number } = {}): Promise<RunResult> {
  return new Promise((done) => {
    const child = execFile(
      command,
      args,
      { cwd: options.cwd, env: options.env, timeout: options.timeout ?? 300_000, maxBuffer: 32 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => done({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(options.input ?? '');
  });
}

/** Why the install test cannot run here, or undefined when it can. */
export async function installBlocker(pluginDir: string): Promise<string | undefined> {
  for (const dir of [...CLI_PACKAGES, pluginDir]) {
    if (!existsSync(join(REPO_ROOT, dir, 'dist'))) return `${dir} is not built (run the turbo build first)`;
  }
  if ((await run('pnpm', ['--version'])).code !== 0) return 'pnpm is not on PATH';
  return undefined;
}

/** A fnox installed from tarballs into a temporary prefix, with one provider plugin added. */
export interface InstalledFnox {
  readonly dir: string;
  /** `node_modules` of the npm prefix holding the CLI. */
  readonly cliModules: string;
  /** oclif's data dir (`$XDG_DATA_HOME/fnox`), where user plugins are installed. */
  readonly pluginModules: string;
  /** The environment fnox runs with: isolated XDG dirs and fnox config dir. */
  readonly env: NodeJS.ProcessEnv;
  fnox(args: string[], options?: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string }): Promise<RunResult>;
  cleanup(): void;
}

function tarball(dir: string, prefix: string): string {
  const found = readdirSync(dir).find((f) => f.startsWith(prefix) && f.endsWith('.tgz'));
  if (!found) throw new Error(`no ${prefix}*.tgz in ${dir}`);
  return join(dir, found);
}

function check(result: RunResult, what: string): void {
  if (result.code !== 0) throw new Error(`${what} failed (${result.code}):\n${result.stderr.slice(-3000)}`);
}

/** Pack, install the CLI into a fresh prefix, then `fnox plugins install file:<plugin tarball>`. */
export async function installFnoxWithPlugin(pluginDir: string): Promise<InstalledFnox> {
  const dir = mkdtempSync(join(tmpdir(), 'fnox-selective-install-'));
  const packs = join(dir, 'packs');
  const prefix = join(dir, 'prefix');
  const data = join(dir, 'xdg-data');
  for (const d of [packs, prefix, join(data, 'fnox')]) mkdirSync(d, { recursive: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    XDG_DATA_HOME: data,
    XDG_CONFIG_HOME: join(dir, 'xdg-config'),
    XDG_CACHE_HOME: join(dir, 'xdg-cache'),
    XDG_STATE_HOME: join(dir, 'xdg-state'),
    FNOX_CONFIG_DIR: join(dir, 'fnox-config'),
    OCLIF_SKIP_NEW_VERSION_CHECK: 'true',
    // npm keeps its own default config (registry, cache); it should prefer the cache.
    npm_config_prefer_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  // pnpm pack rewrites workspace:* ranges to real versions, as a publish would.
  for (const pkg of [...CLI_PACKAGES, pluginDir]) check(await run('pnpm', ['pack', '--pack-destination', packs], { cwd: join(REPO_ROOT, pkg), env }), `pnpm pack ${pkg}`);
  const contract = tarball(packs, 'fnox-contract-');
  writeFileSync(join(prefix, 'package.json'), '{ "private": true }\n');
  const cliTarballs = ['fnox-contract-', 'fnox-core-', 'fnox-provider-age-', 'fnox-cli-'].map((p) => tarball(packs, p));
  check(await run('npm', ['install', '--no-save', ...cliTarballs], { cwd: prefix, env }), 'npm install of the CLI');
  // The plugin's peer @fnox/contract would come from the registry once published; until then the
  // data dir gets it from its tarball, as if it had been fetched.
  writeFileSync(
    join(data, 'fnox', 'package.json'),
    `${JSON.stringify({ private: true, oclif: { schema: 1, plugins: [] }, dependencies: { '@fnox/contract': `file:${contract}` } }, null, 2)}\n`,
  );
  const bin = join(prefix, 'node_modules', '.bin', 'fnox');
  const fnox = (args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {}) =>
    run(bin, args, { cwd: options.cwd ?? dir, env: options.env ?? env, ...(options.input === undefined ? {} : { input: options.input }) });
  const pluginTarball = tarball(packs, `fnox-${pluginDir.split('/').at(-1)}-`);
  check(await fnox(['plugins', 'install', `file:${pluginTarball}`]), 'fnox plugins install');
  return {
    dir,
    cliModules: join(prefix, 'node_modules'),
    pluginModules: join(data, 'fnox', 'node_modules'),
    env,
    fnox,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Every directory under `root` named `name` (symlinks not followed). */
export function findDirs(root: string, name: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const path = join(dir, entry.name);
      if (entry.name === name) found.push(path);
      walk(path);
    }
  };
  if (existsSync(root)) walk(root);
  return found;
}

/** Bytes of regular files under `root`. */
export function treeSize(root: string): number {
  let total = 0;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = resolve(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) total += statSync(path).size;
    }
  };
  if (existsSync(root)) walk(root);
  return total;
}
