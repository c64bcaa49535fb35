import { readFileSync } from 'node:fs';
import { DEFAULT_ACCOUNT_ID, DEFAULT_REGION, type AccessKey } from './credentials.js';
import { createAliasRecord } from './kms/alias-operations.js';
import { createKeyRecord } from './kms/key-operations.js';
import { addVersion, findSecret } from './secrets-manager/secrets.js';
import { createSecretRecord } from './secrets-manager/write-operations.js';
import type { EmulatorState } from './state.js';

/** A KMS key to create at start-up. */
export interface SeedKey {
  /** Fixed key id (UUID or `mrk-…`); random if omitted. */
  keyId?: string;
  accountId?: string;
  region?: string;
  description?: string;
  /** Default true. */
  enabled?: boolean;
  /** `alias/…` names pointing at this key. */
  aliases?: string[];
  /** Base64 of 32 bytes. With a fixed keyId this makes ciphertexts stable across emulator runs. */
  keyMaterial?: string;
  tags?: Record<string, string>;
}

/** One version of a seeded secret, oldest first. */
export interface SeedSecretVersion {
  secretString?: string;
  /** Base64. */
  secretBinary?: string;
  /** Default `["AWSCURRENT"]` (labels move exactly as with PutSecretValue). */
  stages?: string[];
  versionId?: string;
}

/** A Secrets Manager secret to create at start-up. */
export interface SeedSecret {
  name: string;
  accountId?: string;
  region?: string;
  description?: string;
  /** KMS key (id, ARN or alias) the secret claims to be encrypted with; it must be usable to read the secret. */
  kmsKeyId?: string;
  tags?: Record<string, string>;
  /** Shorthand for one AWSCURRENT version. */
  secretString?: string;
  /** Base64; shorthand for one AWSCURRENT version. */
  secretBinary?: string;
  versions?: SeedSecretVersion[];
}

/** The `--seed` file / `control.seed()` format. Top-level accountId/region are defaults for entries. */
export interface SeedFile {
  accountId?: string;
  region?: string;
  credentials?: AccessKey[];
  keys?: SeedKey[];
  secrets?: SeedSecret[];
}

/** What seeding created, so callers can use the generated ids and ARNs. */
export interface SeedResult {
  keys: { keyId: string; arn: string; aliases: string[] }[];
  secrets: { name: string; arn: string }[];
}

/** Reads and parses a seed file, with the file name in the error. */
export function readSeedFile(path: string): SeedFile {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as SeedFile;
  } catch (e) {
    throw new Error(`cannot read seed file ${path}: ${(e as Error).message}`);
  }
}

/** Applies a seed to the state. Throws (one line) on duplicates or malformed entries. */
export function applySeed(state: EmulatorState, seed: SeedFile): SeedResult {
  const result: SeedResult = { keys: [], secrets: [] };
  const now = state.now();
  for (const credential of seed.credentials ?? []) {
    if (!credential.accessKeyId || !credential.secretAccessKey) throw new Error('seed credentials need accessKeyId and secretAccessKey');
    state.credentials.add({ accountId: seed.accountId, ...credential });
  }
  for (const k of seed.keys ?? []) {
    const accountId = k.accountId ?? seed.accountId ?? DEFAULT_ACCOUNT_ID;
    const region = k.region ?? seed.region ?? DEFAULT_REGION;
    const partition = state.region(accountId, region);
    if (k.keyId && partition.keys.has(k.keyId)) throw new Error(`seed key ${k.keyId} already exists in ${accountId}/${region}`);
    const key = createKeyRecord(state, {
      accountId,
      region,
      keyId: k.keyId,
      description: k.description,
      enabled: k.enabled,
      tags: k.tags,
      material: k.keyMaterial === undefined ? undefined : Buffer.from(k.keyMaterial, 'base64'),
      creationDate: now,
    });
    for (const alias of k.aliases ?? []) createAliasRecord(partition, alias, key, now);
    result.keys.push({ keyId: key.keyId, arn: key.arn, aliases: [...(k.aliases ?? [])] });
  }
  for (const s of seed.secrets ?? []) {
    const accountId = s.accountId ?? seed.accountId ?? DEFAULT_ACCOUNT_ID;
    const region = s.region ?? seed.region ?? DEFAULT_REGION;
    const partition = state.region(accountId, region);
    if (!s.name) throw new Error('seed secrets need a name');
    if (findSecret(partition, s.name)) throw new Error(`seed secret ${s.name} already exists in ${accountId}/${region}`);
    const versions: SeedSecretVersion[] = s.versions ?? (s.secretString !== undefined || s.secretBinary !== undefined ? [{ secretString: s.secretString, secretBinary: s.secretBinary }] : []);
    const secret = createSecretRecord(partition, {
      name: s.name,
      description: s.description,
      kmsKeyId: s.kmsKeyId,
      tags: Object.entries(s.tags ?? {}).map(([Key, Value]) => ({ Key, Value })),
      now,
    });
    for (const v of versions) {
      const value = v.secretBinary !== undefined ? { secretBinary: Buffer.from(v.secretBinary, 'base64') } : { secretString: v.secretString ?? '' };
      addVersion(secret, value, { token: v.versionId, stages: v.stages, now });
    }
    result.secrets.push({ name: secret.name, arn: secret.arn });
  }
  return result;
}
