/** Dependency levels for batch resolution (Kahn's algorithm, ARCHITECTURE.md, "The resolution pipeline" step 2). */

/** Levels in order (each in input order) and the keys left in cycles (input order). */
export interface Levels {
  readonly levels: readonly (readonly string[])[];
  readonly cyclic: readonly string[];
}

/**
 * Order `keys` so each key comes after the keys it depends on. `deps` maps a key to keys it needs;
 * names outside `keys` and self-references are ignored. Keys that can never become ready (cycles
 * and whatever depends on them) are returned in `cyclic`.
 */
export function computeLevels(keys: readonly string[], deps: ReadonlyMap<string, ReadonlySet<string>>): Levels {
  const inSet = new Set(keys);
  const pending = new Map<string, Set<string>>();
  for (const key of keys) {
    const needs = new Set<string>();
    for (const dep of deps.get(key) ?? []) if (dep !== key && inSet.has(dep)) needs.add(dep);
    pending.set(key, needs);
  }
  const levels: string[][] = [];
  let remaining = [...keys];
  for (;;) {
    const ready = remaining.filter((key) => pending.get(key)?.size === 0);
    if (ready.length === 0) break;
    levels.push(ready);
    const readySet = new Set(ready);
    remaining = remaining.filter((key) => !readySet.has(key));
    for (const key of remaining) for (const r of ready) pending.get(key)?.delete(r);
  }
  return { levels, cyclic: remaining };
}
