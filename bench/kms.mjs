// Benchmark: 100 aws-kms secrets resolved the way core's batch resolver does it (one getMany per
// provider instance), against the emulator with 20 ms latency per request. The emulator runs in
// its own process, as AWS would, so its SigV4 and crypto work is not billed to fnox.
// DESIGN target: <= 350 ms spent on AWS for 100 secrets (serial would be ~2 s).
// Run after building: pnpm turbo run build --filter=@fnox/provider-aws-kms; node bench/kms.mjs
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadavg } from 'node:os';
import { median, ms, providerContext, startEmulatorProcess, timeExport } from './aws.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { default: provider } = await import(join(root, 'packages/provider-aws-kms/dist/provider.js'));

const SECRETS = 100;
const LATENCY_MS = Number(process.env.LATENCY_MS ?? 20);
const ROUNDS = Number(process.env.ROUNDS ?? 10);
const TARGET_MS = 350;

const emu = await startEmulatorProcess(root);
try {
  await emu.control('POST', 'seed', { keys: [{ aliases: ['alias/bench'] }] });
  const context = () => providerContext('kms', root, emu.env);
  const config = { key_id: 'alias/bench', region: 'us-east-1', endpoint: emu.url };

  const t0 = process.hrtime.bigint();
  const writer = await provider.create(config, context());
  const requests = [];
  for (let i = 0; i < SECRETS; i++) requests.push({ key: `SECRET_${i}`, value: await writer.put(`SECRET_${i}`, `value-${i}-${'x'.repeat(40)}`) });
  const setup = ms(t0);
  await writer.dispose();
  await emu.control('POST', 'latency', { ms: LATENCY_MS });

  async function round() {
    const instance = await provider.create(config, context());
    await emu.control('DELETE', 'requests');
    const cpu0 = process.cpuUsage();
    const start = process.hrtime.bigint();
    const outcomes = await instance.getMany(requests);
    const wall = ms(start);
    const cpuUsed = process.cpuUsage(cpu0);
    const cpu = (cpuUsed.user + cpuUsed.system) / 1000;
    await instance.dispose();
    const failed = [...outcomes.values()].filter((o) => !o.ok).length;
    if (failed > 0) throw new Error(`${failed} secrets failed`);
    const decrypts = await emu.control('GET', 'requests?service=kms&operation=Decrypt');
    // Peak overlap of requests at the emulator, from arrival times and durations.
    const events = decrypts.flatMap((r) => [[Date.parse(r.time), 1], [Date.parse(r.time) + r.durationMs, -1]]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    let open = 0;
    let peak = 0;
    for (const [, d] of events) peak = Math.max(peak, (open += d));
    return { wall, cpu, decrypts: decrypts.length, peak };
  }

  const rounds = [];
  for (let i = 0; i < ROUNDS; i++) rounds.push(await round());
  const wall = median(rounds.map((r) => r.wall));
  console.log(`aws-kms: ${SECRETS} secrets, ${LATENCY_MS} ms emulator latency; fresh provider instance (new client, new connections) per round`);
  console.log(`  setup: SDK import + ${SECRETS} Encrypts:  ${setup.toFixed(1)} ms`);
  console.log(`  getMany, median of ${ROUNDS} rounds:     ${wall.toFixed(1)} ms  (min ${Math.min(...rounds.map((r) => r.wall)).toFixed(1)}, max ${Math.max(...rounds.map((r) => r.wall)).toFixed(1)})  target <= ${TARGET_MS} ms: ${wall <= TARGET_MS ? 'met' : 'MISSED'}`);
  console.log(`  fnox CPU during getMany (median): ${median(rounds.map((r) => r.cpu)).toFixed(1)} ms (SDK serialisation, SigV4 signing, HTTP)`);
  console.log(`  Decrypt calls per round:          ${rounds[0].decrypts} (peak ${Math.max(...rounds.map((r) => r.peak))} in flight at the emulator)`);
  console.log(`  machine load average (1 min):     ${loadavg()[0].toFixed(1)} (timings are only comparable at similar load)`);
  console.log(`  serial would be at least:         ${SECRETS * LATENCY_MS} ms`);

  // End to end: `fnox export` with the plugin linked into a throw-away data dir, as a user would run it.
  const lines = requests.map((r) => `${r.key} = { provider = "kms", value = "${r.value}" }`);
  const e2e = await timeExport({ root, emu, plugin: 'packages/provider-aws-kms', toml: `[providers.kms]\ntype = "aws-kms"\nkey_id = "alias/bench"\nregion = "us-east-1"\n\n[secrets]\n${lines.join('\n')}\n`, rounds: ROUNDS });
  const decrypts = (await emu.control('GET', 'requests?service=kms&operation=Decrypt')).length;
  console.log(`  fnox export -f json (${SECRETS} secrets, plugin linked), median of ${ROUNDS}: ${e2e.exported.toFixed(1)} ms = ${(e2e.exported / e2e.node).toFixed(2)}x node -e 0 (${e2e.node.toFixed(1)} ms); ${decrypts} Decrypt calls`);
} finally {
  await emu.stop();
}
