/** A scripted terminal for core tests: the session's `io` without a terminal. */
import type { SessionIO } from '../src/io/session-io.js';

/** A {@link SessionIO} that answers from a script and records what was asked and said. */
export interface ScriptedIO extends SessionIO {
  /** Every question asked (hidden ones too), in order. */
  readonly questions: string[];
  /** Every line passed to `say`. */
  readonly notes: string[];
}

/**
 * Answers questions and `readLine` in order from `answers` (`undefined` = the user cancelled);
 * `stdin` is what `readAll` returns. Running out of answers is a test failure, not a hang.
 */
export function scriptedIO(answers: readonly (string | undefined)[] = [], stdin = ''): ScriptedIO {
  const left = [...answers];
  const questions: string[] = [];
  const notes: string[] = [];
  const next = async (question: string | undefined): Promise<string | undefined> => {
    if (question !== undefined) questions.push(question);
    if (left.length === 0) throw new Error(`unexpected question: ${question ?? '(read line)'}`);
    return left.shift();
  };
  return {
    questions,
    notes,
    ask: next,
    askHidden: next,
    readLine: () => next(undefined),
    readAll: async () => Buffer.from(stdin),
    say: (text) => void notes.push(text),
  };
}
