export { mustSucceed, runCommand, type CommandOptions, type CommandResult } from './command.js';
export { FNOX_BIN, runFnox, type FnoxResult, type FnoxRunOptions } from './fnox.js';
export { BARE_SECTION, findOutsideReferences, OUTSIDE_REFERENCE, type OutsideReference } from './references.js';
export { findRepoRoot, REPO_ROOT } from './repo-root.js';
export { isolatedEnv, sandbox, tempDir, type Sandbox, type SandboxOptions, type TempDir } from './sandbox.js';
