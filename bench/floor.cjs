'use strict';
// The floor under `fnox get` and `fnox exec`: a bare Node program doing only the work those
// commands cannot skip — read ./fnox.toml, parse it (smol-toml, as fnox does), decrypt its age
// values with node:crypto (X25519, HKDF, header HMAC, ChaCha20-Poly1305) and print one value or
// spawn a child with all of them. No config tree, trust check, validation or error handling: a
// fnox figure can approach this one, not beat it. Usage: floor.cjs get KEY | floor.cjs exec CMD...
const { createDecipheriv, createHmac, createPrivateKey, createPublicKey, diffieHellman } = require('node:crypto');
const { readFileSync, writeSync } = require('node:fs');
const { join } = require('node:path');
const { createRequire } = require('node:module');

const { parse } = createRequire(join(__dirname, '..', 'packages', 'core', 'package.json'))('smol-toml');

const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
/** The 32-byte scalar of `AGE-SECRET-KEY-1...` (bech32 data part without its checksum). */
function scalarOf(identity) {
  const data = identity.toLowerCase().slice(identity.lastIndexOf('1') + 1, -6);
  const bytes = [];
  let acc = 0;
  let bits = 0;
  for (const char of data) {
    acc = (acc << 5) | BECH32.indexOf(char);
    bits += 5;
    if (bits >= 8) bytes.push((acc >> (bits -= 8)) & 0xff);
  }
  return Buffer.from(bytes);
}

const jwk = (fields) => ({ key: { kty: 'OKP', crv: 'X25519', ...fields }, format: 'jwk' });
const identityText = readFileSync(join(process.env.XDG_CONFIG_HOME, 'fnox', 'age.txt'), 'utf8').trim();
const privateKey = createPrivateKey(jwk({ d: scalarOf(identityText).toString('base64url'), x: '' }));
const recipient = Buffer.from(createPublicKey(privateKey).export({ format: 'jwk' }).x, 'base64url');

function hkdf(ikm, salt, info) {
  const prk = createHmac('sha256', salt).update(ikm).digest();
  return createHmac('sha256', prk).update(info).update(Buffer.of(1)).digest();
}
function open(key, nonce, sealed) {
  const decipher = createDecipheriv('chacha20-poly1305', key, nonce, { authTagLength: 16 });
  decipher.setAuthTag(sealed.subarray(sealed.length - 16));
  const plain = decipher.update(sealed.subarray(0, sealed.length - 16));
  decipher.final();
  return plain;
}

/** One stored value: base64 of a binary age file with one X25519 stanza and one payload chunk (what the bench fixtures hold); anything else fails. */
function decrypt(stored) {
  const file = Buffer.from(stored, 'base64');
  const lines = file.toString('latin1').split('\n', 4); // version, stanza, body, MAC line
  const share = Buffer.from(lines[1].split(' ')[2], 'base64');
  const body = Buffer.from(lines[2], 'base64');
  const shared = diffieHellman({ privateKey, publicKey: createPublicKey(jwk({ x: share.toString('base64url') })) });
  const fileKey = open(hkdf(shared, Buffer.concat([share, recipient]), 'age-encryption.org/v1/X25519'), Buffer.alloc(12), body);
  const headerEnd = lines[0].length + lines[1].length + lines[2].length + 3 + 3; // through '---'
  const mac = createHmac('sha256', hkdf(fileKey, Buffer.alloc(32), 'header'))
    .update(file.subarray(0, headerEnd))
    .digest();
  if (!mac.equals(Buffer.from(lines[3].slice(4), 'base64'))) throw new Error('header MAC mismatch');
  const payloadStart = headerEnd + lines[3].length - 3 + 1;
  const nonce = file.subarray(payloadStart, payloadStart + 16);
  return open(hkdf(fileKey, nonce, 'payload'), Buffer.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]), file.subarray(payloadStart + 16)).toString('utf8');
}

const secrets = parse(readFileSync('fnox.toml', 'utf8')).secrets;
const [mode, ...rest] = process.argv.slice(2);
if (mode === 'get') {
  writeSync(1, `${decrypt(secrets[rest[0]].value)}\n`);
} else {
  const env = { ...process.env };
  for (const [key, secret] of Object.entries(secrets)) env[key] = decrypt(secret.value);
  require('node:child_process')
    .spawn(rest[0], rest.slice(1), { stdio: 'inherit', env })
    .on('exit', (code) => process.exit(code ?? 1));
}
