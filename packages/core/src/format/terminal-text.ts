/**
 * Text from a config file, a plugin or a provider reply is shown on a terminal only through
 * {@link escapeControls}: a secret name, path or command made of escape codes could otherwise erase
 * lines, move the cursor or retitle the window (spoofing a prompt). C0 controls, DEL and C1 controls
 * (ESC included) are written as `\u001b`-style text; newlines and tabs are kept only when asked.
 */

// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;
// eslint-disable-next-line no-control-regex
const CONTROLS_BUT_LAYOUT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

const asEscape = (char: string): string => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** Options of {@link escapeControls}. */
export interface EscapeControlsOptions {
  /** Keep `\n` and `\t` as they are (multi-line messages); every other control is still escaped. */
  readonly keepLayout?: boolean;
}

/** `text` with every terminal control character shown as a `\uXXXX` escape. */
export function escapeControls(text: string, options: EscapeControlsOptions = {}): string {
  return text.replace(options.keepLayout ? CONTROLS_BUT_LAYOUT : CONTROLS, asEscape);
}

/** True when `text` holds a character {@link escapeControls} would escape. */
export function hasControls(text: string): boolean {
  return escapeControls(text) !== text;
}
