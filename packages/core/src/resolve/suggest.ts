/**
 * "Did you mean" suggestions, Jaro-Winkler as upstream fnox uses (similarity ≥ 0.7,
 * case-insensitive, best three).
 */

/** Jaro similarity of two strings, 0..1. */
function jaro(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const aMatched = new Array<boolean>(a.length).fill(false);
  const bMatched = new Array<boolean>(b.length).fill(false);
  let matches = 0;
  for (let i = 0; i < a.length; i++) {
    const start = Math.max(0, i - window);
    const end = Math.min(i + window + 1, b.length);
    for (let j = start; j < end; j++) {
      if (bMatched[j] || a[i] !== b[j]) continue;
      aMatched[i] = true;
      bMatched[j] = true;
      matches++;
      break;
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < a.length; i++) {
    if (!aMatched[i]) continue;
    while (!bMatched[k]) k++;
    if (a[i] !== b[k]) transpositions++;
    k++;
  }
  const m = matches;
  return (m / a.length + m / b.length + (m - transpositions / 2) / m) / 3;
}

/** Jaro-Winkler similarity (prefix scale 0.1, prefix up to 4 characters), 0..1. */
export function jaroWinkler(a: string, b: string): number {
  const j = jaro(a, b);
  let prefix = 0;
  while (prefix < Math.min(4, a.length, b.length) && a[prefix] === b[prefix]) prefix++;
  return j + prefix * 0.1 * (1 - j);
}

/** Up to `limit` candidates similar to `target` (case-insensitive Jaro-Winkler ≥ 0.7), best first. */
export function findSimilar(target: string, candidates: Iterable<string>, limit = 3): string[] {
  const lower = target.toLowerCase();
  const scored: { name: string; score: number }[] = [];
  for (const name of candidates) {
    const score = jaroWinkler(lower, name.toLowerCase());
    if (score >= 0.7) scored.push({ name, score });
  }
  scored.sort((x, y) => y.score - x.score);
  return scored.slice(0, limit).map((s) => s.name);
}

/** `Did you mean 'X'?` / `Did you mean one of: 'A', 'B'?`, or undefined when nothing is close. */
export function formatSuggestions(similar: readonly string[]): string | undefined {
  if (similar.length === 0) return undefined;
  if (similar.length === 1) return `Did you mean '${similar[0]}'?`;
  return `Did you mean one of: ${similar.map((s) => `'${s}'`).join(', ')}?`;
}
