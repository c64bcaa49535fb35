/**
 * Handlers that take SIGINT/SIGTERM/SIGHUP over while installed: exec forwarding them to its
 * child, edit leaving Ctrl-C to the editor. The CLI's stop handlers step aside for these and for
 * no other listener: libraries listen too (the file lock's exit hooks), and counting them made a
 * long import ignore SIGTERM.
 */
const OWNER = Symbol.for('fnox.signal-owner');

/** Mark `handler` as taking its signal over (see the module comment). */
export function signalOwner<T extends (...args: never[]) => unknown>(handler: T): T {
  (handler as unknown as Record<symbol, boolean>)[OWNER] = true;
  return handler;
}

/** Whether a handler marked with {@link signalOwner} is installed for `signal`. */
export function signalOwned(signal: NodeJS.Signals): boolean {
  return process.listeners(signal).some((listener) => (listener as unknown as Record<symbol, boolean>)[OWNER] === true);
}
