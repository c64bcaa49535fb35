import { inspect } from 'node:util';
import { escapeControls, type ErrorStyle } from '@fnox/core/hot';
import { stderr, stdout, type Output } from './stdio.js';

const STYLES = ['bold', 'dim', 'red', 'green', 'yellow', 'cyan'] as const;

/** The colour functions fnox uses; each returns its text unchanged when colour is off. */
export type Colors = Readonly<Record<(typeof STYLES)[number], (text: string) => string>> & { readonly isColorSupported: boolean };

/**
 * fnox's six styles, with SGR codes from Node's own table (util.inspect.colors). Not a colour
 * library: picocolors and yoctocolors read process.stdout or node:tty when they load, which builds
 * the streams stdio.ts exists to avoid, on every command that paints a warning or an error.
 * fnox only ever nests `bold(red(…))`, whose close codes differ, so no close-code repair is needed.
 */
function createColors(enabled: boolean): Colors {
  const style = (name: (typeof STYLES)[number]) => {
    const [open, close] = inspect.colors[name]!;
    return enabled ? (text: string) => `\x1b[${open}m${text}\x1b[${close}m` : (text: string) => text;
  };
  return {
    ...(Object.fromEntries(STYLES.map((name) => [name, style(name)])) as Record<(typeof STYLES)[number], (text: string) => string>),
    isColorSupported: enabled,
  };
}

/**
 * Whether to colour what goes to `stream`: only on a terminal, never with `--no-color`, a
 * non-empty `NO_COLOR`, `TERM=dumb` or `CLICOLOR=0`; `CLICOLOR_FORCE` (≠ 0) or `FORCE_COLOR`
 * (≠ 0) forces it (the rules upstream's terminal library follows).
 */
export function colorEnabled(stream: { readonly isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env, argv: readonly string[] = process.argv): boolean {
  if (argv.includes('--no-color')) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const forced = (value: string | undefined) => value !== undefined && value !== '' && value !== '0';
  if (forced(env.CLICOLOR_FORCE) || forced(env.FORCE_COLOR)) return true;
  if (env.TERM === 'dumb' || env.CLICOLOR === '0') return false;
  return stream.isTTY === true;
}

const cache = new Map<unknown, Colors>();

/** The colours for `output` (stdout or stderr), decided once per output. */
export function colorsFor(output: Output): Colors {
  let colors = cache.get(output);
  if (!colors) cache.set(output, (colors = createColors(colorEnabled(output))));
  return colors;
}

/** The error renderer's colours for stderr. */
export function errorStyle(colors: Colors = colorsFor(stderr)): ErrorStyle {
  return { error: (t) => colors.bold(colors.red(t)), hint: colors.cyan, dim: colors.dim };
}

/**
 * Paint fnox's own feedback in a line of text: a leading `✓` green, `✗` red, `Warning:`/`WARN`
 * yellow, `error:` red, `hint:` cyan, a hook summary's `fnox:` dim. Anything else is untouched,
 * so data and values are never altered (and nothing changes when colour is off).
 */
export function paint(text: string, colors: Colors): string {
  if (!colors.isColorSupported) return text;
  // ✓ and ✗ escaped: the bundle stays ASCII, which code-cache.ts decodes as latin1 (cheaper than UTF-8).
  return text.replace(/^(\s*)(\u2713|\u2717|Warning:|WARN|error:|hint:|fnox:)(?= |$)/gm, (_match, indent: string, word: string) => {
    const painted =
      word === '✓'
        ? colors.green(word)
        : word === '✗' || word === 'error:'
          ? colors.bold(colors.red(word))
          : word === 'hint:'
            ? colors.cyan(word)
            : word === 'fnox:'
              ? colors.dim(word)
              : colors.yellow(word);
    return indent + painted;
  });
}

/** Write fnox's own feedback (never data) to stderr, painted when stderr is a colour terminal. */
export function say(text: string): void {
  // Feedback quotes secret and provider names from config files: none of it may drive the terminal.
  const safe = escapeControls(text, { keepLayout: true });
  stderr.write(paint(safe.endsWith('\n') ? safe : `${safe}\n`, colorsFor(stderr)));
}

/** core's Logger for a terminal: warnings and info painted on stderr, debug lines only when verbose. */
export function terminalLogger(verbose: boolean): { warn(m: string): void; info(m: string): void; debug(m: string): void } {
  return {
    warn: say,
    info: say,
    debug: (message) => {
      if (verbose) stderr.write(`DEBUG ${escapeControls(message, { keepLayout: true })}\n`);
    },
  };
}

/**
 * Data for stdout, unchanged, except a value from a config file the user has not trusted on its
 * way to a terminal: its control characters are shown escaped, so a cloned repository cannot
 * reach the terminal (an OSC 52 clipboard write, a title, a cleared screen). Pipes and files
 * always get the exact bytes.
 */
export function dataForStdout(text: string, untrusted: boolean): string {
  if (!untrusted || !stdout.isTTY) return text;
  const safe = escapeControls(text, { keepLayout: true });
  if (safe !== text) {
    say('Warning: a value from a config file you have not trusted holds control characters; they are shown escaped (pipe the output for the exact bytes)');
  }
  return safe;
}
