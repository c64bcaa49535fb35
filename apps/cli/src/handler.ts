import type { FnoxSession } from '@fnox/core/hot';

/** What a command handler receives from either entry (oclif command class or fast path). */
export interface HandlerContext {
  /** Builds the session on first use (commands that need no config never pay for it). */
  session(): Promise<FnoxSession>;
  /** The CLI version, for `version`. */
  readonly version: string;
}

/** Parsed input, in oclif's shapes (flags by long name, args by name). */
export interface HandlerInput {
  readonly args: Readonly<Record<string, string | undefined>>;
  readonly flags: Readonly<Record<string, unknown>>;
  /** Arguments after `--` (exec's child command). */
  readonly rest: readonly string[];
}

/**
 * A hot command's implementation, shared by the oclif command class and the fast path so both
 * print the same bytes. Writes data to stdout itself; returns the exit status (undefined = 0).
 */
export type Handler = (context: HandlerContext, input: HandlerInput) => Promise<number | void>;
