/**
 * Failures that look the same for every AWS service (credentials, signatures, access denied,
 * throttling, timeouts, network, unparsable answers, server faults), turned into ProviderErrors.
 * Service-specific errors are mapped by each provider's errors.ts.
 */
import { isProviderError, ProviderError, type ProviderErrorLike } from '@fnox/contract';
import type { AwsSettings } from './aws-settings.js';

/** What a failed call was about, for messages and hints. */
export interface AwsCallContext {
  readonly settings: AwsSettings;
  /** The `[providers.NAME]` name, for hints. */
  readonly providerName: string;
  /** IAM action of the call, e.g. `kms:Decrypt`. */
  readonly action: string;
  /** What the call named, e.g. `key 'alias/app'` or `secret 'myapp/db'`. */
  readonly subject: string;
  /** Text that must never appear in a message (the plaintext being written). */
  readonly secrets?: readonly string[];
  /** Extra sentence for the access-denied hint. */
  readonly deniedHint?: string;
}

/** Upstream fnox diagnostic ids (docs/writing-a-provider.md; docs/troubleshooting.md). */
export const DIAGNOSTICS = {
  authFailed: 'fnox::provider::auth_failed',
  notFound: 'fnox::provider::secret_not_found',
  invalidResponse: 'fnox::provider::invalid_response',
  apiError: 'fnox::provider::api_error',
} as const;

const AUTH_ERRORS = new Set([
  'UnrecognizedClientException', 'InvalidSignatureException', 'MissingAuthenticationTokenException',
  'IncompleteSignatureException', 'ExpiredTokenException', 'InvalidClientTokenId', 'SignatureDoesNotMatch',
  'ExpiredToken', 'MissingAuthenticationToken', 'IncompleteSignature', 'InvalidAccessKeyId', 'AuthFailure',
]);
const CREDENTIAL_ERRORS = new Set(['CredentialsProviderError', 'TokenProviderError', 'ProviderError']);
const DENIED_ERRORS = new Set(['AccessDeniedException', 'AccessDenied']);
const THROTTLING_ERRORS = new Set([
  'ThrottlingException', 'Throttling', 'ThrottledException', 'TooManyRequestsException', 'RequestLimitExceeded',
  'RequestThrottled', 'RequestThrottledException', 'SlowDown', 'BandwidthLimitExceeded', 'ProvisionedThroughputExceededException',
]);
const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed',
  ECONNABORTED: 'connection aborted',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'DNS lookup failed',
};

type SdkError = Error & {
  code?: unknown;
  $fault?: unknown;
  $metadata?: { httpStatusCode?: number; attempts?: number };
};

function asSdkError(error: unknown): SdkError {
  return error instanceof Error ? (error as SdkError) : Object.assign(new Error(String(error)), { name: 'Error' });
}

/** The error's name as the SDK reports it (`NotFoundException`, `TimeoutError`, ...). */
export function errorName(error: unknown): string {
  return asSdkError(error).name || 'Error';
}

/** How many attempts the SDK made, when it says. */
export function attemptCount(error: unknown): number | undefined {
  const attempts = asSdkError(error).$metadata?.attempts;
  return typeof attempts === 'number' ? attempts : undefined;
}

function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join('<redacted>');
  return out;
}

/** The service's message, first line only, without plaintext; `''` when AWS sent none. */
export function awsMessage(error: unknown, secrets?: readonly string[]): string {
  const message = asSdkError(error).message ?? '';
  if (message === '' || message === 'UnknownError' || message === errorName(error)) return '';
  return redact(message.split('\n')[0]!.trim(), secrets);
}

/** A value-free stand-in for the SDK error: name, message, code and metadata, no request or response. */
export function safeCause(error: unknown, secrets?: readonly string[]): Error {
  const e = asSdkError(error);
  const cause = new Error(redact(`${errorName(e)}: ${(e.message ?? '').split('\n')[0]}`, secrets));
  cause.name = errorName(e);
  return Object.assign(cause, { code: e.code, $metadata: e.$metadata });
}

/** ` after N attempts` when the SDK retried, else `''`. */
function afterAttempts(error: unknown): string {
  const attempts = attemptCount(error);
  return attempts !== undefined && attempts > 1 ? ` after ${attempts} attempts` : '';
}

function withDetail(name: string, message: string): string {
  return message === '' ? name : `${name}: ${message}`;
}

function fail(code: ProviderError['code'], message: string, hint: string, error: unknown, ctx: AwsCallContext, diagnostic?: string): ProviderError {
  return new ProviderError(code, redact(message, ctx.secrets), {
    hint: redact(hint, ctx.secrets),
    cause: safeCause(error, ctx.secrets),
    ...(diagnostic === undefined ? {} : { diagnostic }),
  });
}

function credentialsHint(settings: AwsSettings): string {
  return settings.profile === undefined
    ? "Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, pick a profile (AWS_PROFILE or the provider's `profile`), or run `aws sso login`"
    : `Check profile '${settings.profile}' in your AWS config files, or run \`aws sso login --profile ${settings.profile}\``;
}

/**
 * Map a failure every AWS service can produce. Returns undefined for service-specific errors,
 * which the caller maps itself (falling back to {@link apiError}).
 */
