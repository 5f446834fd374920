import { isStopWord, lookupForms } from '../text/languages.ts';
import type { Lexicons } from './lexicon.ts';
import type { WordList } from './russian-dictionary.ts';
import { editDistance } from './edit-distance.ts';

/**
 * Russian words typed wrong ("референдме", "наблюдатилей", "охватываютт") put right before the lexicon reads them,
 * so that they translate. A word is only corrected when neither lexicon knows it and the Russian dictionary does not
 * know it either: a real word the lexicon lacks ("голова", "экспорт") stays as it is, and an off-topic question stays
 * off-topic. The correction is, for a word whose stem has six letters or more:
 * - the lexicon key (a form or stem of a lexicon word: the corpus's vocabulary as the lexicon sees it) one letter
 *   from the word or one of its stems;
 * - else a word one dropped or swapped letter (or a moved double letter) away that the dictionary and the lexicon
 *   both know (a typo in the ending leaves the stem unlike any key).
 * A word with a shorter stem is a letter from too many words, so it is only corrected to a lexicon key one dropped or
 * doubled letter from the word as typed, or to the one dictionary word a letter away, when there is just one and the
 * lexicon knows it ("выбаров" → "выборов"; "скока" stays).
 * A correction into a word neither the lexicon nor the general dictionary reads would translate no better than the
 * typo, so there is none.
 */
export type Speller = (word: string) => string | undefined;

export interface RussianSpellerOptions {
  lexicons: Lexicons;
  /** The Russian dictionary, asked for at the first word that needs it (reading it takes a while). */
  dictionary: () => WordList;
}

/** Lowercase Russian letters only (ё already written as е): Kazakh letters, Latin letters and hyphens are left alone. */
const RUSSIAN_WORD = /^[а-я]{5,}$/;
/** Words with a shorter stem are a letter away from too many words ("скока" from "срока", "сока", "скоба", "скок"). */
const SHORT_STEM = 6;
const LETTERS = 'абвгдежзийклмнопрстуфхцчшщъыьэюя';
const CACHE_SIZE = 10_000;

export function createRussianSpeller({ lexicons, dictionary }: RussianSpellerOptions): Speller {
  let keysByLetter: Map<string, string[]> | undefined;
  /** Will the word translate: does the domain lexicon or the general dictionary read it? */
  const translates = (word: string) => lexicons.ru.knows(word) || (lexicons.ruGeneral?.knows(word) ?? false);
  const cache = new Map<string, string | null>();

  /** The lexicon keys that start with the word's letter: people rarely get the first letter wrong, and keeping it keeps false fixes down. */
  function keysLike(word: string): string[] {
    keysByLetter ??= byFirstLetter(lexicons.ru.keys());
    return keysByLetter.get(word[0]!) ?? [];
  }

  /** A lexicon key one letter from one of the word's forms (the word, its stems). */
  function closestKey(word: string): string | undefined {
    const keys = keysLike(word);
    for (const form of lookupForms(word, 'ru')) {
      if (form.length < SHORT_STEM) continue;
      const key = keys.find((k) => editDistance(form, k, 2) === 1);
      if (key) return key;
    }
    // Unstressed vowels are the commonest Russian slips ("канстетуцию"): a key that differs only in them, and at
    // most one more letter.
    for (const form of lookupForms(word, 'ru')) {
      if (form.length < SHORT_STEM) continue;
      const folded = foldVowels(form);
      const key = keys.find((k) => Math.abs(k.length - form.length) <= 1 && editDistance(folded, foldVowels(k), 2) <= 1 && editDistance(form, k, 4) <= 3);
      if (key) return key;
    }
    return undefined;
  }

  /**
   * A lexicon key that is the word with a letter dropped or doubled ("тасстенова" → "тастенова"): a typo can cut a
   * word's stem short ("диалогоой" stems to "ди"), but the word as typed is still a letter from the form listed.
   */
  function keyWithOneLetterMoreOrLess(word: string): string | undefined {
    return keysLike(word).find((key) => Math.abs(key.length - word.length) === 1 && editDistance(word, key, 2) === 1);
  }

  /** A word the lexicon and the dictionary know one dropped or swapped letter away ("охватываютт" → "охватывают"), or with its double letter elsewhere. */
  function dictionaryEdit(word: string, words: WordList): string | undefined {
    return deletionsAndSwaps(word).find((candidate) => words.knows(candidate) && translates(candidate));
  }

  /**
   * The dictionary word one letter away, if there is one word (its forms count as one: "вопроы" is "вопросы" or
   * "вопрос") and the lexicon knows it ("выбаров" → "выборов").
   */
  function onlyNeighbour(word: string, words: WordList): string | null {
    // A word the lexicon knows begins with a key (its stem), so a neighbour the lexicon knows begins one letter from
    // a key: when no key is that close to the start of the word, the hundreds of neighbours need no looking up.
    // With the general dictionary any Russian word may translate, so every neighbour is looked up (once per word).
    const near = lexicons.ruGeneral !== undefined || keysLike(word).some((key) => [-1, 0, 1].some((d) => editDistance(key, word.slice(0, key.length + d), 2) <= 1));
    if (!near) return null;
    let found: { word: string; stem: string } | null = null;
    for (const candidate of oneEditAway(word)) {
      if (!words.knows(candidate)) continue;
      const stem = lookupForms(candidate, 'ru').at(-1)!;
      if (found === null) found = { word: candidate, stem };
      else if (stem !== found.stem) return null;
    }
    return found !== null && translates(found.word) ? found.word : null;
  }

  /**
   * A word the dictionary and the lexicon know that differs from the typed one only in one or two unstressed vowels
   * ("выборох": выборах, "галасования": голосования). Tried before the lexicon's own reading, which may read the
   * typo through a shorter stem ("голосавания" through "голос": voice).
   */
  function vowelSlip(word: string, words: WordList): string | undefined {
    const at: number[] = [];
    for (let i = 1; i < word.length; i++) if (SOUNDS_ALIKE.has(word[i]!)) at.push(i);
    let variants = [word];
    for (let changes = 1; changes <= 2; changes++) {
      const next: string[] = [];
      for (const v of variants) {
        for (const i of at) {
          // One change per vowel: a position already changed is left as it is.
          if (word[i] !== v[i]) continue;
          for (const letter of SOUNDS_ALIKE.get(v[i]!)!) {
            const candidate = v.slice(0, i) + letter + v.slice(i + 1);
            if (words.knows(candidate) && translates(candidate)) return candidate;
            next.push(candidate);
          }
        }
      }
      variants = next;
    }
    return undefined;
  }

  function correct(word: string): string | null {
    if (lexicons.ru.knows(word)) {
      // Read through a stem far down its chain, a typo may mean another word ("голосавания": голос, voice).
      if (lexicons.ru.knowsClosely(word)) return null;
      const words = dictionary();
      return words.knows(word) ? null : (vowelSlip(word, words) ?? null);
    }
    const words = dictionary();
    if (words.knows(word) || lexicons.kk.knows(word)) return null;
    const slip = word.length >= SHORT_STEM ? vowelSlip(word, words) : undefined;
    if (slip) return slip;
    if (lookupForms(word, 'ru').at(-1)!.length < SHORT_STEM) return keyWithOneLetterMoreOrLess(word) ?? onlyNeighbour(word, words);
    return closestKey(word) ?? dictionaryEdit(word, words) ?? null;
  }

  return (word) => {
    if (!RUSSIAN_WORD.test(word) || isStopWord(word)) return undefined;
    let result = cache.get(word);
    if (result === undefined) {
      result = correct(word);
      if (cache.size >= CACHE_SIZE) cache.clear();
      cache.set(word, result);
    }
    return result ?? undefined;
  };
}

