// What the AWS provider benchmarks (kms.mjs, secrets-manager.mjs) share: the emulator in its own
// process, a provider context, medians, and the end-to-end `fnox export` run.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Milliseconds since `from` (a `process.hrtime.bigint()`). */
export const ms = (from) => Number(process.hrtime.bigint() - from) / 1e6;

/** The median of a list of numbers. */
export const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

/** Start `fnox-aws-emulator` in a child process (AWS is remote: its SigV4 and crypto work must not be billed to fnox) on a free loopback port; resolves once it prints its URL. */
export async function startEmulatorProcess(root) {
  const child = spawn(process.execPath, [join(root, 'packages/aws-emulator/dist/bin.js')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.once('exit', (code) => reject(new Error(`emulator exited (${code})`)));
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /listening on (\S+)/.exec(out);
      if (match) resolve(match[1]);
    });
  });
  const { hermeticAwsEnv } = await import(join(root, 'packages/aws-emulator/dist/index.js'));
  // The SDK reads process.env for anything a provider leaves unset: keep it off real profiles and IMDS.
  Object.assign(process.env, { AWS_EC2_METADATA_DISABLED: 'true', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' });
  return {
    url,
    env: hermeticAwsEnv(url, { base: {} }),
    async control(method, path, body) {
      const response = await fetch(`${url}/__emu/${path}`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      if (!response.ok) throw new Error(`emulator control ${method} ${path}: ${response.status} ${await response.text()}`);
      return response.json();
    },
    stop: () => new Promise((resolve) => { child.once('exit', resolve); child.kill('SIGTERM'); }),
  };
}

/** A provider context as core would pass it, with the emulator's environment. */
export function providerContext(name, root, env) {
  return {
    name, configFile: undefined, configDir: root, env, globalConfigDir: '/nonexistent',
    signal: new AbortController().signal, log: { debug() {}, warn: (m) => console.error(m) }, options: {},
    resolveSecret: async () => { throw new Error('unused'); },
  };
}

/**
 * End to end: `fnox export -f json` with the plugin linked into a throw-away data dir, as a user
 * would run it, interleaved with `node -e 0` for the ratio. Returns both medians in ms.
 */
export async function timeExport({ root, emu, plugin, toml, rounds }) {
  const cli = join(root, 'apps/cli/bin/run.js');
  const dir = mkdtempSync(join(tmpdir(), 'fnox-bench-aws-'));
  try {
    const env = { ...process.env, ...emu.env, XDG_DATA_HOME: join(dir, 'data'), XDG_CONFIG_HOME: join(dir, 'config'), XDG_CACHE_HOME: join(dir, 'cache'),
      FNOX_CONFIG_DIR: join(dir, 'fnox'), OCLIF_SKIP_NEW_VERSION_CHECK: 'true', OCLIF_DISABLE_LINKED_ESM_WARNING: '1',
      // The bench's own config sets `endpoint`, which fnox honours only in a trusted file (docs/security.md).
      FNOX_TRUSTED_CONFIG_PATHS: dir };
    // As in bench/run.mjs: this machine's NODE_EXTRA_CA_CERTS would add ~35 ms to both sides.
    delete env.NODE_EXTRA_CA_CERTS;
    const link = spawnSync(process.execPath, [cli, 'plugins', 'link', '--no-install', join(root, plugin)], { cwd: dir, env, encoding: 'utf8' });
    if (link.status !== 0) throw new Error(`plugins link failed: ${link.stderr}`);
    writeFileSync(join(dir, 'fnox.toml'), toml);
    const timed = (args) => {
      const start = process.hrtime.bigint();
      // Asynchronous emulator in another process: a synchronous spawn is fine here.
      const result = spawnSync(process.execPath, args, { cwd: dir, env, encoding: 'utf8' });
      if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr}`);
      return ms(start);
    };
    timed([cli, 'export', '-f', 'json']);
    const node = [];
    const exported = [];
    for (let i = 0; i < rounds; i++) {
      node.push(timed(['-e', '0']));
      await emu.control('DELETE', 'requests');
      exported.push(timed([cli, 'export', '-f', 'json']));
    }
    return { exported: median(exported), node: median(node) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