export function commonAwsError(error: unknown, ctx: AwsCallContext): ProviderErrorLike | undefined {
  if (isProviderError(error)) return error;
  const e = asSdkError(error);
  const name = errorName(e);
  const code = typeof e.code === 'string' ? e.code : undefined;
  const { display, endpointLabel } = { display: ctx.settings.service.display, endpointLabel: ctx.settings.endpointLabel };
  const message = awsMessage(e, ctx.secrets);

  if (CREDENTIAL_ERRORS.has(name)) {
    const detail = message === '' ? 'no AWS credentials found' : `no usable AWS credentials (${message})`;
    return fail('auth', `${display}: authentication failed: ${detail}`, credentialsHint(ctx.settings), e, ctx, DIAGNOSTICS.authFailed);
  }
  if (AUTH_ERRORS.has(name)) {
    const expired = /expired/i.test(name) || /expired/i.test(message);
    const hint = expired
      ? 'Your AWS session expired: refresh your credentials or run `aws sso login`'
      : `The credentials were rejected: check AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or the profile, and that region '${ctx.settings.region}' is right`;
    return fail('auth', `${display}: authentication failed: ${withDetail(name, message)}`, hint, e, ctx, DIAGNOSTICS.authFailed);
  }
  if (DENIED_ERRORS.has(name)) {
    const hint = `Check IAM permissions for ${ctx.action} on ${ctx.subject} (region ${ctx.settings.region})${ctx.deniedHint ? `; ${ctx.deniedHint}` : ''}`;
    return fail('denied', `${display}: access denied: ${ctx.action} on ${ctx.subject}${message ? `: ${message}` : ''}`, hint, e, ctx);
  }
  if (THROTTLING_ERRORS.has(name) || e.$metadata?.httpStatusCode === 429) {
    return fail(
      'throttled',
      `${display}: request throttled${afterAttempts(e)} (${withDetail(name, message)})`,
      'AWS is rate-limiting this account and region: try again shortly, or raise AWS_MAX_ATTEMPTS to retry longer',
      e,
      ctx,
    );
  }
  if (name === 'AbortError') {
    return fail('timeout', `${display}: request to ${endpointLabel} was cancelled`, 'The command was interrupted or ran out of time', e, ctx);
  }
  if (code !== undefined && code in NETWORK_CODES) {
    return fail(
      'network',
      `${display}: cannot reach ${endpointLabel}${afterAttempts(e)}: ${NETWORK_CODES[code]} (${code})`,
      `Check the endpoint (provider 'endpoint', AWS_ENDPOINT_URL_${ctx.settings.service.envId} or AWS_ENDPOINT_URL), the region and your network or proxy`,
      e,
      ctx,
    );
  }
  if (name === 'TimeoutError' || code === 'ETIMEDOUT') {
    const connecting = /establish a connection/.test(e.message ?? '');
    const each = afterAttempts(e) === '' ? '' : ' each';
    const detail = connecting
      ? `could not connect to ${endpointLabel}${afterAttempts(e)} (${ctx.settings.connectionTimeoutMs} ms${each})`
      : `request to ${endpointLabel} timed out${afterAttempts(e)} (no answer within ${ctx.settings.requestTimeoutMs} ms${each})`;
    return fail(
      'timeout',
      `${display}: ${detail}`,
      `Check network access to ${endpointLabel}; set ${connecting ? 'FNOX_AWS_CONNECT_TIMEOUT_MS' : 'FNOX_AWS_TIMEOUT_MS'} (milliseconds) to wait longer`,
      e,
      ctx,
    );
  }
  if (code !== undefined && /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) {
    return fail('network', `${display}: TLS failure talking to ${endpointLabel} (${code})`, 'Check the endpoint URL; behind a TLS-inspecting proxy set NODE_EXTRA_CA_CERTS', e, ctx);
  }
  if (name === 'SyntaxError' || /Deserialization error/.test(e.message ?? '')) {
    return fail(
      'invalid-response',
      `${display}: invalid response: ${endpointLabel} did not answer with a valid ${display} response (${name})`,
      `Check that the endpoint points at ${display} (or a compatible emulator)`,
      e,
      ctx,
      DIAGNOSTICS.invalidResponse,
    );
  }
  return undefined;
}

/** The fallback: `<Display>: API error: <Name>: <message>`. */
export function apiError(error: unknown, ctx: AwsCallContext): ProviderErrorLike {
  const e = asSdkError(error);
  const server = e.$fault === 'server' || (e.$metadata?.httpStatusCode ?? 0) >= 500;
  const hint = server
    ? `${ctx.settings.service.display} failed internally; try again later`
    : `${ctx.action} on ${ctx.subject} was rejected; check provider '${ctx.providerName}' (region ${ctx.settings.region})`;
  const attempts = afterAttempts(e) === '' ? '' : ` (${afterAttempts(e).trim()})`;
  return fail('api', `${ctx.settings.service.display}: API error: ${withDetail(errorName(e), awsMessage(e, ctx.secrets))}${attempts}`, hint, e, ctx, DIAGNOSTICS.apiError);
}

/** {@link commonAwsError}, else `specific`, else {@link apiError}. */
export function mapAwsError(
  error: unknown,
  ctx: AwsCallContext,
  specific: (name: string, message: string) => ProviderErrorLike | undefined = () => undefined,
): ProviderErrorLike {
  return commonAwsError(error, ctx) ?? specific(errorName(error), awsMessage(error, ctx.secrets)) ?? apiError(error, ctx);
}
