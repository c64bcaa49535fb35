/** The stderr summary of a hook-env run that changed something (docs/shell-integration.md step 5). */

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

/**
 * `fnox: +N -M KEY1, KEY2, ...`: added keys then removed keys, cut to the width budget
 * B = W − len(prefix) − 4 (B = 40 when W ≤ prefix length + 10). Returns undefined when nothing changed.
 */
export function normalSummary(added: readonly string[], removed: readonly string[], width: number): string | undefined {
  if (added.length === 0 && removed.length === 0) return undefined;
  const counts = [added.length > 0 ? `+${added.length}` : '', removed.length > 0 ? `-${removed.length}` : ''].filter(Boolean);
  const prefix = `fnox: ${counts.join(' ')} `;
  const budget = width <= prefix.length + 10 ? 40 : width - prefix.length - 4;
  const keys = [...added, ...removed];
  const all = keys.join(', ');
  if (all.length <= budget) return `${prefix}${all}`;
  const shown: string[] = [];
  let used = 0;
  for (const key of keys) {
    if (used + key.length + 2 > budget) break;
    used += key.length + 2;
    shown.push(key);
  }
  return shown.length > 0 ? `${prefix}${shown.join(', ')}, ...` : `${prefix}...`;
}

/** The debug-level summary lines. */
export function debugSummary(added: readonly string[], removed: readonly string[]): string[] {
  const lines: string[] = [];
  if (added.length > 0) lines.push(`fnox: loaded ${added.length} secret(s):`, ...added.map((key) => `  + ${key}`));
  if (removed.length > 0) lines.push(`fnox: unloaded ${removed.length} secret(s):`, ...removed.map((key) => `  - ${key}`));
  return lines;
}
