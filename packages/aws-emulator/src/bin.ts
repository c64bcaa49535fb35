#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { start } from './server.js';

const USAGE = `Usage: fnox-aws-emulator [--port N] [--host ADDR] [--state FILE] [--seed FILE] [--region R]... [--latency MS]

A loopback AWS KMS + Secrets Manager + STS emulator. Accepts access key "test" / secret "test".
  --port N       listen port (default: random; the URL is printed on stdout)
  --host ADDR    bind address (default 127.0.0.1)
  --state FILE   load state from FILE if present and save every change to it
  --seed FILE    JSON seed of keys/secrets/credentials (ignored when --state already exists)
  --region R     strict mode: serve only these regions (repeatable)
  --latency MS   add MS milliseconds to every AWS request`;

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        state: { type: 'string' },
        seed: { type: 'string' },
        region: { type: 'string', multiple: true },
        latency: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (e) {
    process.stderr.write(`fnox-aws-emulator: ${(e as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`fnox-aws-emulator: --port must be an integer 0-65535, got '${values.port}'\n`);
    process.exit(2);
  }
  const emulator = await start({
    port,
    host: values.host,
    statePath: values.state,
    seed: values.seed,
    regions: values.region,
    latencyMs: values.latency === undefined ? undefined : Number(values.latency),
  });
  // One machine-readable line: scripts read the URL from here.
  process.stdout.write(`fnox-aws-emulator listening on ${emulator.url}\n`);
  const shutdown = () => {
    emulator.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((e: unknown) => {
  process.stderr.write(`fnox-aws-emulator: ${(e as Error).message}\n`);
  process.exit(1);
});
