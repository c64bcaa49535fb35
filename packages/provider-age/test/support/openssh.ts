import { generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { ed25519PublicWire, rsaPublicWire, sshMpint, sshString } from '../../src/ssh-wire.js';

/**
 * Writes OpenSSH `openssh-key-v1` private keys from node:crypto keys, so SSH tests do not depend
 * on ssh-keygen (and cross-check the parser against an independent writer when it exists).
 */

function container(publicWire: Buffer, privateFields: Buffer, cipher = 'none', kdf = 'none'): string {
  const check = randomBytes(4);
  let priv = Buffer.concat([check, check, privateFields, sshString('test@fnox')]);
  const pad: number[] = [];
  for (let i = 1; (priv.length + pad.length) % 8 !== 0; i++) pad.push(i);
  priv = Buffer.concat([priv, Buffer.from(pad)]);
  const body = Buffer.concat([
    Buffer.from('openssh-key-v1\0', 'latin1'),
    sshString(cipher),
    sshString(kdf),
    sshString(kdf === 'none' ? Buffer.alloc(0) : Buffer.concat([sshString(randomBytes(16)), Buffer.from([0, 0, 0, 16])])),
    Buffer.from([0, 0, 0, 1]),
    sshString(publicWire),
    sshString(priv),
  ]);
  const lines = body.toString('base64').match(/.{1,70}/g)!.join('\n');
  return `-----BEGIN OPENSSH PRIVATE KEY-----\n${lines}\n-----END OPENSSH PRIVATE KEY-----\n`;
}

/** An SSH key pair: OpenSSH private key text and the authorized_keys line. */
export interface SshKeyPair {
  readonly privateKey: string;
  readonly publicKey: string;
  readonly keyObject: KeyObject;
}

/** A fresh ed25519 key in OpenSSH format. `encrypted` fakes a passphrase-protected container. */
export function ed25519KeyPair(encrypted = false): SshKeyPair {
  const { privateKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' });
  const seed = Buffer.from(jwk.d!, 'base64url');
  const pub = Buffer.from(jwk.x!, 'base64url');
  const wire = ed25519PublicWire(pub);
  const fields = Buffer.concat([sshString('ssh-ed25519'), sshString(pub), sshString(Buffer.concat([seed, pub]))]);
  return {
    privateKey: container(wire, fields, encrypted ? 'aes256-ctr' : 'none', encrypted ? 'bcrypt' : 'none'),
    publicKey: `ssh-ed25519 ${wire.toString('base64')} test@fnox`,
    keyObject: privateKey,
  };
}

/** A fresh RSA key in OpenSSH format. */
export function rsaKeyPair(bits = 2048): SshKeyPair {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: bits });
  const jwk = privateKey.export({ format: 'jwk' });
  const b = (v: string | undefined) => Buffer.from(v!, 'base64url');
  const wire = rsaPublicWire(b(jwk.n), b(jwk.e));
  const fields = Buffer.concat([
    sshString('ssh-rsa'),
    ...[jwk.n, jwk.e, jwk.d, jwk.qi, jwk.p, jwk.q].map((v) => sshMpint(b(v))),
  ]);
  return {
    privateKey: container(wire, fields),
    publicKey: `ssh-rsa ${wire.toString('base64')} test@fnox`,
    keyObject: privateKey,
  };
}
