import type { CallerIdentity } from './credentials.js';
import type { EmulatorState } from './state.js';

/** What an operation handler knows about the request it serves. */
export interface RequestContext {
  state: EmulatorState;
  /** Account of the signing credentials. */
  accountId: string;
  /** Region from the credential scope: state is partitioned by it, like AWS endpoints are. */
  region: string;
  caller: CallerIdentity;
  /** Operation name, e.g. `Decrypt`. */
  operation: string;
  /** Emulated epoch ms. */
  now: number;
}

/** A JSON 1.1 operation: parsed body in, JSON-able output out; throws AwsError. */
export type JsonHandler = (input: Record<string, unknown>, ctx: RequestContext) => Record<string, unknown>;

/** Epoch seconds with millisecond fraction, as AWS JSON timestamps are written. */
export function epochSeconds(ms: number): number {
  return ms / 1000;
}
