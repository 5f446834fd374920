import type { Passage, PassageStore } from '../corpus/passages.ts';
import type { AnalysedQuestion, AnswerType } from '../query/question.ts';
import type { Reading } from '../query/readings.ts';
import type { TextLanguage } from '../text/languages.ts';
import { abstentionFeatures, KIND, offersAnswerKind, shouldAnswer } from './abstention.ts';
import { missingFromDocument, namesInstitution, NO_PHRASES, questionPhrases, scorePassage, weighUnits, type CorpusStats, type PassageScore, type RankerTuning, type WeightedUnit } from './ranker.ts';

/** A first-stage candidate, scored by the re-ranker. */
export interface Candidate extends PassageScore {
  index: number;
  passage: Passage;
  units: WeightedUnit[];
  /** The kind of answer the question asks for (its reading's). */
  type: AnswerType;
}

export interface ScoredReading {
  analysed: AnalysedQuestion;
  units: WeightedUnit[];
  /** The units of each institution the question names by its full name (see namesInstitution). */
  names: number[][];
  /** Best first. */
  scored: Candidate[];
  /** The passages the candidates are of (for what their articles say). */
  passages: PassageStore;
}

export interface RerankDeps {
  /** The first stage's candidate passages, best first. */
  firstStage(text: string, language: TextLanguage): ArrayLike<number>;
  passages: PassageStore;
  stats: CorpusStats;
  tuning: RankerTuning;
}

/** Re-ranks the first stage's candidates for one reading of the question; null when it has nothing to search for. */
export function scoreReading({ analysed }: Reading, { firstStage, passages, stats, tuning }: RerankDeps): ScoredReading | null {
  if (analysed.units.length === 0 || analysed.searchText.length === 0) return null;
  const units = weighUnits(analysed, stats, tuning);
  const surfaces = analysed.surfaces;
  const hits = firstStage(analysed.searchText, analysed.language);
  const phrases = tuning.brokenPhraseCredit < 1 ? questionPhrases(units, hits, passages) : NO_PHRASES;
  const scored: Candidate[] = [];
  for (let i = 0; i < hits.length; i++) {
    const index = hits[i]!;
    const passage = passages.passage(index);
    // One object per candidate, its scores written in by scorePassage (an object spread takes a slow path in V8).
    const candidate: Candidate = { index, passage, units, type: analysed.type, score: 0, coverage: 0, specificMatch: false, fit: 0, knownCoverage: 0, missing: 0 };
    scored.push(candidate);
    scorePassage(passage, analysed, units, stats, tuning, surfaces, phrases, candidate);
  }
  scored.sort(byScore);
  return { analysed, units, names: nameUnits(analysed, units), scored, passages };
}

// A comparison, not a subtraction: the difference of two scores is a new heap number per comparison, hundreds a query.
const byScore = (a: Pick<Candidate, 'score'>, b: Pick<Candidate, 'score'>) => (b.score > a.score ? 1 : b.score < a.score ? -1 : 0);

/**
 * For each institution the question names, the indices of the units of its words (when every word has one). One
 * named only in the second part of a two-part English question is left out: the first part is answered first (a
 * translation's setting, "I am writing about the Constitutional Court ... what did the experts say?", is marked so too).
 */
function nameUnits(analysed: AnalysedQuestion, units: readonly WeightedUnit[]): number[][] {
  const out: number[][] = [];
  for (const words of analysed.institutions ?? []) {
    const at = words.map((w) => units.findIndex((u) => u.surface.toLowerCase() === w));
    if (at.every((i) => i >= 0) && (analysed.translated || !at.every((i) => units[i]!.secondary))) out.push([...new Set(at)]);
  }
  return out;
}

function namesPartOf({ units, names }: ScoredReading, c: Candidate): boolean {
  for (const n of names) if (namesInstitution(c.passage, units, n) === 'part') return true;
  return false;
}

/**
 * "When did the new Constitutional Court start working?": a first sentence that names part of the institution and
 * not the rest anywhere around it ("... constitutional reform ...") is about something else. A close runner-up that
 * names it goes first; without one, the reading has no answer.
 */
