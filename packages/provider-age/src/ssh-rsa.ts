import { constants, privateDecrypt, publicEncrypt, type KeyObject } from 'node:crypto';
import type { AgeStanza } from './header.js';
import type { StanzaIdentity } from './native-identity.js';
import { StanzaError } from './primitives.js';
import { sshTag } from './ssh-wire.js';

/**
 * The age `ssh-rsa` recipient type: RSA-OAEP with SHA-256 and the label
 * `age-encryption.org/v1/ssh-rsa`, tagged with the key's SSH fingerprint prefix.
 */

const LABEL = Buffer.from('age-encryption.org/v1/ssh-rsa');

function oaep(key: KeyObject) {
  return { key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256', oaepLabel: LABEL };
}

/** An `ssh-rsa AAAA...` recipient, usable as an age-encryption `Recipient`. */
export class SshRsaRecipient {
  private readonly tag: string;

  /** `wire` is the SSH wire-format public key; `publicKey` the same key as a KeyObject. */
  constructor(wire: Uint8Array, private readonly publicKey: KeyObject) {
    // age refuses RSA keys under 2048 bits.
    if ((publicKey.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) throw new Error('RSA key size is too small (minimum 2048 bits)');
    this.tag = sshTag(wire);
  }

  wrapFileKey(fileKey: Uint8Array): AgeStanza[] {
    return [{ args: ['ssh-rsa', this.tag], body: publicEncrypt(oaep(this.publicKey), fileKey) }];
  }
}

/** An RSA private key (OpenSSH or PEM) as an age identity. */
export class SshRsaIdentity implements StanzaIdentity {
  private readonly tag: string;

  constructor(wire: Uint8Array, private readonly privateKey: KeyObject) {
    this.tag = sshTag(wire);
  }

  unwrapFileKey(stanzas: AgeStanza[]): Uint8Array | null {
    for (const stanza of stanzas) {
      if (stanza.args[0] !== 'ssh-rsa') continue;
      if (stanza.args.length !== 2) throw new StanzaError('invalid ssh-rsa stanza: wrong number of arguments');
      if (stanza.args[1] !== this.tag) continue;
      let fileKey: Buffer;
      try {
        fileKey = privateDecrypt(oaep(this.privateKey), stanza.body);
      } catch {
        continue; // wrong key (or a tag collision): not ours, as in age
      }
      if (fileKey.length !== 16) throw new StanzaError('invalid ssh-rsa stanza: wrapped file key is not 16 bytes');
      return fileKey;
    }
    return null;
  }
}
