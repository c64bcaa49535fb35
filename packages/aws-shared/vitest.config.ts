import { mergeConfig } from 'vitest/config';
import { fnoxVitestConfig } from '../../vitest.shared.js';

// The hermetic setup runs in every test worker before any test file: the SDK reads process.env
// for whatever the code under test does not set, and it must never see a real profile or probe IMDS.
export default mergeConfig(fnoxVitestConfig(), { test: { setupFiles: ['@fnox/test-kit/aws/hermetic-process'] } });
