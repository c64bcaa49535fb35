import type { AccessKey } from './credentials.js';
import { FaultRegistry, type FaultRule, type FaultStatus } from './faults.js';
import type { RequestLog, RequestLogEntry } from './request-log.js';
import { applySeed, type SeedFile, type SeedResult } from './seed.js';
import type { EmulatorState, PersistedState } from './state.js';

/** Test-side handle on a running emulator (also served over HTTP under `/__emu/`). */
export interface EmulatorControl {
  /** Logged requests in arrival order, optionally filtered by service and/or operation. */
  requests(filter?: { service?: string; operation?: string }): RequestLogEntry[];
  clearRequests(): void;
  /** Adds a fault rule (see faults.ts); returns its id. */
  addFault(rule: FaultRule): string;
  removeFault(id: string): boolean;
  clearFaults(): void;
  /** Rules with their `seen`/`hits` counters. */
  faults(): FaultStatus[];
  /** Fixed delay per request (optionally only for one service/operation); `0` removes it. */
  setLatency(ms: number, match?: { service?: string; operation?: string }): void;
  /** Accepts another access key (e.g. a second "profile" in another account). */
  addCredentials(key: AccessKey): void;
  /** Creates keys, aliases, secrets and credentials; returns generated ids/ARNs. */
  seed(seed: SeedFile): SeedResult;
  /** Empties all state, faults and the log; only the default `test`/`test` key remains. */
  reset(): void;
  /** Moves emulated time forward (deletion windows, token expiry); SigV4 skew still uses the wall clock. */
  advanceClock(ms: number): void;
  /** A serialisable copy of the state (includes key material and secret values: tests only). */
  snapshot(): PersistedState;
}

/** Wires a control object to the server's state, faults and log; `changed` persists state. */
export function createControl(deps: {
  state: EmulatorState;
  faults: FaultRegistry;
  log: RequestLog;
  changed: () => void;
}): EmulatorControl {
  const { state, faults, log, changed } = deps;
  const LATENCY_ID = 'latency';
  return {
    requests: (filter) => log.list(filter),
    clearRequests: () => log.clear(),
    addFault: (rule) => faults.add(rule),
    removeFault: (id) => faults.remove(id),
    clearFaults: () => faults.clear(),
    faults: () => faults.list(),
    setLatency(ms, match = {}) {
      const id = `${LATENCY_ID}:${match.service ?? '*'}:${match.operation ?? '*'}`;
      faults.remove(id);
      if (ms > 0) faults.add({ ...match, action: { type: 'latency', ms } }, id);
    },
    addCredentials(key) {
      if (!key?.accessKeyId || !key.secretAccessKey) throw new Error('credentials need accessKeyId and secretAccessKey');
      state.credentials.add(key);
      changed();
    },
    seed(seed) {
      const result = applySeed(state, seed);
      changed();
      return result;
    },
    reset() {
      state.reset();
      faults.clear();
      log.clear();
      changed();
    },
    advanceClock(ms) {
      state.clockOffsetMs += ms;
      changed();
    },
    snapshot: () => state.toJSON(),
  };
}
