import { CredentialStore, type AccessKey } from './credentials.js';

/** A KMS key as the emulator stores it. Only symmetric `ENCRYPT_DECRYPT` keys are modelled. */
export interface KmsKey {
  keyId: string;
  arn: string;
  accountId: string;
  region: string;
  description: string;
  keyState: 'Enabled' | 'Disabled' | 'PendingDeletion';
  creationDate: number;
  deletionDate?: number;
  pendingWindowInDays?: number;
  multiRegion: boolean;
  tags: Record<string, string>;
  /** 32-byte AES key; never leaves the emulator except in `--state` files. */
  material: Buffer;
  /** 32-byte opaque handle written into ciphertext blobs (the "backing key id"). */
  handle: Buffer;
  /** Backing keys replaced by rotation, oldest first; ciphertexts made with them still decrypt. */
  previous?: BackingKey[];
  /** Automatic rotation (EnableKeyRotation); off when absent. */
  rotation?: { periodInDays: number; nextRotationDate: number };
  /** Completed rotations, oldest first (ListKeyRotations). */
  rotations?: { date: number; type: 'AUTOMATIC' | 'ON_DEMAND' }[];
}

/** One version of a key's material, as ciphertexts name it. */
export interface BackingKey {
  material: Buffer;
  handle: Buffer;
}

type PersistedBacking = { material: string; handle: string };

/** A KMS alias. */
export interface KmsAlias {
  aliasName: string;
  aliasArn: string;
  targetKeyId: string;
  creationDate: number;
  lastUpdatedDate: number;
}

/** One version of a secret's value. */
export interface SecretVersion {
  versionId: string;
  secretString?: string;
  secretBinary?: Buffer;
  stages: string[];
  createdDate: number;
}

/** A Secrets Manager secret. */
export interface Secret {
  arn: string;
  name: string;
  description?: string;
  kmsKeyId?: string;
  tags: { Key: string; Value: string }[];
  createdDate: number;
  lastChangedDate: number;
  lastAccessedDate?: number;
  deletedDate?: number;
  /** Insertion-ordered, oldest first. */
  versions: Map<string, SecretVersion>;
}

/** Everything one account has in one region. */
export interface RegionState {
  accountId: string;
  region: string;
  keys: Map<string, KmsKey>;
  aliases: Map<string, KmsAlias>;
  /** Keyed by ARN. */
  secrets: Map<string, Secret>;
}

/** The emulator's whole mutable state, partitioned by account and region like AWS. */
export class EmulatorState {
  readonly credentials: CredentialStore;
  private readonly partitions = new Map<string, RegionState>();
  /** Ciphertext handle (hex) → key, across all accounts and regions, so Decrypt can find the key. */
  private readonly handles = new Map<string, KmsKey>();
  /** Added to wall time for state decisions (deletion windows, token expiry); see `control.advanceClock`. */
  clockOffsetMs = 0;

  constructor(includeDefaultCredentials = true) {
    this.credentials = new CredentialStore(includeDefaultCredentials);
  }

  /** Emulated time in epoch ms. */
  now(): number {
    return Date.now() + this.clockOffsetMs;
  }

  /** The partition for `accountId`/`region`, created on first use; expired deletions are purged first. */
  region(accountId: string, region: string): RegionState {
    const id = `${accountId}/${region}`;
    let partition = this.partitions.get(id);
    if (!partition) {
      partition = { accountId, region, keys: new Map(), aliases: new Map(), secrets: new Map() };
      this.partitions.set(id, partition);
    }
    this.purgeExpired(partition);
    return partition;
  }

  /** All partitions (for persistence and tests). */
  allRegions(): RegionState[] {
    return [...this.partitions.values()];
  }

  /** Stores a key and indexes its ciphertext handles (current and rotated-out). */
  addKey(key: KmsKey): void {
    this.region(key.accountId, key.region).keys.set(key.keyId, key);
    for (const backing of [key, ...(key.previous ?? [])]) this.indexHandle(key, backing.handle);
  }

  /** Lets Decrypt find `key` from ciphertexts carrying `handle` (a new backing key after rotation). */
  indexHandle(key: KmsKey, handle: Buffer): void {
    this.handles.set(handle.toString('hex'), key);
  }

