/**
 * Ctrl-C (SIGINT) and SIGTERM abort the command's signal: the session hands it to providers as
 * `ProviderContext.signal`, so their I/O stops, and core fails the command with the signal's
 * error (exit 130 / 143 from core's table). When something else owns the signal at that moment
 * (exec forwards it to its child, edit leaves Ctrl-C to the editor) the signal is theirs and
 * nothing is aborted. Otherwise a command that does not wind down within a grace period, or a
 * second signal, ends fnox with that status: the handler replaces Node's default "die at once".
 */
import { signalOwned, stoppedBy } from '@fnox/core/hot';

const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;
const GRACE_MS = 1000;

let installed: AbortSignal | undefined;

/** Install the handlers (once per process) and return the signal they abort. */
export function stopSignal(): AbortSignal {
  // One set of handlers per process: the first session installs them, later ones share the signal.
  if (installed) return installed;
  const controller = new AbortController();
  for (const name of STOP_SIGNALS) {
    const handler = () => {
      // exec's child or edit's editor owns the signal: it decides, and fnox carries on (an edit
      // saved after a Ctrl-C in a line-mode editor is still encrypted and written).
      if (signalOwned(name)) return;
      const error = stoppedBy(name);
      if (controller.signal.aborted) process.exit(error.exitCode);
      controller.abort(error);
      setTimeout(() => process.exit(error.exitCode), GRACE_MS).unref();
    };
    process.on(name, handler);
  }
  installed = controller.signal;
  return installed;
}
