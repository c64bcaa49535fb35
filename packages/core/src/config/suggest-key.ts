/** "Did you mean" for misspelt config keys (`imports` → `import`). */

/** Levenshtein distance, small strings only (config keys). */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
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
