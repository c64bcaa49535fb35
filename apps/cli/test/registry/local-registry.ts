import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runServer } from 'verdaccio';
import { mustSucceed, runCommand } from '@fnox/test-kit';

/**
 * A real npm registry (verdaccio) on loopback, in this process, with its storage in `dir`.
 *
 * Our own names (`@fnox/*`, `fnox-provider-*`) are served only from local storage: no uplink, so a
 * missing publish fails the install instead of being papered over by an upstream package of the same
 * name. Everything else (AWS SDK, oclif, age-encryption...) comes through the uplink, which is the
 * registry npm is configured with on this machine, read at run time, as a user's npm would.
 */
export interface LocalRegistry {
  /** `http://127.0.0.1:PORT/` */
  readonly url: string;
  /** npmrc for installs: the registry, anonymous, no audit/fund/update checks. */
  readonly npmrc: string;
  /** npmrc for publishing: the same plus a token of a user created on this registry. */
  readonly publishNpmrc: string;
  /** Environment variables that point npm (and oclif's plugin installer, which runs npm) at it. */
  npmEnv(npmrc?: string): NodeJS.ProcessEnv;
  /** Fail with a clear reason when a third-party package cannot come through the uplink. */
  assertUplink(name: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The uplink as npm itself is configured on this machine, read at run time (never written down):
 * its registry, and the TLS and proxy settings npm uses to reach it. The CA file matters: npm reads
 * it from its config, while this process may run without NODE_EXTRA_CA_CERTS (turbo's strict env
 * drops it), and verdaccio would then fail every upstream request with a bare 404.
 */
async function npmUplink(): Promise<Record<string, unknown>> {
  const keys = ['registry', 'cafile', 'strict-ssl', 'https-proxy', 'proxy'];
  const { stdout } = mustSucceed(await runCommand('npm', ['config', 'get', ...keys], { env: process.env, timeoutMs: 60_000 }), 'npm config get');
  const npm = new Map<string, string>();
  for (const line of stdout.split('\n')) {
    const at = line.indexOf('=');
    const value = line.slice(at + 1).trim();
    if (at > 0 && value !== '' && value !== 'null' && value !== 'undefined') npm.set(line.slice(0, at).trim(), value);
  }
  const registry = npm.get('registry');
  if (!registry || !/^https?:\/\//.test(registry)) throw new Error(`npm reports no registry URL (got ${JSON.stringify(registry)})`);
  const cafile = npm.get('cafile');
  return {
    url: registry.endsWith('/') ? registry : `${registry}/`,
    timeout: '120s',
    max_fails: 5,
    ...(cafile ? { ca: readFileSync(cafile, 'utf8') } : {}),
    ...(npm.get('strict-ssl') === 'false' ? { strict_ssl: false } : {}),
    ...(npm.get('https-proxy') ? { https_proxy: npm.get('https-proxy') } : {}),
    ...(npm.get('proxy') ? { http_proxy: npm.get('proxy') } : {}),
  };
}

/** Start the registry. `cacheDir` is the npm cache every npm run against it shares. */
export async function startLocalRegistry(dir: string, cacheDir: string): Promise<LocalRegistry> {
  mkdirSync(dir, { recursive: true });
  const local = { access: '$all', publish: '$authenticated', unpublish: '$authenticated' };
  const server = (await runServer({
    self_path: join(dir, 'config.yaml'),
    storage: join(dir, 'storage'),
    auth: { htpasswd: { file: join(dir, 'htpasswd'), max_users: 1 } },
    uplinks: { upstream: await npmUplink() },
    // First match wins: our scope and the third-party provider prefix never reach the uplink.
    packages: { '@fnox/*': local, 'fnox-provider-*': local, '**': { ...local, proxy: 'upstream' } },
    // JWT tokens: the legacy token makes verdaccio verify the bcrypt password on every request.
    security: { api: { jwt: { sign: { expiresIn: '4h' } } }, web: { sign: { expiresIn: '4h' } } },
    web: { enable: false },
    log: { type: 'stdout', format: 'pretty', level: 'error' },
    max_body_size: '50mb',
  } as never)) as unknown as Server;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/`;

  // A user registered on this registry, as `npm adduser` would do it.
  const response = await fetch(`${url}-/user/org.couchdb.user:fnox-publisher`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'fnox-publisher', password: 'loopback-only-test-password' }),
  });
  const { token } = (await response.json()) as { token?: string };
  if (!response.ok || !token) throw new Error(`registry user creation failed: HTTP ${response.status}`);

  const base = [`registry=${url}`, 'audit=false', 'fund=false', 'update-notifier=false', 'loglevel=warn', ''].join('\n');
  const npmrc = join(dir, 'install.npmrc');
  const publishNpmrc = join(dir, 'publish.npmrc');
  writeFileSync(npmrc, base);
  writeFileSync(publishNpmrc, `${base}//127.0.0.1:${port}/:_authToken=${token}\n`, { mode: 0o600 });

  return {
    url,
    npmrc,
    publishNpmrc,
    npmEnv: (rc = npmrc) => ({
      // userconfig replaces ~/.npmrc; the registry variable also beats any global npmrc.
      npm_config_userconfig: rc,
      npm_config_registry: url,
      npm_config_cache: cacheDir,
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      npm_config_update_notifier: 'false',
    }),
    assertUplink: async (name) => {
      const response = await fetch(`${url}${name.replace('/', '%2f')}`);
      // verdaccio answers 404 for anything it could not fetch upstream, whatever the cause.
      if (!response.ok) throw new Error(`the registry's uplink (npm's configured registry) did not serve ${name}: HTTP ${response.status}`);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
