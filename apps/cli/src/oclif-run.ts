import { flush, run as oclifRun } from '@oclif/core';

/** Run oclif over the prepared argv; errors propagate to main's renderer. */
export async function run(argv: readonly string[]): Promise<void> {
  await oclifRun([...argv], import.meta.url);
  await flush();
}
