import { DEFAULT_ACCESS_KEY_ID, DEFAULT_REGION, DEFAULT_SECRET_ACCESS_KEY } from './credentials.js';

/** Options for {@link hermeticAwsEnv} and {@link awsClientConfig}. */
export interface HermeticAwsEnvOptions {
  /** Region for `AWS_REGION` / `AWS_DEFAULT_REGION` (default `us-east-1`). */
  region?: string;
  /** Default `test`. */
  accessKeyId?: string;
  /** Default `test`. */
  secretAccessKey?: string;
  sessionToken?: string;
  /**
   * Environment to start from (default `process.env`). Every `AWS_*` variable and proxy variable in it is
   * dropped first, so a developer's real profile, SSO session or role can never leak into a test.
   * Pass `{}` for a minimal environment.
   */
  base?: NodeJS.ProcessEnv;
  /** Point `AWS_ENDPOINT_URL*` at the emulator (default true). */
  endpoints?: boolean;
}

const PROXY_VARS = ['HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY', 'http_proxy', 'https_proxy', 'all_proxy'];

/**
 * An environment for spawned processes (the `aws` CLI, a built `fnox`) that talks only to the emulator
 * at `url`: fake static credentials, no config/credential files, no instance-metadata probing (which
 * would contact a link-local address), no pager, no proxies, the SDK's Node-version warning silenced,
 * and every service endpoint (`AWS_ENDPOINT_URL`, `_KMS`, `_SECRETS_MANAGER`, `_STS`) set to `url`.
 *
 * @example
 * execFile('aws', ['kms', 'list-keys'], { env: hermeticAwsEnv(emu.url) })
 */
export function hermeticAwsEnv(url: string, options: HermeticAwsEnvOptions = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(options.base ?? process.env)) {
    if (value === undefined || name.startsWith('AWS_') || PROXY_VARS.includes(name)) continue;
    env[name] = value;
  }
  const region = options.region ?? DEFAULT_REGION;
  Object.assign(env, {
    AWS_ACCESS_KEY_ID: options.accessKeyId ?? DEFAULT_ACCESS_KEY_ID,
    AWS_SECRET_ACCESS_KEY: options.secretAccessKey ?? DEFAULT_SECRET_ACCESS_KEY,
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_PAGER: '',
    NO_PROXY: '127.0.0.1,localhost,::1',
    no_proxy: '127.0.0.1,localhost,::1',
  });
  if (options.sessionToken) env['AWS_SESSION_TOKEN'] = options.sessionToken;
  if (options.endpoints ?? true) {
    env['AWS_ENDPOINT_URL'] = url;
    env['AWS_ENDPOINT_URL_KMS'] = url;
    env['AWS_ENDPOINT_URL_SECRETS_MANAGER'] = url;
    env['AWS_ENDPOINT_URL_STS'] = url;
  }
  return env;
}

/** Constructor options for an SDK v3 client pointed at the emulator (structurally typed: no SDK import). */
export interface AwsClientConfig {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

/**
 * Client config for `new KMSClient(...)` etc. Explicit credentials mean the SDK never walks its
 * credential chain (files, SSO, instance metadata).
 */
export function awsClientConfig(url: string, options: Omit<HermeticAwsEnvOptions, 'base' | 'endpoints'> = {}): AwsClientConfig {
  return {
    endpoint: url,
    region: options.region ?? DEFAULT_REGION,
    credentials: {
      accessKeyId: options.accessKeyId ?? DEFAULT_ACCESS_KEY_ID,
      secretAccessKey: options.secretAccessKey ?? DEFAULT_SECRET_ACCESS_KEY,
      ...(options.sessionToken ? { sessionToken: options.sessionToken } : {}),
    },
  };
}
