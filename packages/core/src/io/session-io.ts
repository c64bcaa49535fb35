/**
 * How core talks to the person at the terminal. Every question, hidden entry, stdin read and note
 * goes through the session's {@link SessionIO}, so no other core module touches `process.stdin`
 * and tests replace the terminal with a script.
 */

/** The terminal conversation of one command (`session.io`). */
export interface SessionIO {
  /**
   * Ask one question (on stderr: stdout carries data) and resolve the line typed. `undefined`
   * means the user cancelled: Ctrl-C or end of input.
   */
  ask(question: string): Promise<string | undefined>;
  /** Like {@link ask}, but what is typed is not echoed (secret values). */
  askHidden(question: string): Promise<string | undefined>;
  /** Read one line without asking anything; `undefined` at end of input or on Ctrl-C. */
  readLine(): Promise<string | undefined>;
  /** All of stdin until end of input (piped values, `import` from stdin). */
  readAll(): Promise<Buffer>;
  /** Show one line of information on stderr; control characters are escaped. */
  say(text: string): void;
}
