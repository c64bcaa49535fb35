import { fnoxVitestConfig } from '../../vitest.shared.js';

export default fnoxVitestConfig();
