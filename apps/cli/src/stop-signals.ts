/**
 * Ctrl-C (SIGINT) and SIGTERM abort the command's signal: the session hands it to providers as
 * `ProviderContext.signal`, so their I/O stops, and core fails the command with the signal's
 * error (exit 130 / 143 from core's table). When something else owns the signal at that moment
 * (exec forwards it to its child, edit leaves Ctrl-C to the editor) fnox keeps waiting for it, as
 * before. Otherwise a command that does not wind down within a grace period, or a second signal,
 * ends fnox with that status: the handler replaces Node's default "die at once".
 */
import { stoppedBy } from '@fnox/core/hot';

const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;
const GRACE_MS = 1000;

/** Install the handlers (once per process) and return the signal they abort. */
export function stopSignal(): AbortSignal {
  const controller = new AbortController();
  for (const name of STOP_SIGNALS) {
    const handler = () => {
      const error = stoppedBy(name);
      const first = !controller.signal.aborted;
      if (first) controller.abort(error);
      if (process.listenerCount(name) > 1) return; // exec's child or the editor decides
      if (!first) process.exit(error.exitCode);
      setTimeout(() => process.exit(error.exitCode), GRACE_MS).unref();
    };
    process.on(name, handler);
  }
  return controller.signal;
}
