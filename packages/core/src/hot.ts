/**
 * The hot-path API: what `fnox get`, `exec`, `export` and the shell hook need, and nothing else.
 * The CLI's fast entry imports this module instead of the package index so a bundler only pulls
 * in these operations (bundlers tree-shake globally, so going through the full index would drag
 * every write command onto each prompt).
 */
export { FnoxError, isStopError, renderError, stoppedBy, toFnoxError, type ErrorStyle } from './errors.js';
export { escapeControls } from './format/terminal-text.js';
export { isTerminal } from './io/is-terminal.js';
export { signalOwned } from './signal-owner.js';
export { createProviderRegistry } from './providers/registry.js';
export { createSession, type ActivityReporter, type FnoxSession, type GlobalOptions } from './session.js';
export { getSecret } from './ops/read/get.js';
export { exportSecrets } from './ops/read/export.js';
export type { ExportFormat } from './format/export-formats.js';
export { execWithSecrets } from './ops/read/exec.js';
export { hookEnv } from './ops/shell/hook-env.js';
