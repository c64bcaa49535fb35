// Inside the fnox repo the shared config also writes .vitest-results.json for the repo-wide
// `N passed, N failed` line. A provider in its own repository needs no config file at all.
import { fnoxVitestConfig } from '../../vitest.shared.js';

export default fnoxVitestConfig();
