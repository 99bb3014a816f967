// "did you mean 'address'?" for a misspelt connection key: only keys one or two edits away from a known
// key (and not themselves plausible variable names of that length) are flagged. suggestName does the same for
// names a user typed (hosts, groups, modules, keywords), where any length counts.

export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      // Two swapped letters (nwe1 for new1) count as one edit, as a typist makes them.
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

export function suggestKey(key: string, known: readonly string[]): string | null {
  if (known.includes(key) || key.length < 4) return null;
  let best: string | null = null;
  let bestDistance = 3;
  for (const k of known) {
    const dist = editDistance(key.toLowerCase(), k);
    if (dist < bestDistance && dist <= (k.length >= 8 ? 2 : 1)) {
      best = k;
      bestDistance = dist;
    }
  }
  return best;
}

/** The known name nearest to `name` (a third of its letters may differ), or null. */
export function suggestName(name: string, known: Iterable<string>): string | null {
  let best: string | null = null;
  let bestDistance = Math.max(1, Math.floor(name.length / 3)) + 1;
  for (const k of known) {
    const dist = editDistance(name.toLowerCase(), k.toLowerCase());
    if (dist > 0 && dist < bestDistance) {
      best = k;
      bestDistance = dist;
    }
  }
  return best;
}
