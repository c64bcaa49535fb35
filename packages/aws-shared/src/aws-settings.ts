/** Connection settings of an AWS provider, read from the provider table and `ctx.env`. */

/** What a provider must know about the AWS service it talks to. */
export interface AwsService {
  /** Prefix of every message: `AWS KMS`, `AWS Secrets Manager`. */
  readonly display: string;
  /** Endpoint prefix and IAM action prefix: `kms`, `secretsmanager`. */
  readonly prefix: string;
  /** The SDK's service id as used in `AWS_ENDPOINT_URL_<ID>`: `KMS`, `SECRETS_MANAGER`. */
  readonly envId: string;
}

/** The connection fields every AWS provider table has (docs/providers/aws-kms.md; docs/providers/aws-sm.md). */
export interface AwsFields {
  readonly region: string;
  readonly profile?: string;
  readonly endpoint?: string;
  readonly role_arn?: string;
}

/** Static credentials taken from the environment. */
export interface StaticCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/** Everything needed to build an SDK client, resolved once per provider instance. */
export interface AwsSettings {
  readonly service: AwsService;
  readonly region: string;
  /** Shared-config profile: the provider's `profile`, else `AWS_PROFILE`. */
  readonly profile: string | undefined;
  /** Explicit endpoint (provider `endpoint`, `AWS_ENDPOINT_URL_<ID>`, `AWS_ENDPOINT_URL`); unset lets the SDK decide. */
  readonly endpoint: string | undefined;
  /** The endpoint as shown in messages (the AWS default when none is configured). */
  readonly endpointLabel: string;
  /** Endpoint for STS when a role is assumed: the provider's `endpoint` applies to STS too (docs/providers/aws-kms.md). */
  readonly stsEndpoint: string | undefined;
  readonly roleArn: string | undefined;
  /** From `AWS_MAX_ATTEMPTS`; unset keeps the SDK's own default (3, or the config file's `max_attempts`). */
  readonly maxAttempts: number | undefined;
  readonly connectionTimeoutMs: number;
  readonly requestTimeoutMs: number;
  /** `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY` from `ctx.env`, used when no profile is in play. */
  readonly credentials: StaticCredentials | undefined;
}

/** Default TCP connect timeout. The SDK has none; real AWS connects in well under a second. */
export const DEFAULT_CONNECTION_TIMEOUT_MS = 5_000;
/** Default time for one attempt's request and response. The SDK has none and would hang forever. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;
/** Sockets per client: batch reads run this many calls at once (docs/providers/aws-kms.md batch concurrency 100). */
export const MAX_SOCKETS = 100;

type Env = Readonly<Record<string, string | undefined>>;

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

function positiveInteger(env: Env, name: string, warn: (message: string) => void): number | undefined {
  const raw = nonEmpty(env[name]);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (Number.isInteger(value) && value > 0) return value;
  warn(`Ignoring ${name}='${raw}': expected a positive integer`);
  return undefined;
}

function isTrue(value: string | undefined): boolean {
  return value !== undefined && ['1', 'true', 'yes', 'on'].includes(value.trim().toLowerCase());
}

/**
 * Resolve the settings of one provider instance. Only `ctx.env` is read (the CLI passes
 * `process.env`); whatever is left unset here the SDK resolves itself (config files, SSO, IMDS).
 */
