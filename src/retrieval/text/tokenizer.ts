import { stemmer as englishStem } from '@orama/stemmers/english';
import { stopwords as englishStopwords } from '@orama/stopwords/english';
import { detached } from '../corpus/compact.ts';
import { hasCyrillic } from '../../language.ts';
import { cyrillicTerm, type TextLanguage } from './languages.ts';
import { IRREGULAR_LEMMAS } from './lemmas.ts';
import { SYNONYM_GROUPS } from './thesaurus.ts';

/** Concept tokens stand for a synonym group; the prefix cannot come out of normal text. */
export const CONCEPT_PREFIX = '~';

/**
 * Orama's English stop words, the indefinite pronouns and determiners it lacks ("everybody", "something", "every",
 * as it has "each"), and the prepositions it lacks that mean "about" ("regarding", as it has "about"): they name
 * nothing to look for.
 */
export const ENGLISH_STOP_WORDS: ReadonlySet<string> = new Set([
  ...englishStopwords.map((w) => w.replace(/’/g, "'")),
  ...['every', 'everybody', 'everyone', 'anybody', 'anyone', 'somebody', 'someone', 'nobody', 'everything', 'anything', 'something', 'nothing'],
  ...['regarding', 'concerning'],
]);

/** A word of the text with its position (in characters) and its normalised term, or null for a stop word. */
export interface Word {
  surface: string;
  start: number;
  end: number;
  term: string | null;
  /** What synonym phrases match on: the term, or the lowercase stop word. */
  key: string;
}

/**
 * Canonical text for matching: compatible Unicode, one kind of apostrophe and dash, lowercase,
 * and numbers written one way ("10,012" and "10 012" → "10012", "76,4" → "76.4").
 * Keeps the string length so positions stay valid in the original text.
 */
