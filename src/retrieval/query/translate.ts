/**
 * Questions in Russian and Kazakh against English documents: the bilingual domain lexicons (lexicon.ts) turn the
 * words that matter (institutions, election terms, names, numbers, question words) into English before the
 * question is read. Words the lexicons do not know stay as they are and match nothing in English text, so an
 * off-topic question stays off-topic; function words are dropped.
 */

import { hasCyrillic } from '../../language.ts';
import { KAZAKH_LETTER, plainKazakh } from '../text/kazakh-stemmer.ts';
import { isStopWord, KAZAKH_STOP_WORDS, RUSSIAN_STOP_WORDS, type TextLanguage } from '../text/languages.ts';
import type { Lexicon, Lexicons } from './lexicon.ts';

const TOKEN = /[\p{Script=Cyrillic}\p{M}]+(?:-[\p{Script=Cyrillic}\p{M}]+)*|[^\p{Script=Cyrillic}]+?(?=[\p{Script=Cyrillic}]|$)/gsu;

/** "призывала-то", "скажи-ка": a spoken particle on a word (not "кто-то", someone, whose stem is short). */
const CHAT_PARTICLE = /(?<=\p{L}{5})-(?:то|ка|таки)(?![\p{L}])/gu;

/** The question with the Russian and Kazakh words the lexicons know replaced by English ones. */
export function translateQuestion(text: string, language: TextLanguage, lexicons: Lexicons): string {
  return translateQuestionParts(text, language, lexicons).text;
}

export interface Translation {
  text: string;
  /** Where in `text` each lexicon entry's English stands: its words render one word or phrase of the question. */
  groups: Array<{ start: number; end: number }>;
}

export interface TranslateOptions {
  /** An English word for a word no lexicon knows (a name spelled in Latin letters in the sources), if any. */
  resolve?: (word: string) => string | undefined;
  /** The word meant by a misspelt word (see russian-spelling.ts), if it looks misspelt; the lexicons then read that word. */
  correct?: (word: string) => string | undefined;
}

/** Kazakh function words typed without Kazakh letters ("болган", "кандай"), for a question typed so throughout. */
const PLAIN_KAZAKH_STOP_WORDS = new Set([...KAZAKH_STOP_WORDS].map(plainKazakh));

export function translateQuestionParts(text: string, language: TextLanguage, lexicons: Lexicons, options: TranslateOptions = {}): Translation {
  if (language === 'en') return { text, groups: [] };
  // The domain lexicons first; the general dictionary only for what they leave (ties go to the earlier one).
  // A Russian function word is never read through the Kazakh lexicon ("он" is "he", not the Kazakh "ten").
  const domain = language === 'kk' ? [lexicons.kk, lexicons.ru] : [lexicons.ru, notOn(lexicons.kk, RUSSIAN_STOP_WORDS)];
  const order = lexicons.ruGeneral ? [...domain, lexicons.ruGeneral] : domain;
  const tokens = (text.normalize('NFC').toLowerCase().replace(/ё/g, 'е').replace(CHAT_PARTICLE, '').match(TOKEN) ?? []) as string[];
  const out: Array<string | { english: string }> = [];
  // Kazakh typed without its letters is read so throughout the question, not word by word ("учаске" has none anyway).
  const plain = !KAZAKH_LETTER.test(text.toLowerCase());
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i]!;
    if (!hasCyrillic(token)) {
      out.push(token);
      i += 1;
      continue;
    }
    // The run of Cyrillic words from here, so phrases can span the spaces between them.
    const run: string[] = [];
    let j = i;
    while (j < tokens.length && (hasCyrillic(tokens[j]!) || (/^\s+$/.test(tokens[j]!) && hasCyrillic(tokens[j + 1] ?? '')))) {
      if (hasCyrillic(tokens[j]!)) for (const word of hyphenParts(tokens[j]!, lexicons)) run.push(options.correct?.(word) ?? word);
      j += 1;
    }
    // A Kazakh word neither lexicon knows may be a misspelt one the Kazakh lexicon does ("мемлекттің").
    if (language === 'kk') {
      for (const [n, word] of run.entries()) if (!isStopWord(word) && !lexicons.ru.knows(word)) run[n] = lexicons.kk.correction(word, { plain }) ?? word;
    }
    for (const piece of segment(run, order, plain)) {
      if (typeof piece !== 'string') out.push(piece);
      else if (!RUSSIAN_STOP_WORDS.has(piece) && !KAZAKH_STOP_WORDS.has(piece) && !(plain && language === 'kk' && PLAIN_KAZAKH_STOP_WORDS.has(piece))) {
        const english = options.resolve?.(piece);
        out.push(english ? { english } : ` ${piece} `);
      }
    }
    i = j;
  }
  return assemble(out);
}

