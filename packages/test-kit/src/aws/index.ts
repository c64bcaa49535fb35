/**
 * Test helpers for the AWS provider packages and `@fnox/aws-shared` (`@fnox/test-kit/aws`).
 * `@fnox/test-kit/aws/hermetic-process` is their vitest setup file.
 */
export { emulatorEnv, instanceFactory, testContext, type InstanceFactory, type TestContext } from './context.js';
export { expectProviderError, visibleText } from './expect-error.js';
export { bundleImports, describeLazySdk, eagerImports, probeSdkLoads, type BundleImports, type LazySdkSuite, type SdkLoadProbe } from './lazy.js';