export function normaliseForMatching(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[‘’ʼ`´]/g, "'")
    .toLowerCase();
}

const WORD_PATTERN = /\d+(?:[.,]\d+|[\u00a0 ]\d{3}(?!\d))*(?:%|(?:st|nd|rd|th)\b)?|[\p{L}\p{M}]+(?:['][\p{L}]+)*|%/gu;

/**
 * Splits text into words with character offsets (numbers keep their decimal point and thousands separators).
 * `language` says how Cyrillic words are stemmed: Russian and Kazakh texts stem them, English ones keep them whole.
 */
export function words(text: string, language: TextLanguage = 'en'): Word[] {
  const normalised = normaliseForMatching(text);
  const out: Word[] = [];
  // exec rather than matchAll: no iterator and result object per word (the pattern never matches empty text).
  WORD_PATTERN.lastIndex = 0;
  for (let m = WORD_PATTERN.exec(normalised); m !== null; m = WORD_PATTERN.exec(normalised)) {
    const surface = m[0];
    const start = m.index;
    if (surface.length > 1 && surface.endsWith('%')) {
      // "76.4%" is a number and a percent sign: both can be asked about.
      const number = surface.slice(0, -1);
      const term = termOf(number, language);
      out.push({ surface: text.slice(start, start + number.length), start, end: start + number.length, term, key: term ?? number });
      out.push({ surface: '%', start: start + number.length, end: start + surface.length, term: 'percent', key: 'percent' });
      continue;
    }
    const term = termOf(surface, language) ?? monthMay(text, start, start + surface.length);
    out.push({ surface: text.slice(start, start + surface.length), start, end: start + surface.length, term, key: term ?? surface });
  }
  return out;
}

/** "May" is a stop word as a verb ("may vote") but the month in "30 May", "May 17", "in May 2022", "late-May", "early may" and "May" mid-sentence. */
function monthMay(text: string, start: number, end: number): string | null {
  if (end - start !== 3 || text.slice(start, end).toLowerCase() !== 'may') return null;
  const capitalisedInside = text[start] === 'M' && /[\p{L}\p{N},][\s-]+$/u.test(text.slice(Math.max(0, start - 3), start));
  return capitalisedInside || PART_OF_MONTH.test(text.slice(Math.max(0, start - 7), start)) || /\d[\s.,]*$/.test(text.slice(Math.max(0, start - 3), start)) || /^[\s.,]*\d/.test(text.slice(end, end + 3)) ? 'may' : null;
}

const PART_OF_MONTH = /(?:^|[^\p{L}])(?:late|early|mid)[\s-]+$/iu;

/** Stemming is the slow part of tokenizing; words repeat, so each word's term is remembered (bounded). */
const TERM_CACHES: Record<TextLanguage, Map<string, string | null>> = { en: new Map(), ru: new Map(), kk: new Map() };
const TERM_CACHE_SIZE = 200_000;

const STARTS_WITH_DIGIT = /^\d/;

/** "1st" … "12th" are read as the words ("the 1st meeting" is "the first meeting"); larger ordinals as their number. */
const ORDINAL_WORDS = ['', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh', 'twelfth'];
const SMALL_ORDINAL = /^(\d{1,2})(?:st|nd|rd|th)$/;

function termOf(raw: string, language: TextLanguage): string | null {
  if (STARTS_WITH_DIGIT.test(raw)) {
    const ordinal = ORDINAL_WORDS[Number(SMALL_ORDINAL.exec(raw)?.[1])];
    if (ordinal) return termOf(ordinal, 'en');
    return normaliseNumber(raw.replace(/(st|nd|rd|th)$/, ''));
  }
  const cache = TERM_CACHES[language];
  const cached = cache.get(raw);
  if (cached !== undefined) return cached;
  const term = language !== 'en' && hasCyrillic(raw) ? cyrillicTerm(raw, language) : wordTerm(raw);
  if (cache.size >= TERM_CACHE_SIZE) cache.clear();
  cache.set(detached(raw), term === null ? null : detached(term));
  return term;
}

/** Number words up to twelve, at their value's index. */
export const NUMBER_NAMES: readonly string[] = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];

/** Cardinal numbers written as words are read as their digits ("six organizations" is "6 organizations"); not "one", mostly a pronoun. */
const CARDINALS: ReadonlyMap<string, string> = new Map([
  ...NUMBER_NAMES.slice(2).map((word, i): [string, string] => [word, String(i + 2)]),
  ...['thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'].map((word, i): [string, string] => [word, String(i + 13)]),
  ...['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'].map((word, i): [string, string] => [word, String((i + 2) * 10)]),
]);

function wordTerm(raw: string): string | null {
  if (raw === '%') return 'percent';
  const cardinal = CARDINALS.get(raw);
  if (cardinal !== undefined) return cardinal;
  let word = raw.replace(/'s$/, '');
  if (ENGLISH_STOP_WORDS.has(word) || ENGLISH_STOP_WORDS.has(raw) || word.length < 2) return null;
  word = word.replace(/'/g, '');
  if (word.length === 0) return null;
  if (!/^[a-z]+$/.test(word)) return word; // not English: keep the word whole (Cyrillic, Kazakh letters, accents)
  const lemma = IRREGULAR_LEMMAS[word] ?? MONTH_ABBREVIATIONS.get(word) ?? word;
  return englishStem(americanSpelling(lemma));
}

/**
 * British and American spellings of a word meet at one term ("dialogue" / "dialog", "organisation" / "organization",
 * "centre" / "center", "colour" / "color"): users write either, whatever the article used. Applied to every text
 * alike, so a rewrite that makes no real word ("advize") still only meets the word it came from.
 */
export function americanSpelling(word: string): string {
  if (word.length < 5) return word;
  const british = BRITISH_WORDS.get(word);
  if (british) return british;
  if (!MAYBE_BRITISH.test(word)) return word;
  return word
    .replace(/(?<=[a-z]{3})ogue(s?)$/, 'og$1')
    .replace(/(?<=[a-z]{3})is(e|es|ed|ing|ation|ations|er|ers)$/, 'iz$1')
    .replace(/(?<=[a-z]{2})ys(e|es|ed|ing)$/, 'yz$1')
    .replace(/(?<=[a-z]{2}[^aeiou])tre(s?)$/, 'ter$1')
    .replace(/^(col|fav|hon|lab|behavi|neighb|harb|hum|rum|vig|val|arm|od|flav|rig|savi|endeav|clam|parl|tum|vap|ferv|cand|splend|ard)our/, '$1or');
}
/** "Dec. 7", "jan 2022": a month's short form is the month ("mar" and "may" are words as well, and stay them). */
const MONTH_ABBREVIATIONS = new Map([
  ['jan', 'january'], ['feb', 'february'], ['apr', 'april'], ['jun', 'june'], ['jul', 'july'], ['aug', 'august'],
  ['sep', 'september'], ['sept', 'september'], ['oct', 'october'], ['nov', 'november'], ['dec', 'december'],
]);

/** One test before the rewrites: most words have none of these endings. */
const MAYBE_BRITISH = /(?:ogues?|is(?:e|es|ed|ing|ation|ations|er|ers)|ys(?:e|es|ed|ing)|tres?)$|our/;
const BRITISH_WORDS = new Map([['defence', 'defense'], ['offence', 'offense'], ['licence', 'license'], ['pretence', 'pretense'], ['programme', 'program'], ['programmes', 'programs']]);

/** "10,012" / "10 012" / "10012" → "10012"; "76,4" / "76.4" → "76.4"; "76.4%" → "76.4" (the % is a separate concept). */
export function normaliseNumber(raw: string): string {
  const digits = raw.replace(/%$/, '');
  const groups = digits.split(/[.,\u00a0 ]/);
  if (groups.length > 1 && groups.slice(1).every((g) => g.length === 3) && !/\./.test(digits)) return groups.join('');
  if (groups.length === 2 && groups[1]!.length !== 3) return `${groups[0]}.${groups[1]}`;
  if (groups.length > 1 && groups.slice(1, -1).every((g) => g.length === 3) && /\./.test(digits)) {
    const last = groups.at(-1)!;
    return last.length === 3 ? groups.join('') : `${groups.slice(0, -1).join('')}.${last}`;
  }
  return groups.join('');
}

interface PhraseEntry {
  keys: string[];
  concept: string;
}

/** Synonym phrases as key sequences (stop words included, so "turn to" and "turn out" differ), longest first. */
const PHRASES_BY_FIRST_KEY = buildPhraseTable();

function buildPhraseTable(): Map<string, PhraseEntry[]> {
  const entries: PhraseEntry[] = [];
  for (const [group, phrases] of Object.entries(SYNONYM_GROUPS)) {
    for (const phrase of phrases) {
      const keys = phrase === '%' ? ['percent'] : words(phrase).map((w) => w.key);
      if (keys.length > 0) entries.push({ keys, concept: CONCEPT_PREFIX + group });
    }
  }
  entries.sort((a, b) => b.keys.length - a.keys.length);
  const byFirst = new Map<string, PhraseEntry[]>();
  for (const entry of entries) {
    const list = byFirst.get(entry.keys[0]!) ?? [];
    list.push(entry);
    byFirst.set(entry.keys[0]!, list);
  }
  return byFirst;
}

/** A term with the index of the content word it came from (concepts point at the phrase's first content word). */
export interface Term {
  term: string;
  position: number;
  /** For a concept: how many content words its phrase covers (at least 1). */
  span: number;
}

/**
 * The terms of a text: stemmed content words in order, plus a concept token after each synonym phrase.
 * Positions count content words only, so adjacency ignores stop words ("appoints the CEC chairman").
 */
export function terms(text: string, language: TextLanguage = 'en'): Term[] {
  return termsOfWords(words(text, language));
}

export function termsOfWords(ws: readonly Word[]): Term[] {
  const out: Term[] = [];
  let coveredUntil = -1;
  let position = 0;
  for (let i = 0; i < ws.length; i++) {
    const word = ws[i]!;
    if (i > coveredUntil) {
      for (const entry of PHRASES_BY_FIRST_KEY.get(word.key) ?? []) {
        if (entry.keys.every((k, n) => ws[i + n]?.key === k)) {
          const span = Math.max(1, ws.slice(i, i + entry.keys.length).filter((w) => w.term !== null).length);
          out.push({ term: entry.concept, position, span });
          coveredUntil = i + entry.keys.length - 1;
          break;
        }
      }
    }
    if (word.term !== null) {
      out.push({ term: word.term, position, span: 1 });
      position += 1;
    }
  }
  return out;
}
