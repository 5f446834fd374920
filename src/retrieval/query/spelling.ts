import { detached } from '../corpus/compact.ts';
import type { Word } from '../text/tokenizer.ts';
import { editDistance } from './edit-distance.ts';
import { bitCount, letterMask } from './letter-mask.ts';
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
  // Candidates grouped by first letter and length, in corpus order: a lookup reads only the words it could accept.
  const byShape = new Map<string, { words: string[]; counts: number[]; letters: number[] }>();
  for (const [word, count] of surfaceCounts) {
    const key = shapeKey(word[0]!, word.length);
    let group = byShape.get(key);
    if (!group) byShape.set(key, (group = { words: [], counts: [], letters: [] }));
    group.words.push(word);
    group.counts.push(count);
    group.letters.push(letterMask(word));
  }
  const cache = new Map<string, string | null>();

  return {
    hasTerm: (term) => termDocumentFrequency.has(term),
    documentFrequency: (term) => termDocumentFrequency.get(term) ?? 0,
    closestWord(word) {
      const cached = cache.get(word);
      if (cached !== undefined) return cached;
      const maxDistance = word.length >= 8 ? 2 : 1;
      let best: string | null = null;
      let bestDistance = maxDistance + 1;
      let bestCount = 0;
      const first = word[0] ?? '';
      const mask = letterMask(word);
      for (let len = word.length - maxDistance; len <= word.length + maxDistance; len++) {
        // Only words with the same first letter: people rarely get it wrong, and this keeps false fixes down.
        const group = byShape.get(shapeKey(first, len));
        if (!group) continue;
        const { words, counts, letters } = group;
        for (let i = 0; i < words.length; i++) {
          // editDistance returns the limit itself for "this far or more", which must never pass for a tie: the limit is
          // one past the best only when a tie could win (a more frequent word at a distance already within reach).
          const count = counts[i]!;
          const limit = count > bestCount && bestDistance <= maxDistance ? bestDistance + 1 : bestDistance;
          // A word at distance d differs in at most 2d letter bits: one that differs in more cannot come within the limit.
          if (bitCount(mask ^ letters[i]!) > 2 * (limit - 1)) continue;
          const candidate = words[i]!;
          const d = editDistance(word, candidate, limit);
          if (d < bestDistance || (d === bestDistance && d < limit && count > bestCount)) {
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

const shapeKey = (first: string, length: number) => `${first}${length}`;

