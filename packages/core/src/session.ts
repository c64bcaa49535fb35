import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { escapeControls } from './format/terminal-text.js';
import type { SessionIO } from './io/session-io.js';
import { isTerminal } from './io/is-terminal.js';
import { terminalIO } from './io/terminal-io.js';
import { createProviderRegistry, type ProviderRegistry } from './providers/registry.js';

/** The global flags every command accepts (docs/cli-reference.md), before any environment fallback. */
export interface GlobalOptions {
  /** `-c/--config` as given; undefined means the default `fnox.toml` (discovery mode). */
  readonly config?: string;
  /** Raw `-P/--profile` values, each possibly a comma list; empty means "use FNOX_PROFILE". */
  readonly profiles?: readonly string[];
  /** `-v/--verbose`: debug lines on stderr. */
  readonly verbose?: boolean;
  /** `--if-missing` runtime override, unparsed. */
  readonly ifMissing?: string;
  /** `--no-color`. */
  readonly noColor?: boolean;
  /** `--no-defaults`. */
  readonly noDefaults?: boolean;
  /** `--non-interactive`. */
  readonly nonInteractive?: boolean;
  /** `--write-profile`. */
  readonly writeProfile?: string;
  /**
   * Command-line options that belong to provider types (`--age-key-file`), by option name without
   * dashes. A type receives, in `ProviderContext.options`, only those its definition declares.
   */
  readonly providerOptions?: Readonly<Record<string, string | undefined>>;
  /** `--debug`: stacks and codes on errors. */
  readonly debug?: boolean;
}

/** Where diagnostics go. Lines never contain secret values. */
export interface Logger {
  /** `Warning: ...` style lines and WARN lines from the resolver. */
  warn(message: string): void;
  /** Only with --verbose. */
  debug(message: string): void;
  /** Plain informational lines for stderr (progress, hook summaries). */
  info(message: string): void;
}

/**
 * Told when fnox starts waiting on a provider (`contacting provider 'kms' (aws-kms)`); returns the
 * function to call when the wait is over. The CLI shows a spinner for long waits on a terminal.
 */
export type ActivityReporter = (label: string) => () => void;

/** Runs a command line with `sh -c`, its stdout on fnox's stderr; resolves its exit status. */
export type RunCommandFunction = (command: string, env: NodeJS.ProcessEnv) => Promise<number>;

/** Everything a core operation needs from its host (CLI, fast path, Node API, tests). */
export interface FnoxSession {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly options: GlobalOptions;
  readonly registry: ProviderRegistry;
  readonly log: Logger;
  /** Whether stdin is a terminal (prompts allowed unless non-interactive). */
  readonly stdinIsTTY: boolean;
  /** Aborted on SIGINT/SIGTERM by the host (the CLI); passed to providers. */
  readonly signal: AbortSignal;
  /** The terminal conversation: questions, hidden entry, stdin. Default: the real terminal, opened lazily. */
  readonly io: SessionIO;
  /** Runs the auth command (docs/configuration.md, "Authentication prompt"); default: `sh -c` via child_process. For tests. */
  readonly runCommand?: RunCommandFunction;
  /** Progress of provider calls, for a spinner; none by default. */
  readonly activity?: ActivityReporter;
}

/** Options of {@link createSession}; everything defaults to the current process. */
export interface SessionInit {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly options?: GlobalOptions;
  readonly registry?: ProviderRegistry;
  readonly log?: Logger;
  readonly stdinIsTTY?: boolean;
  readonly signal?: AbortSignal;
  readonly io?: SessionIO;
  readonly runCommand?: RunCommandFunction;
  readonly activity?: ActivityReporter;
}

/**
 * A logger writing to stderr; debug lines only when `verbose`. Every line is passed through
 * {@link escapeControls}: warnings quote names, paths and provider replies from config files.
 */
export function stderrLogger(verbose = false): Logger {
  const line = (message: string) => process.stderr.write(`${escapeControls(message, { keepLayout: true })}\n`);
  return {
    warn: line,
    debug: (message) => {
      if (verbose) line(`DEBUG ${message}`);
    },
    info: line,
  };
}

/** Build a session for the current process with optional overrides. */
export function createSession(init: SessionInit = {}): FnoxSession {
  const env = init.env ?? process.env;
  // FNOX_NON_INTERACTIVE (true/false; 1/0 accepted too) means --non-interactive, for every prompt.
  const nonInteractiveEnv = /^(true|1)$/i.test(env.FNOX_NON_INTERACTIVE?.trim() ?? '');
  const options = nonInteractiveEnv ? { ...init.options, nonInteractive: true } : (init.options ?? {});
  const signal = init.signal ?? new AbortController().signal;
  return {
    cwd: init.cwd ?? process.cwd(),
    env,
    options,
    registry: init.registry ?? createProviderRegistry(),
    log: init.log ?? stderrLogger(Boolean(options.verbose)),
    // Asked only when a command is about to read stdin, and not through process.stdin.isTTY,
    // whose getter builds a stream (a hot command never reads stdin).
    get stdinIsTTY() {
      return init.stdinIsTTY ?? isTerminal(0);
    },
    signal,
    io: init.io ?? terminalIO(signal),
    ...(init.runCommand ? { runCommand: init.runCommand } : {}),
    ...(init.activity ? { activity: init.activity } : {}),
  };
}

/**
 * The global config directory: `$FNOX_CONFIG_DIR`, else `$XDG_CONFIG_HOME/fnox`, else
 * `~/.config/fnox`. Empty or relative env paths are ignored (docs/configuration.md, "How files are found").
 */
export function globalConfigDir(env: NodeJS.ProcessEnv): string {
  const usable = (value: string | undefined) => (value && isAbsolute(value) ? value : undefined);
  const explicit = usable(env.FNOX_CONFIG_DIR);
  if (explicit) return explicit;
  const xdg = usable(env.XDG_CONFIG_HOME);
  return join(xdg ?? join(env.HOME || homedir(), '.config'), 'fnox');
}
