import { Config, flush, run as oclifRun } from '@oclif/core';
import { unknownCommandError } from './unknown-command.js';

/** Run oclif over the prepared argv; errors propagate to main's renderer (a typo becomes exit 127). */
export async function run(argv: readonly string[]): Promise<void> {
  const config = await Config.load(import.meta.url);
  try {
    await oclifRun([...argv], config);
  } catch (error) {
    throw unknownCommandError(error, config) ?? error;
  }
  await flush();
}
