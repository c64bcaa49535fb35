import type { IncomingHttpHeaders } from 'node:http';
import { identityOf } from './credentials.js';
import type { RequestContext } from './context.js';
import { AwsError, isAwsError } from './errors.js';
import { kmsOperations } from './kms/index.js';
import { secretsManagerOperations } from './secrets-manager/index.js';
import { parseAuthorization, verifySignature } from './sigv4.js';
import type { EmulatorState } from './state.js';
import { handleSts, stsErrorResponse } from './sts.js';

/** What kind of AWS request this is, decided from the wire before anything is verified. */
export interface Classified {
  service: 'kms' | 'secretsmanager' | 'sts' | 'unknown';
  operation: string;
  target: string;
  /** Identifiers the request names (for fault matching and the log), never values. */
  resources: string[];
  /** Parsed JSON body, or STS parameters. */
  input: Record<string, unknown>;
  params?: URLSearchParams;
  /** Set when the body could not be parsed; answered after auth, like AWS. */
  parseError?: AwsError;
}

/** A response ready to write. */
export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  errorType?: string;
  accountId?: string;
  /** An unexpected exception inside the emulator (answered as a 500). */
  internalError?: unknown;
}

const JSON_TYPE = 'application/x-amz-json-1.1';
const RESOURCE_FIELDS = ['KeyId', 'DestinationKeyId', 'SourceKeyId', 'TargetKeyId', 'AliasName', 'SecretId', 'Name'];
const WRITE_PREFIXES = /^(Create|Put|Update|Delete|Restore|Enable|Disable|Schedule|Cancel|Rotate|AssumeRole|GetSessionToken)/;

/** True for operations whose success changes persisted state. */
export function isWrite(operation: string): boolean {
  return WRITE_PREFIXES.test(operation);
}

/** Works out service, operation and named resources from headers and body. */
export function classify(url: string, headers: IncomingHttpHeaders, body: Buffer): Classified {
  const target = typeof headers['x-amz-target'] === 'string' ? headers['x-amz-target'] : '';
  if (target) {
    const [prefix = '', operation = ''] = target.split('.', 2);
    const service = prefix === 'TrentService' ? 'kms' : prefix === 'secretsmanager' ? 'secretsmanager' : 'unknown';
    let input: Record<string, unknown> = {};
    let parseError: AwsError | undefined;
    try {
      const parsed: unknown = body.length ? JSON.parse(body.toString('utf8')) : {};
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      input = parsed as Record<string, unknown>;
    } catch {
      parseError = new AwsError('SerializationException', 'Request body is not a JSON object');
    }
    const resources = RESOURCE_FIELDS.map((f) => input[f]).filter((v): v is string => typeof v === 'string');
    const list = input['SecretIdList'];
    if (Array.isArray(list)) resources.push(...list.filter((v): v is string => typeof v === 'string'));
    return { service, operation, target, resources, input, ...(parseError ? { parseError } : {}) };
  }
  const params = new URLSearchParams(url.split('?', 2)[1] ?? '');
  for (const [k, v] of new URLSearchParams(body.toString('utf8'))) params.append(k, v);
  const action = params.get('Action');
  if (action) {
    const role = params.get('RoleArn');
    return { service: 'sts', operation: action, target: `STS.${action}`, resources: role ? [role] : [], input: {}, params };
  }
  return { service: 'unknown', operation: '', target: '', resources: [], input: {} };
}

/** The error response in the service's protocol. */
export function errorResponse(request: Classified, error: AwsError, requestId: string): WireResponse {
  if (request.service === 'sts') {
    const { status, body } = stsErrorResponse(error, requestId);
    return { status, headers: { 'content-type': 'text/xml', 'x-amzn-RequestId': requestId, ...error.headers }, body, errorType: /<Code>([^<]*)</.exec(body)?.[1] };
  }
  const payload: Record<string, string> = { __type: error.type };
  if (!error.omitMessage) payload['message'] = error.message;
  return {
    status: error.status,
    headers: { 'content-type': JSON_TYPE, 'x-amzn-RequestId': requestId, ...error.headers },
    body: JSON.stringify(payload),
    errorType: error.type,
  };
}

/** Verifies, routes and runs one AWS request. Never throws for AWS-level failures. */
export function dispatch(
  request: Classified,
  wire: { method: string; url: string; headers: IncomingHttpHeaders; body: Buffer },
  deps: { state: EmulatorState; regions?: readonly string[]; requestId: string },
): WireResponse {
  const { state, requestId } = deps;
  if (request.service === 'unknown')
    return errorResponse(request, new AwsError('UnknownOperationException', `fnox-aws-emulator does not implement ${request.target || 'this request'}`), requestId);
  try {
    const verified = verifySignature(wire, { service: request.service, credentials: state.credentials, regions: deps.regions, now: Date.now(), tokenNow: state.now() });
    const caller = identityOf(verified.key);
    const ctx: RequestContext = { state, accountId: caller.accountId, region: verified.region, caller, operation: request.operation, now: state.now() };
    if (request.service === 'sts') {
      const body = handleSts(request.operation, request.params ?? new URLSearchParams(), ctx, verified.key, requestId);
      return { status: 200, headers: { 'content-type': 'text/xml', 'x-amzn-RequestId': requestId }, body, accountId: caller.accountId };
    }
    if (request.parseError) throw request.parseError;
    const table = request.service === 'kms' ? kmsOperations : secretsManagerOperations;
    const handler = Object.hasOwn(table, request.operation) ? table[request.operation] : undefined;
    if (!handler) throw new AwsError('UnknownOperationException', `fnox-aws-emulator does not implement ${request.target}`);
    const output = handler(request.input, ctx);
    return { status: 200, headers: { 'content-type': JSON_TYPE, 'x-amzn-RequestId': requestId }, body: JSON.stringify(output), accountId: caller.accountId };
  } catch (e) {
    if (isAwsError(e)) return errorResponse(request, e, requestId);
    // A bug in the emulator: answer like an AWS internal error (retryable 500), without values.
    const internal = request.service === 'kms' ? 'KMSInternalException' : request.service === 'sts' ? 'InternalFailure' : 'InternalServiceError';
    const response = errorResponse(request, new AwsError(internal, 'fnox-aws-emulator internal error', { status: 500 }), requestId);
    return { ...response, internalError: e };
  }
}

/** The access key id a request claims, for the log (before or without verification). */
export function claimedIdentity(headers: IncomingHttpHeaders): { accessKeyId?: string; region?: string } {
  const claims = parseAuthorization(typeof headers['authorization'] === 'string' ? headers['authorization'] : undefined);
  return claims ? { accessKeyId: claims.accessKeyId, region: claims.region } : {};
}
