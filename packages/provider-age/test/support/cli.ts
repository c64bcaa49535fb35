import { execFileSync, spawnSync } from 'node:child_process';

/**
 * The absolute path of a command on PATH, or undefined when it is not installed. A probe that could
 * not run at all (no shell, a spawn failure on a loaded machine) throws: read as "not installed",
 * it would silently skip every interop test of the run.
 */
export function which(command: string): string | undefined {
  const result = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  if (result.error || result.status === null) throw new Error(`could not look for ${command} on PATH: ${result.error?.message ?? `signal ${result.signal}`}`);
  return result.status === 0 ? result.stdout.trim() || undefined : undefined;
}

/** Run a command with stdin, returning stdout bytes; throws with stderr on failure. */
export function run(command: string, args: string[], input: Uint8Array | string = ''): Buffer {
  return execFileSync(command, args, { input, stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
}

/** CI must not silently skip interop: a missing tool fails there, and skips locally. */
export const IN_CI = process.env.CI === 'true' || process.env.CI === '1';
