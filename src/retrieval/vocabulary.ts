import { detached } from './compact.ts';
import type { Word } from './tokenizer.ts';
import type { Vocabulary } from './question.ts';

/** Adds the corpus words of one text (lowercase, letters only, 3+ letters, not stop words) to `counts`. */
const SURFACE_WORD = /^\p{L}{3,}$/u;

export function countSurfaces(ws: readonly Word[], counts: Map<string, number>): void {
  for (const w of ws) {
    if (w.term === null || !SURFACE_WORD.test(w.surface)) continue;
    const lower = w.surface.toLowerCase();
    const count = counts.get(lower);
    counts.set(count === undefined ? detached(lower) : lower, (count ?? 0) + 1);
  }
}

/**
 * The corpus' words, for deciding which question words are unknown and what they were probably meant to be.
 * `surfaceCounts` comes from `countSurfaces`, in corpus order (ties between equally close words go to the first seen).
 */
export function buildVocabulary(surfaceCounts: ReadonlyMap<string, number>, termDocumentFrequency: ReadonlyMap<string, number>): Vocabulary {
  const byLength = new Map<number, string[]>();
  for (const word of surfaceCounts.keys()) {
    const list = byLength.get(word.length) ?? [];
    list.push(word);
    byLength.set(word.length, list);
  }
  const cache = new Map<string, string | null>();

  return {
    hasTerm: (term) => termDocumentFrequency.has(term),
    closestWord(word) {
      const cached = cache.get(word);
      if (cached !== undefined) return cached;
      const maxDistance = word.length >= 8 ? 2 : 1;
      let best: string | null = null;
      let bestDistance = maxDistance + 1;
      let bestCount = 0;
      for (let len = word.length - maxDistance; len <= word.length + maxDistance; len++) {
        for (const candidate of byLength.get(len) ?? []) {
          if (candidate[0] !== word[0]) continue; // people rarely get the first letter wrong; this keeps false fixes down
          // The limit is one past the best so far: editDistance returns the limit itself for "this far or more",
          // which must never pass for a tie.
          const d = editDistance(word, candidate, bestDistance + 1);
          const count = surfaceCounts.get(candidate) ?? 0;
          if (d < bestDistance || (d === bestDistance && count > bestCount)) {
            best = candidate;
            bestDistance = d;
            bestCount = count;
          }
        }
      }
      const result = bestDistance <= maxDistance ? best : null;
      if (cache.size > 10_000) cache.clear();
      cache.set(word, result);
      return result;
    },
  };
}

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions), giving up beyond `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => {
    const row = new Array<number>(cols).fill(0);
    row[0] = i;
    return row;
  });
  for (let j = 0; j < cols; j++) d[0]![j] = j;
  for (let i = 1; i < rows; i++) {
    let rowMin = Infinity;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin >= limit) return limit;
  }
  return d[a.length]![b.length]!;
}
