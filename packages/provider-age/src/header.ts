import { decodeBase64NoPad } from './base64.js';
import { AgeFormatError } from './errors.js';

/** One recipient stanza, structurally identical to age-encryption's `Stanza`. */
export interface AgeStanza {
  readonly args: string[];
  readonly body: Uint8Array;
}

/** A parsed binary age v1 file. */
export interface ParsedAgeFile {
  readonly stanzas: AgeStanza[];
  /** The header bytes the MAC covers: from the version line up to and including `---`. */
  readonly headerNoMac: Buffer;
  readonly mac: Buffer;
  readonly nonce: Buffer;
  /** The STREAM ciphertext after the nonce. */
  readonly payload: Buffer;
}

const VERSION_LINE = 'age-encryption.org/v1';
const NEWLINE = 0x0a;
/** Anything outside printable ASCII; latin1 decoding maps each byte to one code unit. */
const NON_PRINTABLE = /[^\x20-\x7e]/;

function headerError(detail: string): AgeFormatError {
  return new AgeFormatError('header', `invalid age header: ${detail}`);
}

class LineCursor {
  offset = 0;
  constructor(private readonly bytes: Buffer) {}

  /** The next LF-terminated line, checked to be printable ASCII (so CR is rejected). */
  next(): string {
    const end = this.bytes.indexOf(NEWLINE, this.offset);
    if (end < 0) throw headerError('unexpected end of header');
    const line = this.bytes.toString('latin1', this.offset, end);
    if (NON_PRINTABLE.test(line)) throw headerError('non-printable byte in header');
    this.offset = end + 1;
    return line;
  }
}

/**
 * Parse the header of a binary age file with every check the age spec asks for: exact version
 * line, `-> ` stanzas with non-empty arguments, canonical unpadded base64 bodies wrapped at 64
 * columns and ended by a short line, a `--- ` MAC line of exactly 32 canonical bytes, and a
 * 16-byte payload nonce.
 */
export function parseAgeFile(input: Uint8Array): ParsedAgeFile {
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const cursor = new LineCursor(bytes);
  if (cursor.next() !== VERSION_LINE) throw headerError('unsupported version line');
  const stanzas: AgeStanza[] = [];
  for (;;) {
    const lineStart = cursor.offset;
    const line = cursor.next();
    if (line.startsWith('-> ')) {
      const args = line.slice(3).split(' ');
      if (args.some((arg) => arg.length === 0)) throw headerError('empty stanza argument');
      stanzas.push({ args, body: readBody(cursor) });
      continue;
    }
    if (line.startsWith('--- ')) {
      const mac = decodeBase64NoPad(line.slice(4));
      if (!mac || mac.length !== 32) throw headerError('malformed MAC line');
      const headerNoMac = bytes.subarray(0, lineStart + 3);
      const nonceEnd = cursor.offset + 16;
      if (nonceEnd > bytes.length) throw headerError('missing or short payload nonce');
      return { stanzas, headerNoMac, mac, nonce: bytes.subarray(cursor.offset, nonceEnd), payload: bytes.subarray(nonceEnd) };
    }
    throw headerError('unexpected line (expected a stanza or the MAC line)');
  }
}

function readBody(cursor: LineCursor): Uint8Array {
  const parts: Buffer[] = [];
  for (;;) {
    const line = cursor.next();
    if (line.length > 64) throw headerError('stanza body line longer than 64 columns');
    const decoded = decodeBase64NoPad(line);
    if (!decoded) throw headerError('stanza body is not canonical base64');
    parts.push(decoded);
    if (line.length < 64) return Buffer.concat(parts);
  }
}
