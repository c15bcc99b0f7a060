/** Levenshtein edit distance (insertions, deletions, substitutions), two rows of memory. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The candidate closest to `wanted`, when it is close enough to be a typo: at most a third of the
 * word's length in edits (at least 1, at most 3). Ties go to the first candidate in sorted order.
 */
export function closest(wanted: string, candidates: Iterable<string>): string | undefined {
  const budget = Math.min(3, Math.max(1, Math.floor(wanted.length / 3)));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    // Length alone rules out most candidates cheaply in a catalog of many thousand ids.
    if (Math.abs(candidate.length - wanted.length) > budget) continue;
    const distance = editDistance(wanted, candidate);
    if (distance > budget) continue;
    if (distance < bestDistance || (distance === bestDistance && best !== undefined && candidate < best)) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** ` (did you mean "x"?)`, or nothing when no candidate is close. */
export function didYouMean(wanted: string, candidates: Iterable<string>): string {
  const suggestion = closest(wanted, candidates);
  return suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`;
}
