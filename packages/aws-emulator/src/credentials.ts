import { principalId } from './ids.js';

/** The account used when a credential names none (LocalStack's convention). */
export const DEFAULT_ACCOUNT_ID = '000000000000';
/** The region used when nothing names one. */
export const DEFAULT_REGION = 'us-east-1';
/** The access key pair every emulator accepts unless told otherwise. */
export const DEFAULT_ACCESS_KEY_ID = 'test';
/** Secret for {@link DEFAULT_ACCESS_KEY_ID}. */
export const DEFAULT_SECRET_ACCESS_KEY = 'test';

/** An access key the emulator accepts. */
export interface AccessKey {
  accessKeyId: string;
  secretAccessKey: string;
  /** 12-digit account the key belongs to; state is partitioned by it. Default `000000000000`. */
  accountId?: string;
  /** Session credentials: requests must carry this exact `x-amz-security-token`. */
  sessionToken?: string;
  /** Epoch ms after which requests fail with `ExpiredTokenException`. */
  expiration?: number;
  /** IAM user name reported by GetCallerIdentity (default: the account root). */
  userName?: string;
  /** Set for AssumeRole credentials: the `assumed-role` ARN and id reported by GetCallerIdentity. */
  assumedRole?: { arn: string; assumedRoleId: string };
}

/** Who signed a request, as GetCallerIdentity reports it. */
export interface CallerIdentity {
  accountId: string;
  arn: string;
  userId: string;
}

/** The set of access keys the emulator accepts (static keys, seeded keys and AssumeRole results). */
export class CredentialStore {
  private readonly keys = new Map<string, AccessKey>();

  constructor(private readonly includeDefault = true) {
    this.reset();
  }

  /** Adds or replaces a key. */
  add(key: AccessKey): void {
    this.keys.set(key.accessKeyId, { ...key });
  }

  /** Looks a key up by id. */
  get(accessKeyId: string): AccessKey | undefined {
    return this.keys.get(accessKeyId);
  }

  /** All keys, for persistence. */
  list(): AccessKey[] {
    return [...this.keys.values()].map((k) => ({ ...k }));
  }

  /** Back to only the default `test`/`test` key (unless disabled). */
  reset(): void {
    this.keys.clear();
    if (this.includeDefault)
      this.add({ accessKeyId: DEFAULT_ACCESS_KEY_ID, secretAccessKey: DEFAULT_SECRET_ACCESS_KEY });
  }
}

/** The identity GetCallerIdentity reports for `key`. */
export function identityOf(key: AccessKey): CallerIdentity {
  const accountId = key.accountId ?? DEFAULT_ACCOUNT_ID;
  if (key.assumedRole) return { accountId, arn: key.assumedRole.arn, userId: key.assumedRole.assumedRoleId };
  if (key.userName)
    return {
      accountId,
      arn: `arn:aws:iam::${accountId}:user/${key.userName}`,
      userId: principalId('AIDA', `${accountId}/${key.userName}`),
    };
  return { accountId, arn: `arn:aws:iam::${accountId}:root`, userId: accountId };
}
