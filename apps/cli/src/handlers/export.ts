import { escapeControls, exportSecrets, type ExportFormat } from '@fnox/core/hot';
import type { Handler } from '../handler.js';
import { stdout } from '../stdio.js';
import { dataForStdout } from '../terminal-style.js';

function colour(session: { options: { noColor?: boolean }; env: NodeJS.ProcessEnv }): boolean {
  return stdout.isTTY && !session.options.noColor && !session.env.NO_COLOR && session.env.TERM !== 'dumb';
}

/** `fnox export`: the document on stdout, or `-o` (with `-n`: what would be written). */
export const handler: Handler = async ({ session }, { flags }) => {
  const s = await session();
  const output = typeof flags.output === 'string' ? flags.output : undefined;
  const dryRun = flags['dry-run'] === true;
  const format = (typeof flags.format === 'string' ? flags.format : 'env') as ExportFormat;
  const result = await exportSecrets(s, { format, output, dryRun, all: flags.all === true, header: flags.header === true });
  if (!output) {
    stdout.write(dataForStdout(result.text, result.untrusted));
    return;
  }
  if (!dryRun) {
    stdout.write(`Secrets exported to: ${output}\n`);
    return;
  }
  const styled = colour(s);
  const label = styled ? '\x1b[1;33m[dry-run]\x1b[0m' : '[dry-run]';
  // Names come from config files: only our own colour codes may reach the terminal.
  const path = styled ? `\x1b[36m${escapeControls(output)}\x1b[0m` : escapeControls(output);
  const lines = [`${label} Would export ${result.keys.length} secrets to ${path} in ${format} format:`];
  for (const key of result.keys.map((name) => escapeControls(name))) lines.push(`  ${styled ? `\x1b[2m${key}\x1b[0m` : key}`);
  stdout.write(`${lines.join('\n')}\n`);
};