function institutionFirst(result: ScoredReading): boolean {
  const { units, names, scored } = result;
  const best = scored[0];
  if (best === undefined || !namesPartOf(result, best)) return true;
  for (let k = 1; k < scored.length && k < 5; k++) {
    const c = scored[k]!;
    if (c.score < best.score * KIND.runnerUpScore) break;
    if (!c.specificMatch || !names.every((n) => namesInstitution(c.passage, units, n) === 'whole')) continue;
    scored.unshift(...scored.splice(k, 1));
    return true;
  }
  return false;
}

/**
 * "Who chaired the snap meeting ... that discussed the referendum?": a first sentence that matches most words in
 * itself ("... held an online meeting of the Dialogue Platform, chaired by ...", another meeting) but lacks a heavy
 * word of the question altogether gives way to a close runner-up whose sentence or neighbours hold every word ("The
 * event was chaired by ...", after the sentence about the snap meeting on the referendum). English questions only:
 * a translated question's words are too loosely read for an absent one to tell the sentences apart.
 */
const COMPLETE_RUNNER_UP = 0.8;
/** How heavy the first sentence's missing word must be, relative to the question's heaviest word. */
const HEAVY_MISSING = 0.5;

function completeFirst(scored: Candidate[]): void {
  const top = scored[0];
  if (top === undefined || top.missing < HEAVY_MISSING) return;
  for (let k = 1; k < scored.length && k <= 2; k++) {
    const c = scored[k]!;
    if (c.score < top.score * COMPLETE_RUNNER_UP) return;
    if (c.missing > 0 || !c.specificMatch) continue;
    // A neighbour of the first sentence may be complete only through it: then the first is the fuller answer.
    if (c.passage.documentIndex === top.passage.documentIndex && Math.abs(c.index - top.index) === 1) continue;
    scored.unshift(...scored.splice(k, 1));
    return;
  }
}

/**
 * "Кто председательствовал на внеочередном заседании ..., посвящённом референдуму?": a first sentence from an article
 * that never says a heavy word of the question ("snap", "referendum": it reports another meeting) gives way to a
 * close runner-up, covering nearly as much, from an article that says every word. For translated questions, whose
 * words completeFirst cannot weigh sentence by sentence: a whole article lacking a word is firmer evidence.
 */
const DOCUMENT_RUNNERS_UP = 2;
const DOCUMENT_RUNNER_UP = 0.85;

function documentFirst({ scored, units, passages }: ScoredReading): void {
  const top = scored[0];
  if (top === undefined || missingFromDocument(passages, top.passage, units) < HEAVY_MISSING) return;
  for (let k = 1; k < scored.length && k <= DOCUMENT_RUNNERS_UP; k++) {
    const c = scored[k]!;
    if (c.score < top.score * DOCUMENT_RUNNER_UP) return;
    if (c.coverage < top.coverage * KIND.runnerUpCoverage || !c.specificMatch || missingFromDocument(passages, c.passage, units) !== 0) continue;
    scored.unshift(...scored.splice(k, 1));
    return;
  }
}

/**
 * "whats the point of the constitutional court for regular ppl": a first sentence that matches only words said of
 * anything ("people") cannot answer; a close runner-up that matches a word of the question's own topic goes first.
 */
const SPECIFIC_RUNNER_UP = 0.8;

export function specificFirst(scored: Array<Pick<Candidate, 'score' | 'specificMatch'>>): void {
  const top = scored[0];
  if (top === undefined || top.specificMatch) return;
  for (let k = 1; k < scored.length && k < 5; k++) {
    const c = scored[k]!;
    if (c.score < top.score * SPECIFIC_RUNNER_UP) return;
    if (!c.specificMatch) continue;
    scored.unshift(...scored.splice(k, 1));
    return;
  }
}

/**
 * A kind of answer checked closely enough (a number followed by the thing counted, a person's name by the office
 * asked about, a share) that a runner-up holding it may go first with fewer of the question's words: "What share of
 * people knew about the vote?" is not answered by the sentence naming the poll without its figures.
 */
function checksAnswerClosely(question: ScoredReading['analysed']): boolean {
  return (question.type === 'how_many' && question.countsAskedThing) || (question.type === 'who' && question.wantsName) || question.type === 'percent';
}

/**
 * "The representative of the Ministry of Justice elaborated on ...": a sentence naming someone only by role follows
 * the one earlier in its paragraph that introduced them by name ("... Director of the Legislative Department of the
 * Ministry of Justice Nazken Zhamaladin"): for "who", that one answers.
 */
