/**
 * Test helpers for the AWS provider packages (`@fnox/aws-shared/testing`): never bundled into a
 * provider, only imported by tests. `hermetic-process.js` is a vitest setup file of its own.
 */
export { emulatorEnv, instanceFactory, testContext, type InstanceFactory, type TestContext } from './context.js';
export { expectProviderError, visibleText } from './expect-error.js';
export { findDirs, installBlocker, installFnoxWithPlugin, REPO_ROOT, run, treeSize, type InstalledFnox, type RunResult } from './install.js';
export { bundleImports, describeLazySdk, eagerImports, probeSdkLoads, type BundleImports, type LazySdkSuite, type SdkLoadProbe } from './lazy.js';
