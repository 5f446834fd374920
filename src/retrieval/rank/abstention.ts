/**
 * Rules for "not in my sources" beyond coverage (see retriever.ts): pure functions over a question's units and its
 * best sentence.
 */
import { hasCyrillic } from '../../language.ts';
import type { WeightedUnit } from './ranker.ts';

/** The share of a translated question's weight in words no lexicon knows (left in Cyrillic, unknown to the corpus). */
export function untranslatedShare(units: readonly WeightedUnit[]): number {
  let total = 0;
  let untranslated = 0;
  for (const u of units) {
    total += u.weight;
    if (u.unknown && hasCyrillic(u.term)) untranslated += u.weight;
  }
  return total === 0 ? 0 : untranslated / total;
}

/** When the best sentence lacks the kind of answer asked for (see holdsAnswerKind). Measured on the dev and held-out sets. */
export const KIND = { runnerUpScore: 0.6, runnerUpCoverage: 0.8, trustedCoverage: 0.75 };
const TIME_EXPRESSION = /\b(?:1[89]|20)\d{2}\b|\b(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\b|\d{1,2}[./]\d{1,2}[./]\d{2,4}/i;

const CYRILLIC_MONTHS = '(?:январ|феврал|март|апрел|ма[йяе]|июн|июл|август|сентябр|октябр|ноябр|декабр|қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|қыркүйек|қазан|қараша|желтоқсан)';
/** A date in Russian or Kazakh text: "5 июня", "июнь 2022", "2022 года", "2022 жылғы". */
const CYRILLIC_DATE = new RegExp(`\\d\\s*${CYRILLIC_MONTHS}|${CYRILLIC_MONTHS}\\p{L}*\\s+\\d{4}|\\d{4}\\s*(?:год|г\\.|жыл)`, 'iu');

/**
 * A question that asks for a date, a count, a share or a duration is only answered by a sentence that holds one:
 * "When was Tokayev born?" matches sentences about Tokayev, but none of them has a date of his birth.
 */
export function holdsAnswerKind(type: string, best: { fit: number; passage: { sentence: { text: string } } }): boolean {
  if (type === 'when') {
    if (best.fit > 0) return true;
    const text = best.passage.sentence.text;
    return TIME_EXPRESSION.test(text) || (hasCyrillic(text) && CYRILLIC_DATE.test(text));
  }
  if (type === 'how_many' || type === 'percent' || type === 'how_long') return best.fit > 0;
  return true;
}
