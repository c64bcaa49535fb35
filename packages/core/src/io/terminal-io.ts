/**
 * The one {@link SessionIO} on the real terminal: questions and notes on stderr, answers from
 * stdin. It is lazy: nothing touches `process.stdin` (whose getter builds the stream and loads
 * fs streams, a few ms on every hot command) until a method is called, and `node:readline` is
 * imported only then. Each question opens a readline interface and closes it on the answer, so the
 * terminal is back in its normal mode before anything else runs (an auth command inherits it).
 * Lines that arrive together stay queued for the next question.
 */
import { MAX_INPUT_FILE_BYTES } from '@fnox/contract';
import { FnoxError } from '../errors.js';
import { escapeControls } from '../format/terminal-text.js';
import { isTerminal } from './is-terminal.js';
import type { SessionIO } from './session-io.js';

/**
 * The terminal {@link SessionIO}. While a question waits, `signal` aborting (SIGTERM, or Ctrl-C
 * outside a question) rejects it with the signal's reason.
 */
export function terminalIO(signal?: AbortSignal): SessionIO {
  const queued: string[] = [];

  async function line(asked: string | undefined, hidden: boolean): Promise<string | undefined> {
    // Questions carry provider text (a plugin's field prompts, an auth command): no control sequences.
    const question = asked === undefined ? undefined : escapeControls(asked, { keepLayout: true });
    if (queued.length > 0) {
      if (question !== undefined) process.stderr.write(`${question}\n`);
      return queued.shift();
    }
    signal?.throwIfAborted();
    const [{ createInterface }, { Writable }] = await Promise.all([import('node:readline'), import('node:stream')]);
    // Hidden entry without readline internals: its echo goes through this stream, muted after the question.
    let muted = false;
    const echo = new Writable({
      write(chunk: Buffer, _encoding, done) {
        if (!muted) process.stderr.write(chunk);
        done();
      },
    });
    const terminal = isTerminal(0);
    const rl = createInterface({ input: process.stdin, output: echo, terminal });
    return new Promise<string | undefined>((resolve, reject) => {
      let settled = false;
      const finish = (answer: string | undefined, error?: unknown) => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        rl.close();
        if (hidden && terminal) process.stderr.write('\n');
        if (error !== undefined) reject(error);
        else resolve(answer);
      };
      const onAbort = () => finish(undefined, signal?.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
      rl.on('line', (typed) => (settled ? queued.push(typed) : finish(typed)));
      rl.once('close', () => finish(undefined));
      // On a terminal readline reads raw keys: Ctrl-C is a key here, not a signal. It cancels.
      rl.once('SIGINT', () => {
        if (terminal) process.stderr.write('^C\n');
        finish(undefined);
      });
      if (question !== undefined) {
        rl.setPrompt(question);
        rl.prompt();
      }
      muted = hidden;
    });
  }

  return {
    ask: (question) => line(question, false),
    askHidden: (question) => line(question, true),
    readLine: () => line(undefined, false),
    async readAll() {
      // Bounded like every file fnox reads: `fnox set K < /dev/zero` ends with an error, not all memory.
      const chunks: Buffer[] = [];
      let total = 0;
      for await (const chunk of process.stdin) {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
        total += bytes.length;
        if (total > MAX_INPUT_FILE_BYTES) {
          process.stdin.destroy();
          throw new FnoxError('input_too_large', `Failed to read standard input (more than the ${MAX_INPUT_FILE_BYTES} bytes allowed)`);
        }
        chunks.push(bytes);
      }
      return Buffer.concat(chunks);
    },
    say(text) {
      // Lines carry provider text (setup notes, auth failures): no terminal control sequences from a plugin.
      process.stderr.write(`${escapeControls(text)}\n`);
    },
  };
}
