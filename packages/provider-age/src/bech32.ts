/**
 * A small Bech32 (BIP 173) codec, enough for age keys. It exists so the decrypt hot path can read
 * `AGE-SECRET-KEY-1...` without importing age-encryption. Like age, it does not enforce BIP 173's
 * 90-character limit (post-quantum keys are much longer).
 */

const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const GENERATOR = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];

function polymod(values: readonly number[]): number {
  let chk = 1;
  for (const value of values) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ value;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= GENERATOR[i]!;
  }
  return chk >>> 0;
}

function expandHrp(hrp: string): number[] {
  const out: number[] = [];
  for (const c of hrp) out.push(c.charCodeAt(0) >>> 5);
  out.push(0);
  for (const c of hrp) out.push(c.charCodeAt(0) & 31);
  return out;
}

function convertBits(data: readonly number[], from: number, to: number, pad: boolean): number[] | undefined {
  let acc = 0;
  let bits = 0;
  const out: number[] = [];
  const maxv = (1 << to) - 1;
  for (const value of data) {
    acc = (acc << from) | value;
    bits += from;
    while (bits >= to) {
      bits -= to;
      out.push((acc >>> bits) & maxv);
    }
    acc &= (1 << bits) - 1;
  }
  if (pad) {
    if (bits > 0) out.push((acc << (to - bits)) & maxv);
  } else if (bits >= from || ((acc << (to - bits)) & maxv) !== 0) {
    return undefined;
  }
  return out;
}

/** A decoded Bech32 string: lower-case human-readable part and the payload bytes. */
export interface Bech32Decoded {
  readonly hrp: string;
  readonly bytes: Uint8Array;
}

/**
 * Decode a Bech32 string (all upper or all lower case), or return `undefined` when it is not
 * valid Bech32. Errors carry no detail on purpose: the input may be a secret key.
 */
export function bech32Decode(text: string): Bech32Decoded | undefined {
  if (text !== text.toLowerCase() && text !== text.toUpperCase()) return undefined;
  const lower = text.toLowerCase();
  const sep = lower.lastIndexOf('1');
  if (sep < 1 || sep + 7 > lower.length) return undefined;
  const hrp = lower.slice(0, sep);
  for (const c of hrp) {
    const code = c.charCodeAt(0);
    if (code < 33 || code > 126) return undefined;
  }
  const data: number[] = [];
  for (const c of lower.slice(sep + 1)) {
    const v = CHARSET.indexOf(c);
    if (v < 0) return undefined;
    data.push(v);
  }
  if (polymod([...expandHrp(hrp), ...data]) !== 1) return undefined;
  const bytes = convertBits(data.slice(0, -6), 5, 8, false);
  return bytes ? { hrp, bytes: Uint8Array.from(bytes) } : undefined;
}

/** Encode bytes as Bech32 with the given human-readable part; `upper` for secret keys. */
export function bech32Encode(hrp: string, bytes: Uint8Array, upper = false): string {
  const lowerHrp = hrp.toLowerCase();
  const data = convertBits([...bytes], 8, 5, true)!;
  const mod = polymod([...expandHrp(lowerHrp), ...data, 0, 0, 0, 0, 0, 0]) ^ 1;
  const checksum = [0, 1, 2, 3, 4, 5].map((i) => (mod >>> (5 * (5 - i))) & 31);
  const text = `${lowerHrp}1${[...data, ...checksum].map((v) => CHARSET[v]).join('')}`;
  return upper ? text.toUpperCase() : text;
}
