import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { type AccessKey, type CredentialStore } from './credentials.js';
import { AwsError } from './errors.js';

/** What the `Authorization` header claims, parsed without verifying anything (for the request log). */
export interface SignatureClaims {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

/** A request that passed SigV4 verification. */
export interface VerifiedRequest {
  key: AccessKey;
  region: string;
  service: string;
}

/** The parts of an HTTP request SigV4 covers. */
export interface SignableRequest {
  method: string;
  /** Raw request target (`/`, `/?Action=…`). */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface VerifyOptions {
  /** Signing name the target service expects (`kms`, `secretsmanager`, `sts`). */
  service: string;
  credentials: CredentialStore;
  /** Strict mode: the only regions this listener serves. Unset = any region (state is per region). */
  regions?: readonly string[];
  /** Wall-clock ms, for the 5-minute skew window. */
  now: number;
  /** Emulated ms for session-token expiry (default `now`), so tests can age credentials. */
  tokenNow?: number;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';
const MAX_SKEW_MS = 5 * 60 * 1000;
const BAD_SIGNATURE =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
/** AWS's wording for an unknown access key or a wrong/missing session token. */
export const INVALID_TOKEN = 'The security token included in the request is invalid.';

/** Parses `AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`; undefined if malformed. */
export function parseAuthorization(header: string | undefined): SignatureClaims | undefined {
  if (!header?.startsWith(`${ALGORITHM} `)) return undefined;
  const parts = new Map<string, string>();
  for (const piece of header.slice(ALGORITHM.length + 1).split(',')) {
    const eq = piece.indexOf('=');
    if (eq > 0) parts.set(piece.slice(0, eq).trim(), piece.slice(eq + 1).trim());
  }
  const scope = parts.get('Credential')?.split('/');
  const signedHeaders = parts.get('SignedHeaders');
  const signature = parts.get('Signature');
  if (!scope || scope.length !== 5 || scope[4] !== 'aws4_request' || !signedHeaders || !signature) return undefined;
  const [accessKeyId, date, region, service] = scope as [string, string, string, string, string];
  return { accessKeyId, date, region, service, signedHeaders: signedHeaders.split(';'), signature };
}

/**
 * Verifies a SigV4-signed request the way AWS front ends do, in AWS's order of checks, and throws the
 * same error names and messages (JSON 1.1 names; STS translates them to its query-protocol codes).
 */
export function verifySignature(request: SignableRequest, options: VerifyOptions): VerifiedRequest {
  const header = headerValue(request.headers, 'authorization');
  if (!header) throw new AwsError('MissingAuthenticationTokenException', 'Missing Authentication Token');
  const claims = parseAuthorization(header);
  if (!claims) throw incomplete(header);

  const key = options.credentials.get(claims.accessKeyId);
  const token = headerValue(request.headers, 'x-amz-security-token');
  if (!key || (key.sessionToken ?? undefined) !== (token ?? undefined))
    throw new AwsError('UnrecognizedClientException', INVALID_TOKEN);
  if (key.expiration !== undefined && key.expiration <= (options.tokenNow ?? options.now))
    throw new AwsError('ExpiredTokenException', 'The security token included in the request is expired');

  if (options.regions && !options.regions.includes(claims.region))
    throw new AwsError('InvalidSignatureException', `Credential should be scoped to a valid region, not '${claims.region}'. `);
  if (claims.service !== options.service)
    throw new AwsError('InvalidSignatureException', `Credential should be scoped to correct service: '${options.service}'. `);

  const amzDate = headerValue(request.headers, 'x-amz-date');
  if (!amzDate || !/^\d{8}T\d{6}Z$/.test(amzDate))
    throw new AwsError('IncompleteSignatureException', "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  if (amzDate.slice(0, 8) !== claims.date)
    throw new AwsError('InvalidSignatureException', `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${claims.date}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`);
  checkSkew(amzDate, options.now);
  if (!claims.signedHeaders.includes('host'))
    throw new AwsError('InvalidSignatureException', "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");

  const expected = computeSignature(request, claims, key.secretAccessKey, amzDate);
  const given = Buffer.from(claims.signature, 'utf8');
  const wanted = Buffer.from(expected, 'utf8');
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted))
    throw new AwsError('InvalidSignatureException', BAD_SIGNATURE);
  return { key, region: claims.region, service: claims.service };
}

/** The hex signature for `request` under `secret` (exported for tests that sign by hand). */
export function computeSignature(request: SignableRequest, claims: SignatureClaims, secret: string, amzDate: string): string {
  const [path = '/', query = ''] = request.url.split('?', 2);
  const canonicalHeaders = claims.signedHeaders
    .map((name) => `${name}:${(headerValue(request.headers, name) ?? '').trim().replace(/\s+/g, ' ')}\n`)
    .join('');
  const canonical = [
    request.method.toUpperCase(),
    path.split('/').map(encodeRfc3986).join('/'),
    canonicalQuery(query),
    canonicalHeaders,
    claims.signedHeaders.join(';'),
    sha256Hex(request.body),
  ].join('\n');
  const scope = `${claims.date}/${claims.region}/${claims.service}/aws4_request`;
  const stringToSign = [ALGORITHM, amzDate, scope, sha256Hex(canonical)].join('\n');
  let signingKey: Buffer = hmac(`AWS4${secret}`, claims.date);
  for (const part of [claims.region, claims.service, 'aws4_request']) signingKey = hmac(signingKey, part);
  return createHmac('sha256', signingKey).update(stringToSign).digest('hex');
}

function checkSkew(amzDate: string, now: number): void {
  const iso = `${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`;
  const requestTime = Date.parse(iso);
  const nowStamp = amzStamp(now);
  if (requestTime < now - MAX_SKEW_MS)
    throw new AwsError('InvalidSignatureException', `Signature expired: ${amzDate} is now earlier than ${amzStamp(now - MAX_SKEW_MS)} (${nowStamp} - 5 min.)`);
  if (requestTime > now + MAX_SKEW_MS)
    throw new AwsError('InvalidSignatureException', `Signature not yet current: ${amzDate} is still later than ${amzStamp(now + MAX_SKEW_MS)} (${nowStamp} + 5 min.)`);
}

function incomplete(header: string): AwsError {
  if (!header.startsWith(`${ALGORITHM} `))
    return new AwsError('IncompleteSignatureException', `Unsupported AWS 'algorithm': '${header.split(' ')[0] ?? ''}'`);
  const missing = ['Credential', 'Signature', 'SignedHeaders'].filter((p) => !header.includes(`${p}=`));
  const detail = missing.map((p) => `Authorization header requires '${p}' parameter.`).join(' ');
  return new AwsError('IncompleteSignatureException', detail || 'Authorization header is malformed.');
}

function canonicalQuery(query: string): string {
  if (!query) return '';
  const pairs = query
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const [k = '', v = ''] = pair.split('=', 2);
      return [encodeRfc3986(safeDecode(k)), encodeRfc3986(safeDecode(v))] as const;
    });
  pairs.sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

/** Query values are percent-decoded only: SDKs encode spaces as %20, so a raw '+' is a literal plus. */
function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** RFC 3986 percent-encoding as SigV4 requires. */
export function encodeRfc3986(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

function hmac(key: Buffer | string, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

/** `YYYYMMDDTHHMMSSZ` for an epoch-ms time. */
export function amzStamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}
