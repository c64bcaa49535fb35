/**
 * Where `fnox set` gets the plaintext (docs/cli-reference.md, `set` step 2): `--from-file` verbatim, the argument,
 * stdin (trimmed) when it is not a terminal, else a hidden prompt.
 */
import { resolve } from 'node:path';
import { readInputText } from '../../config/read-input.js';
import { FnoxError } from '../../errors.js';
import type { FnoxSession } from '../../session.js';

/** What the caller was given. */
export interface SecretInput {
  /** The positional VALUE. */
  readonly value?: string;
  /** `--from-file PATH` (relative to cwd). */
  readonly fromFile?: string;
  /** True when only metadata flags were given (no value wanted). */
  readonly metadataOnly?: boolean;
}

/** The plaintext to store, or undefined when only metadata changes. */
export async function readSecretInput(session: FnoxSession, input: SecretInput): Promise<string | undefined> {
  if (input.fromFile !== undefined) {
    // A regular file of at most 1 MiB: `--from-file /dev/stdin` or a FIFO must not hang, `/dev/zero` must not fill memory.
    return readInputText(resolve(session.cwd, input.fromFile), { label: 'secret file', code: 'secret_file_read_failed', hint: 'Check the path given to --from-file', shownPath: input.fromFile });
  }
  if (input.value !== undefined) return input.value;
  if (input.metadataOnly) return undefined;
  if (!session.stdinIsTTY) return (await session.io.readAll()).toString('utf8').trim();
  if (session.options.nonInteractive) {
    throw new FnoxError('usage', 'No value given and prompting is disabled (--non-interactive)', {
      hint: 'Pass the value on stdin: printf %s "$VALUE" | fnox set KEY',
    });
  }
  const typed = await session.io.askHidden('Secret value: ');
  if (typed === undefined) throw new FnoxError('usage', 'Cancelled', { hint: 'No secret was written.' });
  return typed;
}
