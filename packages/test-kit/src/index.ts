export { findRepoRoot, REPO_ROOT } from './repo-root.js';
export { BARE_SECTION, findOutsideReferences, OUTSIDE_REFERENCE, type OutsideReference } from './references.js';
