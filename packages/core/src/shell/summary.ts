/** The stderr summary of a hook-env run that changed something (docs/shell-integration.md, Messages). */
import { escapeControls } from '../format/terminal-text.js';

/** How much hook-env says: `FNOX_SHELL_OUTPUT`. */
export type ShellOutputLevel = 'none' | 'normal' | 'debug';

/** `none|off|false|0` → none, `debug|verbose` → debug, anything else (or unset) → normal. */
export function shellOutputLevel(value: string | undefined): ShellOutputLevel {
  const v = (value ?? '').trim().toLowerCase();
  if (['none', 'off', 'false', '0'].includes(v)) return 'none';
  if (v === 'debug' || v === 'verbose') return 'debug';
  return 'normal';
}

/** Terminal width for the summary: the stderr TTY width, else `$COLUMNS`, else 80. */
export function summaryWidth(ttyColumns: number | undefined, env: NodeJS.ProcessEnv): number {
  if (ttyColumns && ttyColumns > 0) return ttyColumns;
  const columns = Number.parseInt(env.COLUMNS ?? '', 10);
  return Number.isFinite(columns) && columns > 0 ? columns : 80;
}

/** A plain application name: what a config normally holds. Anything else is always shown. */
export function isPlainName(name: string): boolean {
  return /^[A-Z0-9_]+$/.test(name);
}

/**
 * `fnox: +N -M KEY1, KEY2, ...`: added keys then removed keys, cut to the width budget
 * B = W − len(prefix) − len(suffix) − 4 (B = 40 when W ≤ prefix length + 10), then ` from FILE`
 * when a config loaded. Only plain `[A-Z0-9_]` names are ever cut: every other name is always
 * shown, so a dozen harmless names cannot hide an unusual one. Every piece is escaped for the
 * terminal. Returns undefined when nothing changed.
 */
export function normalSummary(added: readonly string[], removed: readonly string[], width: number, file?: string): string | undefined {
  if (added.length === 0 && removed.length === 0) return undefined;
  const counts = [added.length > 0 ? `+${added.length}` : '', removed.length > 0 ? `-${removed.length}` : ''].filter(Boolean);
  const prefix = `fnox: ${counts.join(' ')} `;
  const suffix = file === undefined ? '' : ` from ${escapeControls(file)}`;
  const keys = [...added, ...removed].map((key) => escapeControls(key));
  const all = keys.join(', ');
  const budget = width <= prefix.length + 10 ? 40 : width - prefix.length - suffix.length - 4;
  if (all.length <= budget) return `${prefix}${all}${suffix}`;
  // Unusual names are always shown; they take their room first.
  let used = keys.filter((key) => !isPlainName(key)).reduce((sum, key) => sum + key.length + 2, 0);
  let cut = false;
  const shown = keys.filter((key) => {
    if (!isPlainName(key)) return true;
    if (cut || used + key.length + 2 > budget) {
      cut = true;
      return false;
    }
    used += key.length + 2;
    return true;
  });
  const list = shown.length > 0 ? `${shown.join(', ')}${cut ? ', ...' : ''}` : '...';
  return `${prefix}${list}${suffix}`;
}

/** The debug-level summary lines. */
export function debugSummary(added: readonly string[], removed: readonly string[]): string[] {
  const lines: string[] = [];
  if (added.length > 0) lines.push(`fnox: loaded ${added.length} secret(s):`, ...added.map((key) => `  + ${escapeControls(key)}`));
  if (removed.length > 0) lines.push(`fnox: unloaded ${removed.length} secret(s):`, ...removed.map((key) => `  - ${escapeControls(key)}`));
  return lines;
}
