import type { Handler } from '../handler.js';

/** `fnox version`: exactly `fnox X.Y.Z`. */
export const handler: Handler = async ({ version }) => {
  process.stdout.write(`fnox ${version}\n`);
};
