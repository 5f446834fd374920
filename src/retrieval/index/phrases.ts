import type { Passage } from '../corpus/passages.ts';
import type { PhraseKind } from '../query/readings.ts';
import { CONCEPT_PREFIX, terms } from '../text/tokenizer.ts';
import type { PassageDatabase } from './database.ts';
import { escapeRegExp } from '../text/regexp.ts';

/**
 * What a text of two or more words is in the sources: a 'phrase' when its words stand in this order, each next to
 * the one before, in some sentence; a 'name' when, besides, every word is capitalised and never written in
 * lowercase there (a person: any one of the words names them, "Suleimen" for "Usen Suleimen"); else 'none'.
 * Read from the postings of the rarest word, and remembered per text: the same texts come question after question.
 */
export function phraseKinds(db: PassageDatabase): (text: string) => PhraseKind {
  const known = new Map<string, PhraseKind>();
  const { postingStart, postingPassage } = db.sentencePostings;
  const postingsOf = (id: number) => postingPassage.subarray(postingStart[id]!, postingStart[id + 1]!);
  const usedInLowercase = (word: string, id: number) => {
    const lower = new RegExp(`(?<!\\p{L})${escapeRegExp(word.toLowerCase())}`, 'u');
    for (const p of postingsOf(id)) if (lower.test(db.passages.passage(p).sentence.text)) return true;
    return false;
  };
  return (text) => {
    let kind = known.get(text);
    if (kind !== undefined) return kind;
    const words = terms(text).filter((t) => t.span === 1 && !t.term.startsWith(CONCEPT_PREFIX));
    const ids = words.map((t) => db.dictionary.id(t.term) ?? -1);
    kind = 'none';
    if (ids.length >= 2 && ids.every((id) => id >= 0)) {
      const rarest = ids.reduce((a, b) => (postingsOf(b).length < postingsOf(a).length ? b : a));
      for (const p of postingsOf(rarest)) {
        if (!holdsInOrder(db.passages.passage(p), ids)) continue;
        kind = 'phrase';
        break;
      }
      const surfaces = text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
      if (kind === 'phrase' && surfaces.length === ids.length && surfaces.every((w, i) => /^\p{Lu}/u.test(w) && !usedInLowercase(w, ids[i]!))) kind = 'name';
    }
    if (known.size < 10_000) known.set(text, kind);
    return kind;
  };
}

function holdsInOrder(passage: Passage, ids: readonly number[]): boolean {
  const at = new Map<number, Set<number>>();
  for (let i = 0; i < passage.termCount; i++) {
    const position = passage.position(i);
    let here = at.get(position);
    if (!here) at.set(position, (here = new Set()));
    here.add(passage.termId(i));
  }
  for (const [position, here] of at) {
    if (!here.has(ids[0]!)) continue;
    if (ids.every((id, k) => at.get(position + k)?.has(id))) return true;
  }
  return false;
}
