import { knowsWord } from '../query/wordnet.ts';

/**
 * Who a person is, for sentences that name them by surname alone. Articles introduce a person once, with their
 * post ("Usen Suleimen, Ambassador-at-Large of ...", "Yerkin Tukumov, the Director of KazISS"), and later write
 * "Suleimen thanked the participants ...". A question asks by the post ("What did the ambassador call for?"), so
 * the sentence that introduces the person is part of a later sentence's context, as its neighbours are.
 */

/** A capitalised word (a hyphenated one too: "Kassym-Jomart"), Latin or Cyrillic. */
const CAPITALISED = /^\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)*$/u;
const WORD = /[\p{L}\p{M}]+(?:-[\p{L}\p{M}]+)*/gu;

interface Person {
  /** The sentence that introduces the person: the first naming them in full followed by a comma (their post). */
  introduction: number;
}

/**
 * Per sentence of one document, the index of the sentence that introduces a person it names by surname, or -1:
 * when the sentence names nobody, is itself the introduction, or is next to it (neighbours are context already).
 * A person is a run of capitalised words ending in two, the last of which is no dictionary word ("Roman
 * Vassilenko", not "Foreign Affairs").
 */
export function personIntroductions(sentences: readonly string[]): number[] {
  const persons = new Map<string, Person>();
  const mentions: string[][] = sentences.map(() => []);
  sentences.forEach((text, i) => {
    const words = [...text.matchAll(WORD)];
    for (let w = 0; w < words.length; w++) {
      const word = words[w]![0];
      if (!CAPITALISED.test(word)) continue;
      mentions[i]!.push(word);
      const previous = words[w - 1];
      const next = words[w + 1];
      const endsRun = !next || !CAPITALISED.test(next[0]) || text.slice(words[w]!.index + word.length, next.index).trim() !== '';
      if (!previous || !endsRun || !CAPITALISED.test(previous[0]) || text.slice(previous.index + previous[0].length, words[w]!.index) !== ' ') continue;
      if (knowsWord(word)) continue;
      // Only a sentence that gives the person's post right after their name introduces them.
      if (!persons.has(word) && text.slice(words[w]!.index + word.length).startsWith(',')) persons.set(word, { introduction: i });
    }
  });
  return mentions.map((words, i) => {
    for (const word of words) {
      const person = persons.get(word);
      if (person && Math.abs(person.introduction - i) > 1) return person.introduction;
    }
    return -1;
  });
}

