/**
 * Where `fnox set` gets the plaintext (docs/cli-reference.md, `set` step 2): `--from-file` verbatim, the argument,
 * stdin (trimmed) when it is not a terminal, else a hidden prompt.
 */
import { resolve } from 'node:path';
import { readInputText } from '../config/read-input.js';
import { FnoxError } from '../errors.js';
import type { FnoxSession } from '../session.js';

/** What the caller was given. */
export interface SecretInput {
  /** The positional VALUE. */
  readonly value?: string;
  /** `--from-file PATH` (relative to cwd). */
  readonly fromFile?: string;
  /** True when only metadata flags were given (no value wanted). */
  readonly metadataOnly?: boolean;
}

/** Read all of stdin as UTF-8. */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** Ask on the terminal without echoing what is typed. */
export async function promptHidden(question: string): Promise<string> {
  const { createInterface } = await import('node:readline');
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  // Writing nothing for the typed characters is what keeps the value off the screen.
  const muted = rl as unknown as { _writeToOutput: (s: string) => void };
  let prompted = false;
  muted._writeToOutput = (s: string) => {
    if (!prompted) {
      process.stderr.write(s);
      prompted = true;
    }
  };
  try {
    return await new Promise<string>((done, fail) => {
      rl.question(question, done);
      rl.on('SIGINT', () => fail(new FnoxError('usage', 'Cancelled', { hint: 'No secret was written.' })));
    });
  } finally {
    rl.close();
    process.stderr.write('\n');
  }
}

/** The plaintext to store, or undefined when only metadata changes. */
export async function readSecretInput(session: FnoxSession, input: SecretInput): Promise<string | undefined> {
  if (input.fromFile !== undefined) {
    // A regular file of at most 1 MiB: `--from-file /dev/stdin` or a FIFO must not hang, `/dev/zero` must not fill memory.
    return readInputText(resolve(session.cwd, input.fromFile), { label: 'secret file', code: 'secret_file_read_failed', hint: 'Check the path given to --from-file', shownPath: input.fromFile });
  }
  if (input.value !== undefined) return input.value;
  if (input.metadataOnly) return undefined;
  if (!session.stdinIsTTY) return (await readStdin()).trim();
  if (session.options.nonInteractive) {
    throw new FnoxError('usage', 'No value given and prompting is disabled (--non-interactive)', {
      hint: 'Pass the value on stdin: printf %s "$VALUE" | fnox set KEY',
    });
  }
  return promptHidden('Secret value: ');
}
