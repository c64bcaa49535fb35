/**
 * The `Continue? [y/N]` confirmation of import, reencrypt and sync (docs/cli-reference.md, `import`): one line from
 * `session.io`; anything not starting with y/Y (including end of input and Ctrl-C) declines.
 */

/** True when the answer means yes. */
export function isYes(answer: string | undefined): boolean {
  return answer !== undefined && /^y/i.test(answer.trim());
}

/** The lines shown before asking: `Ready to <verb> N secrets ...:`, up to ten keys, `... and N more`. */
export function confirmationLines(heading: string, items: readonly string[]): string[] {
  const lines = ['', heading];
  for (const item of items.slice(0, 10)) lines.push(`  ${item}`);
  if (items.length > 10) lines.push(`  ... and ${items.length - 10} more`);
  lines.push('', 'Continue? [y/N]');
  return lines;
}
