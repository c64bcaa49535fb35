import { AwsError } from './errors.js';

/** One page of `items` starting at an opaque token; `next` is set when more remain. */
export function pageOf<T>(items: T[], limit: number, token: string | undefined, errorType: string): { items: T[]; next?: string } {
  let start = 0;
  if (token !== undefined) {
    const decoded = /^emu:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
    if (!decoded) throw new AwsError(errorType, errorType === 'InvalidMarkerException' ? 'Invalid marker' : 'Invalid NextToken');
    start = Number(decoded[1]);
  }
  const end = start + limit;
  const page = items.slice(start, end);
  return end < items.length ? { items: page, next: Buffer.from(`emu:${end}`).toString('base64url') } : { items: page };
}
