import { editDistance } from './edit-distance.ts';

/**
 * The lexicon key closest to a Kazakh word the lexicon does not know, for a dropped, doubled or wrong letter
 * ("мемлекттің" → мемлекет, "республикаалық" → республикалық). Keys are plain (typed without Kazakh letters, like
 * every lexicon key), so "мемлекеттин" typed on a Russian keyboard is corrected the same way. The first letter is
 * taken as right; a stem of ten letters or more may be two edits away, of seven to nine one, of five or six only one
 * dropped letter away ("әзімва" → әзімова), and a shorter one is not corrected. The lexicon is small and Kazakh is
 * not: most shorter words a letter from a lexicon word are other words (пойыз "train" / пайыз "percent", билеті
 * "its ticket" / біледі "knows", қаза "death" / қазан "October").
 */
export class ClosestKey {
  private readonly byFirstLetter = new Map<string, string[]>();

  constructor(keys: Iterable<string>) {
    for (const key of keys) {
      if (key.length < MIN_KEY) continue;
      const list = this.byFirstLetter.get(key[0]!) ?? [];
      list.push(key);
      this.byFirstLetter.set(key[0]!, list);
    }
  }

  /** The closest key to any of a word's stems (tried longest first; the first of equally close keys wins). */
  closest(stems: readonly string[]): string | undefined {
    let best: string | undefined;
    let bestDistance = Infinity;
    for (const stem of stems) {
      const max = stem.length >= 10 ? 2 : stem.length >= MIN_STEM ? 1 : 0;
      const droppedOnly = stem.length < 7;
      for (const key of max === 0 ? [] : (this.byFirstLetter.get(stem[0]!) ?? [])) {
        if (Math.abs(key.length - stem.length) > max || (droppedOnly && key.length !== stem.length + 1)) continue;
        const distance = editDistance(stem, key, max + 1);
        if (distance <= max && distance < bestDistance) {
          best = key;
          bestDistance = distance;
        }
      }
    }
    return best;
  }
}

const MIN_STEM = 5;
const MIN_KEY = 5;
