import { randomUUID } from 'node:crypto';

/** What a fault does to a matching request (see faults.ts). */
export type FaultAction =
  /** 400 `ThrottlingException` / `Rate exceeded` (STS: `Throttling`), optionally with `Retry-After`. */
  | { type: 'throttle'; retryAfterSeconds?: number }
  /** Any modeled error: e.g. 500 `KMSInternalException`, 503 `DependencyTimeoutException`, 501 to prove non-retry. */
  | { type: 'error'; errorType: string; status: number; message?: string }
  /** Delay before handling normally (trips client timeouts without failing the request). */
  | { type: 'latency'; ms: number }
  /** Accept and never answer; only the client's timeout (or `stop()`) ends it. */
  | { type: 'hang' }
  /** Destroy the socket without a response (SDK: `socket hang up` / ECONNRESET, retried). */
  | { type: 'reset' }
  /** 200 with a body that is not the protocol's format (deserialization error, not retried). */
  | { type: 'garbage'; body?: string }
  /** Headers and part of the body, then the socket is destroyed. */
  | { type: 'truncate' };

/** Which requests a fault applies to, and when. All matchers are optional (unset = any). */
export interface FaultRule {
  /** `kms`, `secretsmanager` or `sts`. */
  service?: string;
  /** Operation name without prefix, e.g. `Decrypt`, `GetSecretValue`, `AssumeRole`. */
  operation?: string;
  /** Exact KeyId / SecretId / AliasName / Name / RoleArn value the request names. */
  resource?: string;
  accessKeyId?: string;
  region?: string;
  /** Fire on at most this many matching requests, then stop (default: forever). */
  times?: number;
  /** Let this many matching requests through before the rule can fire. */
  skip?: number;
  /** Fire on every k-th matching request only (after `skip`). */
  every?: number;
  /** Fire only while the SDK attempt number (`amz-sdk-request: attempt=N`) is ≤ this. */
  maxAttempt?: number;
  /** Fire with this probability, from a PRNG seeded by `seed` (deterministic per rule). */
  probability?: number;
  seed?: number;
  action: FaultAction;
}

/** A rule plus its live counters. */
export interface FaultStatus {
  id: string;
  rule: FaultRule;
  /** Matching requests seen. */
  seen: number;
  /** Times the rule fired. */
  hits: number;
}

/** The facts about a request that rules match on. */
export interface FaultSubject {
  service: string;
  operation: string;
  resources: string[];
  accessKeyId?: string;
  region?: string;
  attempt?: number;
}

/** The outcome for one request: total injected delay, and at most one terminal fault. */
export interface FaultDecision {
  delayMs: number;
  fault?: Exclude<FaultAction, { type: 'latency' }>;
  ruleIds: string[];
}

/** The ordered set of fault rules. Latency rules add up; the first other rule that fires wins. */
export class FaultRegistry {
  private readonly rules = new Map<string, FaultStatus & { rng?: () => number }>();

  /** Adds a rule; returns its id. */
  add(rule: FaultRule, id: string = randomUUID()): string {
    validate(rule);
    const rng = rule.probability === undefined ? undefined : mulberry32(rule.seed ?? 1);
    this.rules.set(id, { id, rule: structuredClone(rule), seen: 0, hits: 0, rng });
    return id;
  }

  remove(id: string): boolean {
    return this.rules.delete(id);
  }

  clear(): void {
    this.rules.clear();
  }

  list(): FaultStatus[] {
    return [...this.rules.values()].map(({ id, rule, seen, hits }) => ({ id, rule: structuredClone(rule), seen, hits }));
  }

  /** Decides what happens to a request, advancing every matching rule's counters. */
  decide(subject: FaultSubject): FaultDecision {
    const decision: FaultDecision = { delayMs: 0, ruleIds: [] };
    for (const entry of this.rules.values()) {
      const { rule } = entry;
      if (!matches(rule, subject)) continue;
      if (decision.fault && rule.action.type !== 'latency') continue;
      entry.seen++;
      const n = entry.seen - (rule.skip ?? 0);
      if (n <= 0) continue;
      if (rule.every !== undefined && n % rule.every !== 0) continue;
      if (rule.maxAttempt !== undefined && (subject.attempt ?? 1) > rule.maxAttempt) continue;
      if (rule.times !== undefined && entry.hits >= rule.times) continue;
      if (entry.rng && entry.rng() >= (rule.probability ?? 1)) continue;
      entry.hits++;
      decision.ruleIds.push(entry.id);
      if (rule.action.type === 'latency') decision.delayMs += rule.action.ms;
      else decision.fault = rule.action;
    }
    return decision;
  }
}

function matches(rule: FaultRule, s: FaultSubject): boolean {
  return (
    (rule.service === undefined || rule.service === s.service) &&
    (rule.operation === undefined || rule.operation === s.operation) &&
    (rule.resource === undefined || s.resources.includes(rule.resource)) &&
    (rule.accessKeyId === undefined || rule.accessKeyId === s.accessKeyId) &&
    (rule.region === undefined || rule.region === s.region)
  );
}

const ACTIONS = new Set(['throttle', 'error', 'latency', 'hang', 'reset', 'garbage', 'truncate']);

function validate(rule: FaultRule): void {
  const action = rule?.action as { type?: unknown } | undefined;
  if (!action || typeof action.type !== 'string' || !ACTIONS.has(action.type))
    throw new Error(`fault rule needs action.type, one of: ${[...ACTIONS].join(', ')}`);
  if (rule.action.type === 'error' && (typeof rule.action.errorType !== 'string' || !Number.isInteger(rule.action.status)))
    throw new Error('fault action "error" needs errorType (string) and status (integer)');
  if (rule.action.type === 'latency' && !(rule.action.ms >= 0)) throw new Error('fault action "latency" needs ms >= 0');
}

/** Small seeded PRNG so probabilistic faults replay identically. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
