import { ENGLISH_STOP_WORDS } from '../text/tokenizer.ts';
import { editDistance } from './edit-distance.ts';

/** Stop words by length, for misspeltStopWord. */
const STOP_WORDS_BY_LENGTH = new Map<number, string[]>();
for (const w of ENGLISH_STOP_WORDS) if (/^[a-z]{3,}$/.test(w)) STOP_WORDS_BY_LENGTH.set(w.length, [...(STOP_WORDS_BY_LENGTH.get(w.length) ?? []), w]);

/**
 * The stop word a lowercase misspelling was meant to be ("ther", "thier", "abot", "becuase", "teh"): one letter
 * dropped, added or changed, or two swapped; a dropped letter first. Three-letter words only for a swap ("teh"),
 * since a short acronym is one letter from many ("imf" / "if"). The caller rules out real and corpus words.
 */
export function misspeltStopWord(word: string): string | null {
  if (word.length < 3 || word.length > MAX_STOP_WORD + 1 || ENGLISH_STOP_WORDS.has(word) || !/^[a-z]+$/.test(word)) return null;
  const known = misspeltStopWords.get(word);
  if (known !== undefined) return known;
  const meant = nearestStopWord(word);
  if (misspeltStopWords.size >= 10_000) misspeltStopWords.clear();
  misspeltStopWords.set(word, meant);
  return meant;
}

const misspeltStopWords = new Map<string, string | null>();
const MAX_STOP_WORD = Math.max(...STOP_WORDS_BY_LENGTH.keys());

function nearestStopWord(word: string): string | null {
  // Which of several stop words was meant ("ther": there, their, other) hardly matters: none is searched for.
  for (const length of [word.length + 1, word.length, word.length - 1]) {
    for (const stop of STOP_WORDS_BY_LENGTH.get(length) ?? []) if (editDistance(word, stop, 2) === 1 && (word.length > 3 || swapped(word, stop))) return stop;
  }
  return null;
}

const swapped = (a: string, b: string) => a.length === b.length && [...a].sort().join('') === [...b].sort().join('') && a !== b;
