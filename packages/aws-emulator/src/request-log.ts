/**
 * One served (or faulted) request. Deliberately value-free: no bodies, no plaintexts, no secret
 * strings, only names and ids, so tests can assert on it and users can print it safely.
 */
export interface RequestLogEntry {
  /** 1-based arrival order. */
  seq: number;
  /** ISO time the request arrived. */
  time: string;
  /** `kms`, `secretsmanager`, `sts`, or `unknown`. */
  service: string;
  /** Operation name, e.g. `Decrypt`. */
  operation: string;
  /** Wire target: the `x-amz-target` header, or `STS.<Action>` for the query protocol. */
  target: string;
  /** KeyId / SecretId / alias / name / role the request named (identifiers, never values). */
  resources: string[];
  /** Region of the credential scope. */
  region?: string;
  accessKeyId?: string;
  /** Account the credentials belong to (after verification). */
  accountId?: string;
  /** HTTP status sent; 0 when no response was sent (hang, reset). */
  status: number;
  /** `__type` / `<Code>` of an error response. */
  errorType?: string;
  /** Injected fault, if any. */
  fault?: string;
  /** From `amz-sdk-request: attempt=N; max=M`. */
  attempt?: number;
  maxAttempts?: number;
  /** `amz-sdk-invocation-id`: identical across the retries of one SDK call. */
  invocationId?: string;
  durationMs: number;
}

/** Bounded in-memory request log. */
export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private seq = 0;

  constructor(private readonly limit = 10_000) {}

  /** Reserves the next sequence number. */
  nextSeq(): number {
    return ++this.seq;
  }

  add(entry: RequestLogEntry): void {
    this.entries.push(entry);
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
  }

  /** Entries in arrival order, optionally filtered. */
  list(filter: { service?: string; operation?: string } = {}): RequestLogEntry[] {
    return this.entries
      .filter((e) => (filter.service === undefined || e.service === filter.service) && (filter.operation === undefined || e.operation === filter.operation))
      .sort((a, b) => a.seq - b.seq)
      .map((e) => ({ ...e, resources: [...e.resources] }));
  }

  clear(): void {
    this.entries = [];
  }
}
