import { Command, type Interfaces } from '@oclif/core';
import {
  createProviderRegistry,
  confirmationLines,
  escapeControls,
  createSession,
  FnoxError,
  isYes,
  type FnoxSession,
  type GlobalOptions,
  type ProviderRegistry,
} from '@fnox/core/internal';
import { debugRequested, isExitError, reportError, usageError } from './cli-errors.js';
import { globalFlags } from './global-flags.js';
import { globalOptionsFromFlags } from './global-options.js';
import { providerPlugins } from './provider-index.js';
import { terminalActivity } from './activity.js';
import { stopSignal } from './stop-signals.js';
import { colorsFor, paint, say, terminalLogger } from './terminal-style.js';
import { stdout } from './stdio.js';

/** Parsed flags of a command, global flags included. */
export type FnoxFlags<T extends typeof Command> = Interfaces.InferredFlags<(typeof FnoxCommand)['baseFlags'] & T['flags']>;
/** Parsed arguments of a command. */
export type FnoxArgs<T extends typeof Command> = Interfaces.InferredArgs<T['args']>;

/**
 * The base of every fnox command: global flags, one session per run, and the one error rendering
 * (`error:` / `hint:` on stderr, exit code from core's table, no stack unless --debug).
 */
export abstract class FnoxCommand<T extends typeof Command> extends Command {
  static override baseFlags = globalFlags;

  /**
   * Whether `--if-missing` after the command name is the runtime override. `set` turns this off:
   * there it is the secret's metadata, and the override may only precede the command.
   */
  static ifMissingIsRuntime = true;

  protected flags!: FnoxFlags<T>;
  protected args!: FnoxArgs<T>;
  /** Arguments not bound to declared args (the child command of `exec`). */
  protected argvRest: string[] = [];
  private cachedSession: FnoxSession | undefined;
  private cachedRegistry: ProviderRegistry | undefined;

  public override async init(): Promise<void> {
    await super.init();
    const { args, flags, argv } = await this.parse({
      flags: this.ctor.flags,
      baseFlags: (this.ctor as unknown as typeof FnoxCommand).baseFlags,
      // oclif would otherwise read piped stdin as a missing argument; fnox reads stdin itself
      // where a command wants it (set, import).
      args: Object.fromEntries(Object.entries(this.ctor.args ?? {}).map(([name, arg]) => [name, { ...arg, ignoreStdin: true }])),
      strict: this.ctor.strict,
    });
    this.flags = flags as FnoxFlags<T>;
    this.args = args as FnoxArgs<T>;
    this.argvRest = argv as string[];
  }

  /** The global options as core understands them. */
  protected globalOptions(): GlobalOptions {
    const flags = this.flags as Record<string, unknown>;
    const ifMissingIsRuntime = (this.ctor as unknown as typeof FnoxCommand).ifMissingIsRuntime;
    return globalOptionsFromFlags(flags, ifMissingIsRuntime, debugRequested(flags.debug === true));
  }

  /** Providers discovered from oclif's plugins (core, user, linked); nothing imported yet. */
  protected providerRegistry(): ProviderRegistry {
    this.cachedRegistry ??= createProviderRegistry({ plugins: providerPlugins(this.config) });
    return this.cachedRegistry;
  }

  /** The session every core operation takes, built once per command run. */
  protected async session(): Promise<FnoxSession> {
    const options = this.globalOptions();
    const activity = this.id === 'hook-env' ? undefined : terminalActivity();
    this.cachedSession ??= createSession({
      options,
      registry: this.providerRegistry(),
      log: terminalLogger(Boolean(options.verbose)),
      signal: stopSignal(),
      ...(activity ? { activity } : {}),
    });
    return this.cachedSession;
  }

  /**
   * Write a command's report to stdout (the only place it goes). Names, descriptions and paths in
   * it come from config files, so controls are escaped: a secret named with escape codes cannot
   * repaint the terminal. (Raw values go out through the hot handlers, `get` and `export`.)
   */
  protected out(text: string): void {
    const safe = escapeControls(text, { keepLayout: true });
    stdout.write(paint(safe.endsWith('\n') || safe === '' ? safe : `${safe}\n`, colorsFor(stdout)));
  }

  /** Write fnox's own feedback (warnings, progress) to stderr. */
  protected say(text: string): void {
    say(text);
  }

  /**
   * The `Continue? [y/N]` step of import, reencrypt and sync: true when the user answered yes.
   * Without a terminal (or with --non-interactive) nobody can answer, so it fails (exit 1) with a
   * hint naming --force / --yes instead of taking silence for "no".
   */
  protected async confirm(session: FnoxSession, heading: string, items: readonly string[], action: string): Promise<boolean> {
    if (!session.stdinIsTTY || session.options.nonInteractive) {
      throw new FnoxError(
        'confirmation_required',
        `Not ${action} without confirmation: ${session.options.nonInteractive ? '--non-interactive is set' : 'stdin is not a terminal'}`,
      );
    }
    this.out(confirmationLines(heading, items).join('\n'));
    return isYes(await session.io.readLine());
  }

  protected override async catch(error: Error): Promise<unknown> {
    if (isExitError(error)) throw error;
    const debug = debugRequested((this.flags as { debug?: boolean } | undefined)?.debug);
    // After Ctrl-C, whatever failed next (a provider's abort error) is reported as the interruption.
    const signal = this.cachedSession?.signal;
    return this.exit(reportError(usageError(error, this.id) ?? (signal?.aborted ? signal.reason : error), debug));
  }
}