export function awsSettings(service: AwsService, fields: AwsFields, env: Env, warn: (message: string) => void): AwsSettings {
  const ignoreEnvEndpoints = isTrue(env['AWS_IGNORE_CONFIGURED_ENDPOINT_URLS']);
  const fromEnv = (id: string) => (ignoreEnvEndpoints ? undefined : nonEmpty(env[`AWS_ENDPOINT_URL_${id}`]) ?? nonEmpty(env['AWS_ENDPOINT_URL']));
  const endpoint = nonEmpty(fields.endpoint) ?? fromEnv(service.envId);
  const profile = nonEmpty(fields.profile) ?? nonEmpty(env['AWS_PROFILE']);
  const accessKeyId = nonEmpty(env['AWS_ACCESS_KEY_ID']);
  const secretAccessKey = nonEmpty(env['AWS_SECRET_ACCESS_KEY']);
  const sessionToken = nonEmpty(env['AWS_SESSION_TOKEN']);
  // With a profile the SDK's chain skips environment keys; without one, hand them over directly so
  // an injected ctx.env (Node API, tests) is honoured even when process.env differs.
  const credentials =
    profile === undefined && accessKeyId !== undefined && secretAccessKey !== undefined
      ? { accessKeyId, secretAccessKey, ...(sessionToken === undefined ? {} : { sessionToken }) }
      : undefined;
  return {
    service,
    region: fields.region,
    profile,
    endpoint,
    endpointLabel: endpoint ?? `https://${service.prefix}.${fields.region}.amazonaws.com`,
    stsEndpoint: nonEmpty(fields.endpoint) ?? fromEnv('STS'),
    roleArn: nonEmpty(fields.role_arn),
    maxAttempts: positiveInteger(env, 'AWS_MAX_ATTEMPTS', warn),
    connectionTimeoutMs: positiveInteger(env, 'FNOX_AWS_CONNECT_TIMEOUT_MS', warn) ?? DEFAULT_CONNECTION_TIMEOUT_MS,
    requestTimeoutMs: positiveInteger(env, 'FNOX_AWS_TIMEOUT_MS', warn) ?? DEFAULT_REQUEST_TIMEOUT_MS,
    credentials,
  };
}

/**
 * Constructor options common to every SDK client of a provider: region, endpoint, profile, retries
 * and, above all, explicit timeouts (without them a silent server hangs fnox forever).
 */
export function clientOptions(settings: AwsSettings, endpoint: string | undefined): Record<string, unknown> {
  return {
    region: settings.region,
    ...(endpoint === undefined ? {} : { endpoint }),
    ...(settings.profile === undefined ? {} : { profile: settings.profile }),
    ...(settings.maxAttempts === undefined ? {} : { maxAttempts: settings.maxAttempts }),
    requestHandler: {
      connectionTimeout: settings.connectionTimeoutMs,
      requestTimeout: settings.requestTimeoutMs,
      throwOnRequestTimeout: true,
      httpAgent: { keepAlive: true, maxSockets: MAX_SOCKETS },
      httpsAgent: { keepAlive: true, maxSockets: MAX_SOCKETS },
    },
  };
}

/** The role ARN shape docs/providers/aws-kms.md requires: `arn:<partition>:iam::<12 digits>:role/<name>`. */
export const ROLE_ARN_PATTERN = /^arn:[a-z][a-z0-9-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;

/** Validation problems with the common AWS fields, as `[field, message]` pairs. */
export function awsFieldIssues(fields: Partial<Record<keyof AwsFields, unknown>>): [keyof AwsFields, string][] {
  const issues: [keyof AwsFields, string][] = [];
  const { region, endpoint, role_arn: roleArn } = fields;
  if (typeof region === 'string' && !/^[a-z0-9-]+$/.test(region)) {
    issues.push(['region', `'${region}' is not a valid AWS region - expected e.g. us-east-1`]);
  }
  if (typeof endpoint === 'string' && !/^https?:\/\/[^\s/]+/.test(endpoint)) {
    issues.push(['endpoint', `'${endpoint}' is not a valid endpoint URL - expected e.g. http://localhost:4566`]);
  }
  if (typeof roleArn === 'string' && !ROLE_ARN_PATTERN.test(roleArn)) {
    issues.push(['role_arn', `'${roleArn}' is not a valid IAM role ARN - expected arn:aws:iam::123456789012:role/my-role`]);
  }
  return issues;
}

const NODE_WARNING = 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED';

/**
 * Construct an SDK client without its once-per-process Node-version warning (it would print on
 * every shell prompt and the user can do nothing about it per command). The variable is set only
 * for the constructor call, unless the user set it; process.env is left as it was.
 */
export function constructQuietly<T>(make: () => T): T {
  if (process.env[NODE_WARNING] !== undefined) return make();
  process.env[NODE_WARNING] = 'true';
  try {
    return make();
  } finally {
    delete process.env[NODE_WARNING];
  }
}
