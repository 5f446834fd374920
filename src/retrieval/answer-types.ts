import type { Passage } from './passages.ts';
import type { AnswerType } from './question.ts';

const MONTH = '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const FULL_DATE = new RegExp(`\\b(?:${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?\\b|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}(?=\\W|$)|\\d{4}-\\d{2}-\\d{2})`, 'i');
const PARTIAL_DATE = new RegExp(`\\b(?:${MONTH}\\s+\\d{4}|(?:in|since|from|until|by)\\s+(?:19|20)\\d{2})\\b`, 'i');
const NUMBER_WORDS = new Set(['two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'fifteen', 'twenty', 'thirty', 'fifty', 'hundr', 'hundred', 'thousand', 'million', 'billion', 'dozen']);
const DURATION_UNITS = new Set(['year', 'month', 'week', 'day', 'decad', 'hour', 'term', '~term']);
const NOT_NAME_WORDS = new Set(
  (
    'commission council court ministry republic parliament assembly organization organisation department institute office committee party union ' +
    'bureau foundation association agency program programme mission university school board platform affairs rights human nations development ' +
    'state states federation national central election electoral supreme constitutional constitution presidential administration president chairman ' +
    'minister director secretary deputy head professor ambassador embassy embassies commissioner people kazakhstan kazakh cooperation security treaty ' +
    'interparliamentary duma headquarters expert referendum law faculty disciplines higher economics eurasian strategic studies advisory consultative ' +
    'body dialogue dimension public european international democratic institutions january february march april may june july august september ' +
    'october november december monday tuesday wednesday thursday friday saturday sunday the a an in on of for and at to by as with from this that ' +
    'these it he she they we our his her their its according during after before opening members member representatives section article ' +
    'criminal legal legislative justice foreign islamic shanghai collective parliamentary world global united canadian russian' 
  ).split(/\s+/),
);
/** Offices and groups that answer "who" questions as well as names do ("the President appoints ..."). */
const ROLE = /\b(?:the\s+)?(?:President|Parliament|Senate|Mazhilis|Ombudsman|Prosecutor General|Government|citizens|Constitutional Court|Supreme Council|Commissioner)\b/;
const SURNAME = /(?:ov|ova|ev|eva|yev|yeva|in|ina|enko|uly|kyzy|uli|bek|bekov|ovich|ovna)$/i;
const CAPITALISED = /^[\p{Lu}][\p{Ll}\p{M}'’-]+$/u;

/** How well a sentence offers the kind of answer the question wants, from 0 (not at all) to 1. */
export function answerTypeFit(type: AnswerType, passage: Passage, countedTerms: ReadonlySet<string>, questionTerms: ReadonlySet<string>): number {
  const text = passage.sentence.text;
  switch (type) {
    case 'when':
      return FULL_DATE.test(text) ? 1 : PARTIAL_DATE.test(text) ? 0.4 : 0;
    case 'percent':
      return passage.termSet.has('percent') ? 1 : 0;
    case 'how_many':
      return countFit(passage, countedTerms);
    case 'how_long': {
      const durations = numbersFollowedBy(passage, DURATION_UNITS);
      return durations > 0 ? 1 : passage.termSet.has('~term') || passage.termSet.has('year') ? 0.3 : 0;
    }
    case 'who':
      return hasNameNotIn(text, questionTerms) ? 1 : ROLE.test(text) ? 0.6 : 0;
    default:
      return 0;
  }
}

function isNumberTerm(term: string): boolean {
  return /^\d/.test(term) ? !/^(19|20)\d{2}$/.test(term) : NUMBER_WORDS.has(term);
}

function countFit(passage: Passage, counted: ReadonlySet<string>): number {
  const numbers = passage.terms.filter((t) => isNumberTerm(t.term));
  if (numbers.length === 0) return 0;
  if (counted.size > 0 && numbersFollowedBy(passage, counted) > 0) return 1;
  return 0.35;
}

/** How many numbers in the sentence are followed, within two content words, by one of `nouns` ("65 precincts"). */
function numbersFollowedBy(passage: Passage, nouns: ReadonlySet<string>): number {
  let found = 0;
  for (const t of passage.terms) {
    if (!isNumberTerm(t.term)) continue;
    if (passage.terms.some((o) => nouns.has(o.term) && o.position > t.position && o.position <= t.position + 2)) found += 1;
  }
  return found;
}

/** Does the sentence name someone (two or more capitalised words that are not an institution) the question did not mention? */
export function hasNameNotIn(text: string, questionTerms: ReadonlySet<string>): boolean {
  const tokens = text.split(/[\s,;:()«»“”"]+/).filter(Boolean);
  let run: string[] = [];
  const flush = (): boolean => {
    const candidate = run.filter((w) => !NOT_NAME_WORDS.has(w.toLowerCase()));
    const mentioned = candidate.some((w) => questionTerms.has(w.toLowerCase()));
    const ok = !mentioned && ((run.length >= 2 && candidate.length >= 2) || candidate.some((w) => SURNAME.test(w) && w.length > 4));
    run = [];
    return ok;
  };
  for (const raw of tokens) {
    const word = raw.replace(/[.’']s?$/, '');
    if (CAPITALISED.test(word) || /^\p{Lu}\.(\p{Lu}\.)*$/u.test(raw)) {
      run.push(word);
      continue;
    }
    if (run.length > 0 && flush()) return true;
  }
  return run.length > 0 && flush();
}
