import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulatorEnv, startSm, type SmFixture } from './support/sm.js';

/**
 * Importing an AWS client costs ~130-200 ms, paid on every `fnox` run that loads this plugin
 * unless the SDK stays behind `import()`. Checked statically on the sources and at run time on
 * the build, in a fresh Node process whose resolve hook reports every module it loads.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = existsSync(join(root, 'dist', 'provider.js'));

const CHILD = `
import { register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';
const seen = [];
const { port1, port2 } = new MessageChannel();
port1.on('message', (url) => seen.push(url));
port1.unref();
register('data:text/javascript,' + encodeURIComponent(\`
  let port;
  export function initialize(data) { port = data.port; }
  export async function resolve(specifier, context, next) {
    const result = await next(specifier, context);
    port.postMessage(result.url);
    return result;
  }\`), { data: { port: port2 }, transferList: [port2] });
const settle = () => new Promise((r) => setTimeout(r, 100));
const sdk = () => [...new Set(seen.filter((u) => u.includes('@aws-sdk')).map((u) => u.match(/@aws-sdk\\/[a-z-]+/)[0]))].sort();
const { default: provider } = await import(process.env.DIST + '/provider.js');
await import(process.env.DIST + '/index.js');
const ctx = { name: 'sm', configDir: process.cwd(), env: JSON.parse(process.env.CTX_ENV), globalConfigDir: '/nonexistent',
  signal: new AbortController().signal, log: { debug() {}, warn() {} }, options: {}, resolveSecret: async () => '' };
const instance = await provider.create({ region: 'us-east-1', prefix: 'lazy/' }, ctx);
await settle();
const afterCreate = sdk();
const stored = await instance.put('k', 'lazy');
const value = await instance.get({ key: 'K', value: stored });
await instance.dispose();
await settle();
console.log(JSON.stringify({ afterCreate, afterUse: sdk(), value }));
`;

let fx: SmFixture;
beforeAll(async () => {
  fx = await startSm();
});
afterAll(async () => {
  await fx.stop();
});

describe('the AWS SDK stays lazy', () => {
  it('src: top-level imports are node built-ins, @fnox/contract, relative modules, or type-only', () => {
    for (const file of readdirSync(join(root, 'src')).filter((f) => f.endsWith('.ts'))) {
      const text = readFileSync(join(root, 'src', file), 'utf8');
      for (const match of text.matchAll(/^(?:import|export)\s+(type\s+)?[^;]*?from\s+'([^']+)'/gms)) {
        const [, typeOnly, specifier = ''] = match;
        if (typeOnly) continue;
        const allowed = specifier.startsWith('node:') || specifier === '@fnox/contract' || specifier.startsWith('./');
        expect(allowed, `${file} imports ${specifier}`).toBe(true);
      }
    }
  });

  it.skipIf(!built && process.env.CI !== 'true')('dist: importing and creating loads no SDK; the first call loads client-secrets-manager only (no STS without role_arn)', async () => {
    // Asynchronously: the emulator runs in this process and must keep answering.
    const { stdout: out } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', CHILD], {
      env: { ...process.env, DIST: join(root, 'dist'), CTX_ENV: JSON.stringify(emulatorEnv(fx.emu.url)) },
      encoding: 'utf8',
    });
    const result = JSON.parse(out.trim().split('\n').at(-1)!);
    expect(result.afterCreate).toEqual([]);
    expect(result.afterUse).toContain('@aws-sdk/client-secrets-manager');
    expect(result.afterUse).not.toContain('@aws-sdk/client-sts');
    expect(result.afterUse).not.toContain('@aws-sdk/client-kms');
    expect(result.value).toBe('lazy');
  });
});