/** Russian vowels as unstressed they sound alike: о and а, е, и, э and я. */
const ALIKE_VOWELS = ['оа', 'еиэя'];
/** Each vowel and those that sound like it unstressed. */
const SOUNDS_ALIKE = new Map(ALIKE_VOWELS.flatMap((group) => [...group].map((v) => [v, group.replace(v, '')] as const)));

const FOLDS = ALIKE_VOWELS.map((group) => [new RegExp(`[${group}]`, 'g'), group[0]!] as const);

function foldVowels(word: string): string {
  let folded = word;
  for (const [alike, one] of FOLDS) folded = folded.replace(alike, one);
  return folded;
}

function byFirstLetter(keys: Iterable<string>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const key of keys) {
    if (key.length < 3) continue;
    const list = out.get(key[0]!) ?? [];
    list.push(key);
    out.set(key[0]!, list);
  }
  return out;
}

/**
 * The word with one letter dropped, two neighbouring letters swapped, or its double letter moved to another letter
 * ("коммисия" → "комиссия", a common Russian misspelling); the first letter stays.
 */
function deletionsAndSwaps(word: string): string[] {
  const out = new Set<string>();
  for (let i = 1; i < word.length; i++) out.add(word.slice(0, i) + word.slice(i + 1));
  for (let i = 1; i + 1 < word.length; i++) out.add(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
  for (let i = 1; i + 1 < word.length; i++) {
    if (word[i] !== word[i + 1]) continue;
    const single = word.slice(0, i) + word.slice(i + 1);
    for (let j = 1; j < single.length; j++) if (j !== i) out.add(single.slice(0, j + 1) + single.slice(j));
  }
  out.delete(word);
  return [...out];
}

/** Every word one typo away: a letter dropped, swapped with the next, changed or added, a double letter moved; the first letter stays. */
function oneEditAway(word: string): Set<string> {
  const out = new Set(deletionsAndSwaps(word));
  for (let i = 1; i <= word.length; i++) {
    for (const letter of LETTERS) {
      if (i < word.length) out.add(word.slice(0, i) + letter + word.slice(i + 1));
      out.add(word.slice(0, i) + letter + word.slice(i));
    }
  }
  out.delete(word);
  return out;
}
