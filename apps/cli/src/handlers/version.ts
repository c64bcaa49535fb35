import type { Handler } from './types.js';

/** `fnox version`: exactly `fnox X.Y.Z`. */
export const versionHandler: Handler = async ({ version }) => {
  process.stdout.write(`fnox ${version}\n`);
};
