// Benchmark: 100 aws-sm secrets resolved the way core's batch resolver does it (one getMany per
// provider instance), against the emulator with 20 ms latency per request. The emulator runs in
// its own process, as AWS would, so its work is not billed to fnox.
// DESIGN target: <= 5 BatchGetSecretValue calls for 100 secrets.
// Run after building: pnpm turbo run build --filter=@fnox/provider-secrets-manager; node bench/secrets-manager.mjs
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { default: provider } = await import(join(root, 'packages/provider-secrets-manager/dist/provider.js'));

const SECRETS = 100;
const LATENCY_MS = Number(process.env.LATENCY_MS ?? 20);
const ROUNDS = Number(process.env.ROUNDS ?? 10);
const TARGET_CALLS = 5;

/** Start `fnox-aws-emulator` in a child process (AWS is remote: its SigV4 and crypto work must not be billed to fnox) on a free loopback port; resolves once it prints its URL. */
async function startEmulatorProcess(root) {
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

const emu = await startEmulatorProcess(root);
try {
  await emu.control('POST', 'seed', {
    secrets: Array.from({ length: SECRETS }, (_, i) => ({ name: `bench/secret-${i}`, secretString: `value-${i}-${'x'.repeat(40)}` })),
  });
  await emu.control('POST', 'latency', { ms: LATENCY_MS });
  const context = () => ({
    name: 'sm', configFile: undefined, configDir: root, env: emu.env, globalConfigDir: '/nonexistent',
    signal: new AbortController().signal, log: { debug() {}, warn: (m) => console.error(m) }, options: {},
    resolveSecret: async () => { throw new Error('unused'); },
  });
  const config = { region: 'us-east-1', prefix: 'bench/', endpoint: emu.url };
  const requests = Array.from({ length: SECRETS }, (_, i) => ({ key: `SECRET_${i}`, value: `secret-${i}` }));
  const ms = (from) => Number(process.hrtime.bigint() - from) / 1e6;
  const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

  async function round() {
    const instance = await provider.create(config, context());
    await emu.control('DELETE', 'requests');
    const cpu0 = process.cpuUsage();
    const start = process.hrtime.bigint();
    const outcomes = await instance.getMany(requests);
    const wall = ms(start);
    const cpuUsed = process.cpuUsage(cpu0);
    await instance.dispose();
    const failed = [...outcomes.values()].filter((o) => !o.ok).length;
    if (failed > 0) throw new Error(`${failed} secrets failed`);
    const calls = await emu.control('GET', 'requests?service=secretsmanager');
    return { wall, cpu: (cpuUsed.user + cpuUsed.system) / 1000, batchCalls: calls.filter((c) => c.operation === 'BatchGetSecretValue').length, otherCalls: calls.filter((c) => c.operation !== 'BatchGetSecretValue').length, ids: calls.map((c) => c.resources.length) };
  }

  const first = await round(); // includes importing @aws-sdk/client-secrets-manager
  const rounds = [];
  for (let i = 0; i < ROUNDS; i++) rounds.push(await round());
  const wall = median(rounds.map((r) => r.wall));
  const calls = rounds[0].batchCalls;
  console.log(`aws-sm: ${SECRETS} secrets, ${LATENCY_MS} ms emulator latency; fresh provider instance (new client, new connections) per round`);
  console.log(`  first round (incl. SDK import):   ${first.wall.toFixed(1)} ms`);
  console.log(`  getMany, median of ${ROUNDS} rounds:     ${wall.toFixed(1)} ms  (min ${Math.min(...rounds.map((r) => r.wall)).toFixed(1)}, max ${Math.max(...rounds.map((r) => r.wall)).toFixed(1)})`);
  console.log(`  fnox CPU during getMany (median): ${median(rounds.map((r) => r.cpu)).toFixed(1)} ms`);
  console.log(`  BatchGetSecretValue calls:        ${calls} (ids per call: ${rounds[0].ids.join(', ')}; other calls: ${rounds[0].otherCalls})  target <= ${TARGET_CALLS}: ${calls <= TARGET_CALLS ? 'met' : 'MISSED'}`);
  console.log(`  machine load average (1 min):     ${loadavg()[0].toFixed(1)} (timings are only comparable at similar load)`);

  // End to end: `fnox export` with the plugin linked into a throw-away data dir, as a user would run it.
  const cli = join(root, 'apps/cli/bin/run.js');
  const dir = mkdtempSync(join(tmpdir(), 'fnox-bench-sm-'));
  try {
    const env = { ...process.env, ...emu.env, XDG_DATA_HOME: join(dir, 'data'), XDG_CONFIG_HOME: join(dir, 'config'), XDG_CACHE_HOME: join(dir, 'cache'),
      FNOX_CONFIG_DIR: join(dir, 'fnox'), OCLIF_SKIP_NEW_VERSION_CHECK: 'true', OCLIF_DISABLE_LINKED_ESM_WARNING: '1' };
    const link = spawnSync(process.execPath, [cli, 'plugins', 'link', '--no-install', join(root, 'packages/provider-secrets-manager')], { cwd: dir, env, encoding: 'utf8' });
    if (link.status !== 0) throw new Error(`plugins link failed: ${link.stderr}`);
    const lines = requests.map((r) => `${r.key} = { provider = "sm", value = "${r.value}" }`);
    writeFileSync(join(dir, 'fnox.toml'), `[providers.sm]\ntype = "aws-sm"\nregion = "us-east-1"\nprefix = "bench/"\n\n[secrets]\n${lines.join('\n')}\n`);
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
    for (let i = 0; i < ROUNDS; i++) {
      node.push(timed(['-e', '0']));
      await emu.control('DELETE', 'requests');
      exported.push(timed([cli, 'export', '-f', 'json']));
    }
    const batchCalls = (await emu.control('GET', 'requests?service=secretsmanager&operation=BatchGetSecretValue')).length;
    console.log(`  fnox export -f json (${SECRETS} secrets, plugin linked), median of ${ROUNDS}: ${median(exported).toFixed(1)} ms = ${(median(exported) / median(node)).toFixed(2)}x node -e 0 (${median(node).toFixed(1)} ms); ${batchCalls} BatchGetSecretValue calls`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
} finally {
  await emu.stop();
}
