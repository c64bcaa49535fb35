import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { EmulatorState, PersistedState } from './state.js';

/** Loads `path` into `state`; returns false if the file does not exist yet. */
export function loadStateFile(state: EmulatorState, path: string): boolean {
  if (!existsSync(path)) return false;
  let data: PersistedState;
  try {
    data = JSON.parse(readFileSync(path, 'utf8')) as PersistedState;
  } catch (e) {
    throw new Error(`cannot read emulator state ${path}: ${(e as Error).message}`);
  }
  state.load(data);
  return true;
}

/**
 * Writes the state atomically (temp file + rename) with mode 0600: it holds key material and secret
 * values, so it must never be left half-written or world-readable.
 */
export function saveStateFile(state: EmulatorState, path: string): void {
  const tmp = `${path}.tmp-${process.pid}-${Date.now()}`;
  writeFileSync(tmp, `${JSON.stringify(state.toJSON(), null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, path);
}
