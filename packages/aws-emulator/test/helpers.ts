import { execFile } from 'node:child_process';
import { Socket } from 'node:net';
import { KMSClient } from '@aws-sdk/client-kms';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { STSClient } from '@aws-sdk/client-sts';
import { awsClientConfig, hermeticAwsEnv, type HermeticAwsEnvOptions } from '../src/index.js';

// The test process itself must never find real credentials or probe instance metadata either.
Object.assign(process.env, {
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  AWS_CONFIG_FILE: '/dev/null',
  AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  AWS_REGION: 'us-east-1',
  AWS_PAGER: '',
});
delete process.env['AWS_PROFILE'];
delete process.env['AWS_SESSION_TOKEN'];

/**
 * Loopback guard: any socket this test process opens to a non-loopback host throws, so a mis-aimed
 * SDK client (real endpoint, instance metadata) fails the test instead of touching the network.
 */
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|::1|::ffff:127\.0\.0\.1)$/;
const originalConnect = Socket.prototype.connect as (...args: unknown[]) => Socket;
if (!(Socket.prototype.connect as { guarded?: boolean }).guarded) {
  const guarded = function (this: Socket, ...args: unknown[]): Socket {
    const first = args[0] as { host?: string; path?: string } | number | string | unknown[];
    const options = Array.isArray(first) ? (first[0] as { host?: string; path?: string }) : first;
    let host: string | undefined;
    if (typeof options === 'object' && options !== null) host = options.path ? '127.0.0.1' : (options.host ?? 'localhost');
    else if (typeof options === 'number' || /^\d+$/.test(String(options))) host = typeof args[1] === 'string' ? args[1] : 'localhost';
    else host = '127.0.0.1'; // a pipe path
    if (!LOOPBACK.test(host)) throw new Error(`test tried to connect to non-loopback host ${host}`);
    return originalConnect.apply(this, args);
  };
  (guarded as { guarded?: boolean }).guarded = true;
  Socket.prototype.connect = guarded as typeof Socket.prototype.connect;
}

type ClientOptions = Omit<HermeticAwsEnvOptions, 'base' | 'endpoints'> & { maxAttempts?: number };

/** SDK clients aimed at the emulator with explicit fake credentials. */
export function clients(url: string, options: ClientOptions = {}) {
  const { maxAttempts, ...rest } = options;
  const config = { ...awsClientConfig(url, rest), ...(maxAttempts ? { maxAttempts } : {}) };
  return { kms: new KMSClient(config), sm: new SecretsManagerClient(config), sts: new STSClient(config) };
}

/** Result of one `aws` CLI run. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  // biome-ignore lint: parsed CLI JSON is untyped by nature
  json: any;
}

/** Runs the preinstalled `aws` CLI (botocore v1) against the emulator with a hermetic env. */
export function aws(url: string, args: string[], options: HermeticAwsEnvOptions & { stdin?: string } = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = execFile(
      'aws',
      [...args, '--endpoint-url', url, '--output', 'json'],
      { env: hermeticAwsEnv(url, options), timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        let json: unknown;
        try {
          json = stdout.trim() ? JSON.parse(stdout) : undefined;
        } catch {
          json = undefined;
        }
        resolve({ code, stdout, stderr, json });
      },
    );
    if (options.stdin !== undefined) child.stdin?.end(options.stdin);
  });
}

/** Awaits a promise expected to reject and returns the error. */
export async function rejection(promise: Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number; attempts?: number }; $fault?: string }> {
  try {
    await promise;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected the call to fail');
}
