import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { moduleTrackerPrelude } from '@fnox/contract/testing';
import { describe, expect, it } from 'vitest';
import { generateIdentity } from '../src/index.js';
import { makeProvider } from './support/context.js';
import { ed25519KeyPair } from './support/openssh.js';

/**
 * Start-up is a product feature: age-encryption (~120 ms to import) must load only when needed.
 * Checked twice: statically on the sources, and at run time on the built output in a fresh Node
 * process whose resolve hook reports every module it loads.
 */

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = existsSync(join(root, 'dist', 'provider.js'));

/** The child: imports dist, decrypts (must not load the library), then encrypts (must). */
const CHILD = `${moduleTrackerPrelude}const loaded = () => settle().then(() => seen.some((u) => u.includes('age-encryption')));
const { default: provider } = await import(process.env.DIST_PROVIDER);
await import(process.env.DIST_PROVIDER.replace('provider.js', 'index.js'));
const afterImport = await loaded();
const cases = JSON.parse(process.env.CASES);
const plain = [];
let instance;
for (const { key, value } of cases) {
  const ctx = { name: 'age', configDir: process.cwd(), env: { FNOX_AGE_KEY: key }, globalConfigDir: '/nonexistent',
    signal: new AbortController().signal, log: { debug() {}, warn() {} }, options: {}, resolveSecret: async () => '' };
  instance = await provider.create({ recipients: [process.env.RECIPIENT] }, ctx);
  plain.push(await instance.get({ key: 'K', value }));
}
const afterDecrypt = await loaded();
await instance.put('K', 'x');
const afterEncrypt = await loaded();
console.log(JSON.stringify({ afterImport, afterDecrypt, afterEncrypt, plain }));
`;

describe('age-encryption stays lazy', () => {
  it('src: only node built-ins, @fnox/contract and relative modules are imported at top level', () => {
    for (const file of readdirSync(join(root, 'src')).filter((f) => f.endsWith('.ts'))) {
      const text = readFileSync(join(root, 'src', file), 'utf8');
      for (const match of text.matchAll(/^(?:import|export)\s+(type\s+)?[^;]*?from\s+'([^']+)'/gms)) {
        const [, typeOnly, specifier] = match;
        if (typeOnly) continue; // erased at compile time
        const allowed = specifier!.startsWith('node:') || specifier === '@fnox/contract' || specifier!.startsWith('./');
        expect(allowed, `${file} imports ${specifier}`).toBe(true);
      }
      if (file !== 'lazy-age.ts') expect(text, file).not.toMatch(/import\(\s*'age-encryption'\s*\)/);
    }
  });

  // Needs the build (turbo runs it before tests); CI must not skip it.
  it.skipIf(!built && process.env.CI !== 'true')('dist: decrypting X25519 and SSH values loads nothing of it; encrypting does', async () => {
    const x = await generateIdentity();
    const ssh = ed25519KeyPair();
    const p = await makeProvider({ recipients: [x.recipient, ssh.publicKey] });
    const cases = [
      { key: x.identity, value: await p.put!('K', 'hot x25519') },
      { key: ssh.privateKey, value: await p.put!('K', 'hot ssh') },
    ];
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', CHILD], {
      env: { ...process.env, DIST_PROVIDER: join(root, 'dist', 'provider.js'), CASES: JSON.stringify(cases), RECIPIENT: x.recipient },
      encoding: 'utf8',
    });
    const result = JSON.parse(out.trim().split('\n').pop()!);
    expect(result).toEqual({ afterImport: false, afterDecrypt: false, afterEncrypt: true, plain: ['hot x25519', 'hot ssh'] });
  });
});
