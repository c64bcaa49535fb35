import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

const BLOCK = 512;

function field(header: Buffer, start: number, length: number): string {
  const raw = header.subarray(start, start + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end < 0 ? raw.length : end).toString('utf8');
}

/**
 * The `package.json` inside an npm tarball (`<root>/package.json`, `package/` for npm and pnpm),
 * read with node:zlib and a minimal ustar walk so a plugin can be checked before npm installs it.
 * Returns `undefined` when the file is not a readable gzipped tarball with one.
 */
export function readTarballPackageJson(path: string): Record<string, unknown> | undefined {
  let tar: Buffer;
  try {
    tar = gunzipSync(readFileSync(path));
  } catch {
    return undefined;
  }
  for (let offset = 0; offset + BLOCK <= tar.length; ) {
    const header = tar.subarray(offset, offset + BLOCK);
    if (header.every((byte) => byte === 0)) return undefined; // end of archive
    const size = Number.parseInt(field(header, 124, 12).trim() || '0', 8);
    const prefix = field(header, 345, 155);
    const name = prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100);
    const type = String.fromCharCode(header[156] ?? 0);
    const dataStart = offset + BLOCK;
    if ((type === '0' || type === '\0') && /^[^/]+\/package\.json$/.test(name)) {
      try {
        return JSON.parse(tar.subarray(dataStart, dataStart + size).toString('utf8')) as Record<string, unknown>;
      } catch {
        return undefined;
      }
    }
    if (!Number.isFinite(size)) return undefined;
    offset = dataStart + Math.ceil(size / BLOCK) * BLOCK;
  }
  return undefined;
}