  /**
   * The key a ciphertext handle was made by, including keys deleted since (so Decrypt can tell "your
   * key is gone" from "this is not a ciphertext"); check {@link isLive} before using it.
   */
  keyByHandle(handle: Buffer): KmsKey | undefined {
    return this.handles.get(handle.toString('hex'));
  }

  /** True while `key` is still stored (not deleted or reset away). */
  isLive(key: KmsKey): boolean {
    return this.partitions.get(`${key.accountId}/${key.region}`)?.keys.get(key.keyId) === key;
  }

  /** Drops all keys, aliases, secrets and extra credentials. */
  reset(): void {
    this.partitions.clear();
    this.handles.clear();
    this.credentials.reset();
    this.clockOffsetMs = 0;
  }

  /** Serialises the state (key material and secret values included: the file is for tests only). */
  toJSON(): PersistedState {
    return {
      version: 1,
      clockOffsetMs: this.clockOffsetMs,
      credentials: this.credentials.list(),
      regions: this.allRegions().map((r) => ({
        accountId: r.accountId,
        region: r.region,
        keys: [...r.keys.values()].map(({ previous, ...k }) => ({
          ...k,
          ...encodeBacking(k),
          ...(previous ? { previous: previous.map(encodeBacking) } : {}),
        })),
        aliases: [...r.aliases.values()],
        secrets: [...r.secrets.values()].map((s) => ({
          ...s,
          versions: [...s.versions.values()].map((v) => ({ ...v, secretBinary: v.secretBinary?.toString('base64') })),
        })),
      })),
    };
  }

  /** Replaces the state with a {@link toJSON} snapshot. */
  load(data: PersistedState): void {
    if (data.version !== 1) throw new Error(`unsupported emulator state version ${String(data.version)}`);
    this.reset();
    this.clockOffsetMs = data.clockOffsetMs ?? 0;
    for (const key of data.credentials ?? []) this.credentials.add(key);
    for (const r of data.regions ?? []) {
      const partition = this.region(r.accountId, r.region);
      for (const { previous, ...k } of r.keys) this.addKey({ ...k, ...decodeBacking(k), ...(previous ? { previous: previous.map(decodeBacking) } : {}) });
      for (const a of r.aliases) partition.aliases.set(a.aliasName, a);
      for (const s of r.secrets) {
        const versions = new Map<string, SecretVersion>();
        for (const v of s.versions) {
          const { secretBinary, ...rest } = v;
          versions.set(v.versionId, secretBinary === undefined ? rest : { ...rest, secretBinary: Buffer.from(secretBinary, 'base64') });
        }
        partition.secrets.set(s.arn, { ...s, versions });
      }
    }
  }

  private purgeExpired(partition: RegionState): void {
    const now = this.now();
    for (const [arn, secret] of partition.secrets)
      if (secret.deletedDate !== undefined && secret.deletedDate <= now) partition.secrets.delete(arn);
    for (const [id, key] of partition.keys) {
      if (key.deletionDate === undefined || key.deletionDate > now) continue;
      partition.keys.delete(id);
      for (const [name, alias] of partition.aliases) if (alias.targetKeyId === id) partition.aliases.delete(name);
    }
  }
}

/** The `--state` file format (version 1). */
export interface PersistedState {
  version: number;
  clockOffsetMs?: number;
  credentials?: AccessKey[];
  regions?: {
    accountId: string;
    region: string;
    keys: (Omit<KmsKey, 'material' | 'handle' | 'previous'> & PersistedBacking & { previous?: PersistedBacking[] })[];
    aliases: KmsAlias[];
    secrets: (Omit<Secret, 'versions'> & { versions: (Omit<SecretVersion, 'secretBinary'> & { secretBinary?: string })[] })[];
  }[];
}

function encodeBacking(b: BackingKey): PersistedBacking {
  return { material: b.material.toString('base64'), handle: b.handle.toString('base64') };
}

function decodeBacking(b: PersistedBacking): BackingKey {
  return { material: Buffer.from(b.material, 'base64'), handle: Buffer.from(b.handle, 'base64') };
}
