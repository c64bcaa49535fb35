// Bench projects: an age key in the sandbox's default key place and fnox.toml files with N
// age-encrypted secrets, written directly (encrypting in-process is much faster than N `fnox set`).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const repoRoot = new URL('..', import.meta.url);
const age = await import(new URL('packages/provider-age/dist/index.js', repoRoot).href);

/** Write `~/.config/fnox/age.txt` under `home`; returns the recipient. */
export async function ageKey(home) {
  const { identity, recipient } = await age.generateIdentity();
  const dir = join(home, '.config', 'fnox');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'age.txt'), `${identity}\n`, { mode: 0o600 });
  return recipient;
}

/** A project directory whose fnox.toml holds `count` age secrets (SECRET_0..). */
export async function ageProject(dir, recipient, count) {
  mkdirSync(dir, { recursive: true });
  const recipients = age.parseRecipients([recipient]);
  const lines = ['[providers.age]', 'type = "age"', `recipients = ["${recipient}"]`, '', '[secrets]'];
  for (let i = 0; i < count; i++) {
    const value = await age.encryptToStoredValue(`value-${i}-${"x".repeat(24)}`, recipients);
    lines.push(`SECRET_${i}= { provider = "age", value = "${value}" }`);
  }
  writeFileSync(join(dir, 'fnox.toml'), `${lines.join('\n')}\n`);
  return dir;
}

/** A project directory whose fnox.toml holds `count` plain secrets: exec's cost without any crypto. */
export function plainProject(dir, count) {
  mkdirSync(dir, { recursive: true });
  const lines = ['[providers.plain]', 'type = "plain"', '', '[secrets]'];
  for (let i = 0; i < count; i++) lines.push(`SECRET_${i}= { provider = "plain", value = "value-${i}-${'x'.repeat(24)}" }`);
  writeFileSync(join(dir, 'fnox.toml'), `${lines.join('\n')}\n`);
  return dir;
}

export { pathToFileURL };
