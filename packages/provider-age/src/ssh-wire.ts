import { createHash } from 'node:crypto';
import { encodeBase64NoPad } from './base64.js';

/** Reads the SSH wire format (RFC 4251 §5): uint32, length-prefixed strings, mpints. */
export class SshReader {
  private offset = 0;
  constructor(private readonly bytes: Buffer) {}

  /** True when every byte has been consumed. */
  get done(): boolean {
    return this.offset === this.bytes.length;
  }

  /** A big-endian uint32. */
  uint32(): number {
    if (this.offset + 4 > this.bytes.length) throw new Error('truncated SSH data');
    const value = this.bytes.readUInt32BE(this.offset);
    this.offset += 4;
    return value;
  }

  /** A uint32-length-prefixed byte string (a view, not a copy). */
  bytesField(): Buffer {
    const length = this.uint32();
    if (this.offset + length > this.bytes.length) throw new Error('truncated SSH data');
    const value = this.bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    return value;
  }

  /** A length-prefixed string, read as Latin-1 (SSH type names are ASCII). */
  string(): string {
    return this.bytesField().toString('latin1');
  }

  /** An mpint as unsigned big-endian bytes without leading zeros. */
  mpint(): Buffer {
    const raw = this.bytesField();
    let start = 0;
    while (start < raw.length && raw[start] === 0) start++;
    return raw.subarray(start);
  }

  /** Bytes left after the current position (the private section padding, for example). */
  rest(): Buffer {
    return this.bytes.subarray(this.offset);
  }
}

/** Encode a length-prefixed SSH string. */
export function sshString(value: string | Uint8Array): Buffer {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'latin1') : Buffer.from(value);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
}

/** Encode unsigned big-endian bytes as an SSH mpint (minimal, with a 0 byte if the top bit is set). */
export function sshMpint(unsigned: Uint8Array): Buffer {
  let start = 0;
  while (start < unsigned.length && unsigned[start] === 0) start++;
  const trimmed = Buffer.from(unsigned.subarray(start));
  return sshString(trimmed.length > 0 && trimmed[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
}

/** The wire-format public key of an ssh-ed25519 key. */
export function ed25519PublicWire(publicKey: Uint8Array): Buffer {
  return Buffer.concat([sshString('ssh-ed25519'), sshString(publicKey)]);
}

/** The wire-format public key of an ssh-rsa key from its modulus and exponent. */
export function rsaPublicWire(n: Uint8Array, e: Uint8Array): Buffer {
  return Buffer.concat([sshString('ssh-rsa'), sshMpint(e), sshMpint(n)]);
}

/** age's stanza tag: unpadded base64 of the first 4 bytes of SHA-256 of the wire public key. */
export function sshTag(wire: Uint8Array): string {
  return encodeBase64NoPad(createHash('sha256').update(wire).digest().subarray(0, 4));
}

/** Unsigned big-endian bytes → base64url (JWK numbers). */
export function toBase64Url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}

/** Unsigned big-endian bytes → BigInt. */
export function toBigInt(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${Buffer.from(bytes).toString('hex')}`);
}

/** BigInt → unsigned big-endian bytes (minimal). */
export function fromBigInt(value: bigint): Buffer {
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  return Buffer.from(hex, 'hex');
}