function introducesFor(c: Candidate, best: Candidate, type: AnswerType): boolean {
  return type === 'who' && c.passage.documentIndex === best.passage.documentIndex && c.index < best.index && c.passage.sentence.paragraph === best.passage.sentence.paragraph;
}

/** Does the sentence itself hold every focus word of the question (the word asked about), by the word or a synonym concept? */
function holdsFocus(c: Candidate, units: readonly WeightedUnit[]): boolean {
  let focus = 0;
  for (const u of units) {
    if (!u.focus) continue;
    focus += 1;
    if (!c.passage.termSet.has(u.term) && !u.alternatives.some((t) => c.passage.termSet.has(t)) && !u.concepts.some((t) => c.passage.termSet.has(t))) return false;
  }
  return focus > 0;
}

/** A sentence that opens in the past ("Before the constitutional reform in 2007, ..."): it tells how things were. */
const PAST_FRAME = /^(?:Before|Prior to|Until|Previously|Formerly|In the past|Originally|Initially|At first)\b/;
/** How close a runner-up that tells how things are must be to go before a first sentence that tells how they were. */
const PRESENT_RUNNER_UP = 0.75;

/** A question about now is not answered first by how things were: a close runner-up that does not open in the past goes first. */
function presentFirst(scored: Candidate[]): void {
  const best = scored[0];
  if (!best || !PAST_FRAME.test(best.passage.sentence.text)) return;
  const at = scored.findIndex((c, i) => i > 0 && i < 5 && c.specificMatch && c.score >= best.score * PRESENT_RUNNER_UP && !PAST_FRAME.test(c.passage.sentence.text));
  if (at > 0) scored.unshift(...scored.splice(at, 1));
}

/** Can the candidate at rank i go before the best one, which lacks the kind of answer asked for: close, and holding it? */
function offersInstead(result: ScoredReading, best: Candidate, c: Candidate, i: number): boolean {
  return i > 0 && i < 5 && c.score >= best.score * KIND.runnerUpScore && c.specificMatch && offersAnswerKind(result.analysed, c) && !namesPartOf(result, c);
}

/** Decides from a reading's evidence whether its best sentence answers (see abstention.ts). */
export type AnswerJudge = (features: Record<string, number>) => boolean;

/**
 * Abstention and merging: a reading whose best sentence does not answer is dropped; the candidates of the
 * readings that answer are merged, best first (empty: the corpus has no answer).
 */
export function selectAnswers(results: readonly ScoredReading[], translated: boolean, judge: AnswerJudge = shouldAnswer): Candidate[] {
  const answering = results.filter((result) => {
    const { analysed, units, scored } = result;
    if (translated) documentFirst(result);
    if (!translated) completeFirst(scored);
    if (!institutionFirst(result)) return false;
    specificFirst(scored);
    if (analysed.asksNow) presentFirst(scored);
    const best = scored[0];
    if (best === undefined) return false;
    if (!offersAnswerKind(analysed, best)) {
      // A close runner-up that holds the kind of answer asked for goes first.
      // With fewer of the question's words when it has the word asked about ("Who opened ...?": "Opening the
      // conference was ...") and the first sentence has not (a translation's focus word is a guess, bar the verb
      // after "кто" / "кім": "Кто открыл ...?").
      const focusMissing = (!translated || analysed.type === 'who') && !holdsFocus(best, units);
      let at = scored.findIndex((c, i) => (c.coverage >= best.coverage * KIND.runnerUpCoverage || (focusMissing && holdsFocus(c, units)) || introducesFor(c, best, analysed.type)) && offersInstead(result, best, c, i));
      if (at < 0 && checksAnswerClosely(analysed)) at = scored.findIndex((c, i) => offersInstead(result, best, c, i));
      if (at > 0) scored.unshift(...scored.splice(at, 1));
    }
    return judge(abstentionFeatures(analysed, units, scored, translated, analysed.keywords));
  });
  if (answering.length <= 1) return answering[0]?.scored ?? [];
  // Scores add up question-word weights, so readings are compared per unit of their own question's weight.
  const merged = answering.flatMap(({ units, scored }) => {
    const total = units.reduce((sum, u) => sum + u.weight, 0) || 1;
    return scored.map((c) => ({ ...c, score: c.score / total }));
  });
  return merged.sort(byScore);
}
