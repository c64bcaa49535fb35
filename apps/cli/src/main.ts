/**
 * The oclif entry, for every command the fast path leaves to oclif. `argv` is already prepared
 * (see fast/entry.ts).
 */
export async function main(args: readonly string[]): Promise<void> {
  // oclif writes through process.stdout/stderr: a closed pipe or a full disk ends fnox as stdio.ts does.
  (await import('./stdio.js')).guardStreams(async (error) => (await import('./cli-errors.js')).reportError(error));
  try {
    // oclif's engine check loads ~50 semver modules; fnox declares its engines itself. Only while
    // oclif loads, so the variable never reaches an `exec` child.
    process.env.OCLIF_DISABLE_ENGINE_WARNING = '1';
    // The explicit command registry (dist/index.js), built with oclif into one bundle.
    const { run } = (await import('fnox:commands' as string)) as { run(argv: readonly string[]): Promise<void> };
    delete process.env.OCLIF_DISABLE_ENGINE_WARNING;
    await run(args);
  } catch (error) {
    const { reportFailure } = await import('./cli-errors.js');
    await reportFailure(error);
  }
}
