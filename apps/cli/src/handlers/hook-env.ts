import { escapeControls, hookEnv } from '@fnox/core/hot';
import { colorsFor, paint } from '../terminal-style.js';
import type { Handler } from '../handler.js';
import { stderr, stdout } from '../stdio.js';

/**
 * `fnox hook-env [-s SHELL]`: one core call; stderr (summary, one-line problems) first, then the
 * text the shell evaluates. Exit 0 even when the config is broken or a provider is down.
 */
export const handler: Handler = async ({ session }, { flags }) => {
  const shell = typeof flags.shell === 'string' ? flags.shell : undefined;
  const ttyColumns = stderr.columns;
  const result = await hookEnv(await session(), { shell, ttyColumns, fingerprint: flags.fingerprint === true });
  // The summary and problems quote names from config files: none may repaint the prompt.
  if (result.stderr) stderr.write(paint(escapeControls(result.stderr, { keepLayout: true }), colorsFor(stderr)));
  stdout.write(result.stdout);
  // A provider past the hook's deadline may still hold the event loop: the prompt must not wait for it.
  if (result.timedOut) process.exit(0);
};
