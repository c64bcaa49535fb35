import { randomBytes } from 'node:crypto';
import type { AccessKey } from './credentials.js';
import { identityOf } from './credentials.js';
import type { RequestContext } from './context.js';
import { AwsError } from './errors.js';
import { accessKeyId, principalId, randomString } from './ids.js';

const NS = 'https://sts.amazonaws.com/doc/2011-06-15/';
const ROLE_ARN = /^arn:aws:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

/** STS is a query-protocol service: JSON-service auth errors have different codes there. */
const STS_ERRORS: Record<string, { code: string; status: number; message?: string }> = {
  MissingAuthenticationTokenException: { code: 'MissingAuthenticationToken', status: 403, message: 'Request is missing Authentication Token' },
  UnrecognizedClientException: { code: 'InvalidClientTokenId', status: 403 },
  InvalidSignatureException: { code: 'SignatureDoesNotMatch', status: 403 },
  IncompleteSignatureException: { code: 'IncompleteSignature', status: 400 },
  ExpiredTokenException: { code: 'ExpiredToken', status: 400 },
  ThrottlingException: { code: 'Throttling', status: 400 },
  ValidationException: { code: 'ValidationError', status: 400 },
};

/** XML-escapes text content. */
export function xmlEscape(s: string): string {
  return s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c);
}

/** The query-protocol error document and status for an {@link AwsError}. */
export function stsErrorResponse(error: AwsError, requestId: string): { status: number; body: string } {
  const mapped = STS_ERRORS[error.type];
  const code = mapped?.code ?? error.type;
  const status = mapped?.status ?? error.status;
  const message = mapped?.message ?? error.message;
  const type = status >= 500 ? 'Receiver' : 'Sender';
  return {
    status,
    body: `<ErrorResponse xmlns="${NS}"><Error><Type>${type}</Type><Code>${xmlEscape(code)}</Code><Message>${xmlEscape(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
  };
}

/** Renders a successful `<ActionResponse><ActionResult>…` document. */
function envelope(action: string, inner: string, requestId: string): string {
  return `<${action}Response xmlns="${NS}"><${action}Result>${inner}</${action}Result><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`;
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function issue(ctx: RequestContext, base: Omit<AccessKey, 'accessKeyId' | 'secretAccessKey' | 'sessionToken' | 'expiration'>, seconds: number): AccessKey {
  const key: AccessKey = {
    ...base,
    accessKeyId: accessKeyId('ASIA'),
    secretAccessKey: randomString(40),
    // Real session tokens are long opaque base64; tools sometimes size buffers on that assumption.
    sessionToken: `FwoGZXIvYXdzE${randomBytes(240).toString('base64')}`,
    expiration: ctx.now + seconds * 1000,
  };
  ctx.state.credentials.add(key);
  return key;
}

function credentialsXml(key: AccessKey): string {
  return `<Credentials><AccessKeyId>${key.accessKeyId}</AccessKeyId><SecretAccessKey>${key.secretAccessKey}</SecretAccessKey><SessionToken>${key.sessionToken ?? ''}</SessionToken><Expiration>${iso(key.expiration ?? 0)}</Expiration></Credentials>`;
}

function duration(params: URLSearchParams, max: number): number {
  const raw = params.get('DurationSeconds');
  if (raw === null) return 3600;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 900 || value > max)
    throw new AwsError('ValidationException', `1 validation error detected: Value '${raw}' at 'durationSeconds' failed to satisfy constraint: Member must have value ${value < 900 ? 'greater than or equal to 900' : `less than or equal to ${max}`}`);
  return value;
}

function required(params: URLSearchParams, name: string, member: string): string {
  const value = params.get(name);
  if (value === null) throw new AwsError('ValidationException', `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`);
  return value;
}

/**
 * Handles an STS query-protocol action and returns the XML body. AssumeRole accepts any well-formed
 * role ARN (no IAM trust policies are modelled) and registers the temporary credentials it returns,
 * so later requests signed with them are accepted and land in the role's account.
 */
export function handleSts(action: string, params: URLSearchParams, ctx: RequestContext, caller: AccessKey, requestId: string): string {
  switch (action) {
    case 'GetCallerIdentity': {
      const id = identityOf(caller);
      return envelope(action, `<Arn>${xmlEscape(id.arn)}</Arn><UserId>${xmlEscape(id.userId)}</UserId><Account>${id.accountId}</Account>`, requestId);
    }
    case 'AssumeRole': {
      const roleArn = required(params, 'RoleArn', 'roleArn');
      const sessionName = required(params, 'RoleSessionName', 'roleSessionName');
      const role = ROLE_ARN.exec(roleArn);
      if (!role) throw new AwsError('ValidationException', `${roleArn} is invalid`);
      if (!SESSION_NAME.test(sessionName))
        throw new AwsError('ValidationException', "1 validation error detected: Value at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*");
      const [, accountId = '', roleName = ''] = role;
      const assumedRoleId = `${principalId('AROA', roleArn)}:${sessionName}`;
      const arn = `arn:aws:sts::${accountId}:assumed-role/${roleName}/${sessionName}`;
      const key = issue(ctx, { accountId, assumedRole: { arn, assumedRoleId } }, duration(params, 43_200));
      return envelope(
        action,
        `${credentialsXml(key)}<AssumedRoleUser><AssumedRoleId>${xmlEscape(assumedRoleId)}</AssumedRoleId><Arn>${xmlEscape(arn)}</Arn></AssumedRoleUser>`,
        requestId,
      );
    }
    case 'GetSessionToken': {
      if (caller.sessionToken)
        throw new AwsError('AccessDenied', 'Cannot call GetSessionToken with session credentials', { status: 403 });
      const { accessKeyId: _a, secretAccessKey: _s, ...identity } = caller;
      const key = issue(ctx, identity, duration(params, 129_600));
      return envelope(action, credentialsXml(key), requestId);
    }
    default:
      throw new AwsError('InvalidAction', `Could not find operation ${action} for version 2011-06-15`);
  }
}
