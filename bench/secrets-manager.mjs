// Benchmark: 100 aws-sm secrets resolved the way core's batch resolver does it (one getMany per
// provider instance), against the emulator with 20 ms latency per request. The emulator runs in
// its own process, as AWS would, so its work is not billed to fnox.
// DESIGN target: <= 5 BatchGetSecretValue calls for 100 secrets.
// Run after building: pnpm turbo run build --filter=@fnox/provider-secrets-manager; node bench/secrets-manager.mjs
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadavg } from 'node:os';
import { median, ms, providerContext, startEmulatorProcess, timeExport } from './aws.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { default: provider } = await import(join(root, 'packages/provider-secrets-manager/dist/provider.js'));

const SECRETS = 100;
const LATENCY_MS = Number(process.env.LATENCY_MS ?? 20);
const ROUNDS = Number(process.env.ROUNDS ?? 10);
const TARGET_CALLS = 5;

const emu = await startEmulatorProcess(root);
try {
  await emu.control('POST', 'seed', {
    secrets: Array.from({ length: SECRETS }, (_, i) => ({ name: `bench/secret-${i}`, secretString: `value-${i}-${'x'.repeat(40)}` })),
  });
  await emu.control('POST', 'latency', { ms: LATENCY_MS });
  const context = () => providerContext('sm', root, emu.env);
  const config = { region: 'us-east-1', prefix: 'bench/', endpoint: emu.url };
  const requests = Array.from({ length: SECRETS }, (_, i) => ({ key: `SECRET_${i}`, value: `secret-${i}` }));

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
  const lines = requests.map((r) => `${r.key} = { provider = "sm", value = "${r.value}" }`);
  const e2e = await timeExport({ root, emu, plugin: 'packages/provider-secrets-manager', toml: `[providers.sm]\ntype = "aws-sm"\nregion = "us-east-1"\nprefix = "bench/"\n\n[secrets]\n${lines.join('\n')}\n`, rounds: ROUNDS });
  const batchCalls = (await emu.control('GET', 'requests?service=secretsmanager&operation=BatchGetSecretValue')).length;
  console.log(`  fnox export -f json (${SECRETS} secrets, plugin linked), median of ${ROUNDS}: ${e2e.exported.toFixed(1)} ms = ${(e2e.exported / e2e.node).toFixed(2)}x node -e 0 (${e2e.node.toFixed(1)} ms); ${batchCalls} BatchGetSecretValue calls`);
} finally {
  await emu.stop();
}
