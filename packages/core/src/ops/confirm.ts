/**
 * The `Continue? [y/N]` confirmation of import, reencrypt and sync (docs/cli-reference.md, `import`): one line from
 * stdin; anything not starting with y/Y (including end of input) declines.
 */

/** Read one line from stdin; resolves '' at end of input. */
export async function readStdinLine(): Promise<string> {
  const { createInterface } = await import('node:readline');
  const rl = createInterface({ input: process.stdin, terminal: false });
  try {
    return await new Promise<string>((done) => {
      rl.once('line', done);
      rl.once('close', () => done(''));
    });
  } finally {
    rl.close();
  }
}

/** True when the answer means yes. */
export function isYes(answer: string): boolean {
  return /^y/i.test(answer.trim());
}

/** The lines shown before asking: `Ready to <verb> N secrets ...:`, up to ten keys, `... and N more`. */
export function confirmationLines(heading: string, items: readonly string[]): string[] {
  const lines = ['', heading];
  for (const item of items.slice(0, 10)) lines.push(`  ${item}`);
  if (items.length > 10) lines.push(`  ... and ${items.length - 10} more`);
  lines.push('', 'Continue? [y/N]');
  return lines;
}
