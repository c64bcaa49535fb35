/** "Did you mean" for misspelt config keys (`imports` → `import`). */

/**
 * Edit distance counting an adjacent swap as one edit (optimal string alignment), so the most
 * common typos (`lsit`, `imoprt`) are one edit away. Small strings only (config keys, commands).
 */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}

/** The closest allowed key when it is plausibly a typo (distance ≤ 2, or one contains the other). */
export function closestKey(key: string, allowed: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  let best: { name: string; distance: number } | undefined;
  for (const name of allowed) {
    const distance = editDistance(lower, name);
    if (!best || distance < best.distance) best = { name, distance };
  }
  if (!best) return undefined;
  if (best.distance <= Math.max(1, Math.min(2, Math.floor(key.length / 3)))) return best.name;
  const containing = allowed.find((name) => name.length >= 4 && (lower.includes(name) || name.includes(lower)) && lower.length >= 4);
  return containing;
}
