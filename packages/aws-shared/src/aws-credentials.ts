/**
 * Credentials for the SDK client: static keys from `ctx.env`, the SDK's own chain (profile, SSO,
 * web identity, IMDS...), and optionally STS AssumeRole on top (docs/providers/aws-kms.md `role_arn`).
 * `@aws-sdk/client-sts` is imported only when a role is configured: it stays external in the
 * provider bundles, so each provider declares it as its own dependency.
 */
import { ProviderError } from '@fnox/contract';
import { DIAGNOSTICS, mapAwsError, type AwsCallContext } from './aws-errors.js';
import { clientOptions, constructQuietly, type AwsSettings } from './aws-settings.js';

/** What the SDK expects from a credentials provider. */
export interface AwsIdentity {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
}

/** The `credentials` client option: static keys, a provider function, or the SDK default chain. */
export type CredentialsOption = AwsIdentity | (() => Promise<AwsIdentity>) | undefined;

/** The session name upstream fnox uses, so CloudTrail shows the same caller. */
export const ROLE_SESSION_NAME = 'fnox';
/** Assumed credentials are renewed this long before they expire. */
const REFRESH_MARGIN_MS = 5 * 60_000;

/** Credentials for one provider instance; `dispose()` closes the STS client if one was made. */
export interface CredentialSource {
  readonly credentials: CredentialsOption;
  dispose(): void;
}

/** Static keys or the SDK chain, plus AssumeRole when `settings.roleArn` is set. */
export function credentialSource(settings: AwsSettings, providerName: string, signal: AbortSignal): CredentialSource {
  const base: CredentialsOption = settings.credentials;
  const roleArn = settings.roleArn;
  if (roleArn === undefined) return { credentials: base, dispose() {} };

  let sts: Promise<{ send(input: { RoleArn: string; RoleSessionName: string }): Promise<unknown>; destroy(): void }> | undefined;
  let current: { promise: Promise<AwsIdentity>; expires: number } | undefined;
  const ctx: AwsCallContext = { settings, providerName, action: 'sts:AssumeRole', subject: `role '${roleArn}'` };

  const loadSts = async () => {
    const { STSClient, AssumeRoleCommand } = await import('@aws-sdk/client-sts');
    const client = constructQuietly(
      () => new STSClient({ ...clientOptions(settings, settings.stsEndpoint), ...(base === undefined ? {} : { credentials: base }) }),
    );
    return {
      send: (input: { RoleArn: string; RoleSessionName: string }) => client.send(new AssumeRoleCommand(input), { abortSignal: signal }),
      destroy: () => client.destroy(),
    };
  };

  const assume = async (): Promise<AwsIdentity> => {
    sts ??= loadSts();
    const client = await sts;
    let out: { Credentials?: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string; Expiration?: Date } };
    try {
      out = (await client.send({ RoleArn: roleArn, RoleSessionName: ROLE_SESSION_NAME })) as typeof out;
    } catch (error) {
      const mapped = mapAwsError(error, { ...ctx, deniedHint: "the role's trust policy must allow your credentials to assume it" });
      const prefix = `${settings.service.display}: `;
      const detail = mapped.message.startsWith(prefix) ? mapped.message.slice(prefix.length) : mapped.message;
      throw new ProviderError(mapped.code, `${prefix}could not assume role '${roleArn}': ${detail}`, {
        hint: mapped.hint ?? 'Check role_arn and your base credentials',
        cause: mapped.cause,
        ...(mapped.diagnostic === undefined ? {} : { diagnostic: mapped.diagnostic }),
      });
    }
    const c = out.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey) {
      throw new ProviderError('invalid-response', `${settings.service.display}: invalid response: AssumeRole for '${roleArn}' returned no credentials`, {
        diagnostic: DIAGNOSTICS.invalidResponse,
      });
    }
    return {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      ...(c.SessionToken === undefined ? {} : { sessionToken: c.SessionToken }),
      ...(c.Expiration === undefined ? {} : { expiration: c.Expiration }),
    };
  };

  // One AssumeRole per instance, shared by concurrent calls; renewed near expiry, retried after a failure.
  const credentials = (): Promise<AwsIdentity> => {
    if (current === undefined || Date.now() >= current.expires) {
      const promise = assume();
      const entry = { promise, expires: Number.POSITIVE_INFINITY };
      current = entry;
      promise.then(
        (identity) => {
          if (identity.expiration) entry.expires = identity.expiration.getTime() - REFRESH_MARGIN_MS;
        },
        () => {
          if (current === entry) current = undefined;
        },
      );
    }
    return current.promise;
  };

  return {
    credentials,
    dispose() {
      const pending = sts;
      sts = undefined;
      pending?.then((client) => client.destroy(), () => {});
    },
  };
}
