import { knowsWord } from '../query/wordnet.ts';
import { words, type Word } from '../text/tokenizer.ts';

/**
 * Who a person is, for sentences that name them by surname alone. Articles introduce a person once, with their
 * post ("Usen Suleimen, Ambassador-at-Large of ...", "Yerkin Tukumov, the Director of KazISS"), and later write
 * "Suleimen thanked the participants ...". A question asks by the post ("What did the ambassador call for?"), so
 * the sentence that introduces the person is part of a later sentence's context, as its neighbours are.
 */

const CAPITALISED = /^\p{Lu}\p{Ll}/u;
const POSSESSIVE = /['’]s$/;

/** Most words are lowercase: tell them by their first letter's code, without a pattern. */
function startsUpper(word: string): boolean {
  const c = word.charCodeAt(0);
  return !((c >= 97 && c <= 122) || (c >= 1072 && c <= 1103) || c < 65);
}

/**
 * Per sentence of one document, the index of the sentence that introduces a person it names by surname, or -1:
 * when the sentence names nobody, is itself the introduction, or is next to it (neighbours are context already).
 * The introduction is the first sentence naming the person in full, their post right after a comma; the surname
 * is no dictionary word ("Roman Vassilenko," but not "Foreign Affairs,"). `wordLists` are the sentences' words,
 * when the caller has them already (one pass over words, no pattern tried at every character: 100k sentences).
 */
export function personIntroductions(sentences: readonly string[], wordLists: ReadonlyArray<readonly Word[]> = sentences.map((s) => words(s))): number[] {
  const introductions = new Map<string, number>();
  wordLists.forEach((ws, i) => {
    const text = sentences[i]!;
    for (let w = 1; w < ws.length; w++) {
      const [name, surname] = [ws[w - 1]!, ws[w]!];
      if (text[surname.end] !== ',' || surname.start !== name.end + 1 || text[name.end] !== ' ') continue;
      if (CAPITALISED.test(name.surface) && CAPITALISED.test(surname.surface) && !introductions.has(surname.surface)) introductions.set(surname.surface, i);
    }
  });
  if (introductions.size === 0) return sentences.map(() => -1);
  // Looked up only for a surname named again away from its introduction: most are named once.
  const person = new Map<string, boolean>();
  const isPerson = (surname: string) => {
    let known = person.get(surname);
    if (known === undefined) person.set(surname, (known = !knowsWord(surname)));
    return known;
  };
  return wordLists.map((ws, i) => {
    for (const w of ws) {
      if (!startsUpper(w.surface)) continue;
      const surname = POSSESSIVE.test(w.surface) ? w.surface.replace(POSSESSIVE, '') : w.surface;
      const introduction = introductions.get(surname);
      if (introduction !== undefined && Math.abs(introduction - i) > 1 && isPerson(surname)) return introduction;
    }
    return -1;
  });
}