/**
 * A hyphenated word no lexicon knows as a whole is read as its parts ("онлайн-встрече": online meeting); one that is
 * a function word ("что-то") or an entry ("кое-что") stays whole.
 */
function hyphenParts(token: string, lexicons: Lexicons): string[] {
  if (!token.includes('-') || isStopWord(token) || lexicons.ru.knows(token) || lexicons.kk.knows(token) || lexicons.ruGeneral?.knows(token)) return [token];
  return token.split('-').filter(Boolean);
}

/** The lexicon's matches, except those that start with one of the words. */
function notOn(lexicon: Pick<Lexicon, 'matches'>, words: ReadonlySet<string>): Pick<Lexicon, 'matches'> {
  return { matches: (run, i, options) => (words.has(run[i]!) ? [] : lexicon.matches(run, i, options)) };
}

/**
 * Splits a run of words into lexicon entries and leftover words, covering as many words as possible with as few
 * entries as possible ("проголосовать за границей" is "vote" + "abroad", not "vote in favor" + "границей").
 * Ties go to the lexicon of the question's language.
 */
function segment(run: readonly string[], order: ReadonlyArray<Pick<Lexicon, 'matches'>>, plain: boolean): Array<string | { english: string }> {
  const best: Plan[] = [];
  best[run.length] = { covered: 0, entries: 0, rank: 0, pieces: [] };
  for (let i = run.length - 1; i >= 0; i--) {
    const rest = best[i + 1]!;
    let plan: Plan = { ...rest, pieces: [run[i]!, ...rest.pieces] };
    order.forEach((lexicon, rank) => {
      for (const m of lexicon.matches(run, i, { plain })) {
        const after = best[i + m.length]!;
        const candidate = { covered: after.covered + m.length, entries: after.entries + 1, rank: after.rank + rank, pieces: [{ english: m.english }, ...after.pieces] };
        if (better(candidate, plan)) plan = candidate;
      }
    });
    best[i] = plan;
  }
  return best[0]!.pieces;
}

interface Plan {
  covered: number;
  entries: number;
  rank: number;
  pieces: Array<string | { english: string }>;
}

/** More words covered, then fewer entries, then the question's own lexicon. */
function better(a: Plan, b: Plan): boolean {
  return a.covered > b.covered || (a.covered === b.covered && (a.entries < b.entries || (a.entries === b.entries && a.rank < b.rank)));
}

/** Joins the pieces with single spaces, remembering where each lexicon rendering went. */
function assemble(pieces: ReadonlyArray<string | { english: string }>): Translation {
  let text = '';
  const groups: Translation['groups'] = [];
  const append = (piece: string) => {
    for (const part of piece.split(/(\s+)/)) {
      if (part === '') continue;
      if (/^\s+$/.test(part)) {
        if (text !== '' && !text.endsWith(' ')) text += ' ';
      } else if (/^[?!.,;:]+$/.test(part) && text.endsWith(' ')) text = text.slice(0, -1) + part;
      else text += part;
    }
  };
  for (const piece of pieces) {
    if (typeof piece === 'string') {
      append(piece);
      continue;
    }
    if (text !== '' && !text.endsWith(' ')) text += ' ';
    const start = text.length;
    append(piece.english);
    groups.push({ start, end: text.length });
    text += ' ';
  }
  return { text: text.trim(), groups };
}
