/**
 * The terminal side of the `fnox init` wizard: questions and notes on stderr (stdout stays for the
 * result), answers from stdin through node:readline, imported lazily so no other command pays
 * for it. Ctrl-C and end of input both end the wizard as "cancelled".
 */
import { escapeControls, type WizardIO } from '@fnox/core/internal';

/** A {@link WizardIO} on the terminal; `close` restores the terminal. */
export interface TerminalWizardIO extends WizardIO {
  close(): void;
}

/** Open the wizard's terminal conversation. */
export async function openTerminalWizardIO(): Promise<TerminalWizardIO> {
  const { createInterface } = await import('node:readline');
  // One interface for the whole conversation: lines typed ahead stay buffered between questions.
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  let ended = false;
  let pending: ((answer: string | undefined) => void) | undefined;
  const end = () => {
    ended = true;
    const waiting = pending;
    pending = undefined;
    waiting?.(undefined);
  };
  rl.on('close', end);
  // In raw mode Ctrl-C arrives as a key, not a signal: close so the pending question sees "cancelled".
  rl.on('SIGINT', () => {
    process.stderr.write('^C\n');
    rl.close();
  });
  return {
    ask: (question) =>
      ended
        ? Promise.resolve(undefined)
        : new Promise((done) => {
            pending = done;
            rl.question(question, (answer) => {
              pending = undefined;
              done(answer);
            });
          }),
    say: (line) => {
      // Lines carry provider text (setup, notes): no terminal control sequences from a plugin.
      process.stderr.write(`${escapeControls(line)}\n`);
    },
    close: () => rl.close(),
  };
}
