import type { Handler } from '../handler.js';
import { stdout } from '../stdio.js';

/** `fnox version`: exactly `fnox X.Y.Z`. */
export const handler: Handler = async ({ version }) => {
  stdout.write(`fnox ${version}\n`);
};
