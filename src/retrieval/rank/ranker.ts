import { answerTypeFit, namesPartOfGroup } from './answer-types.ts';
import type { Passage, PassageStore, TermLookup } from '../corpus/passages.ts';
import type { AnalysedQuestion, QueryUnit } from '../query/question.ts';
import { CONCEPT_PREFIX, terms } from '../text/tokenizer.ts';
import { SYNONYM_GROUPS } from '../text/thesaurus.ts';

/** Corpus statistics the ranker needs: how common each term is among sentences. */
export interface CorpusStats {
  passageCount: number;
  averageLength: number;
  documentFrequency: ReadonlyMap<string, number>;
  /** The term's number in the corpus dictionary, or -1: passages are matched by number. */
  termId(term: string): number;
}

export interface RankerTuning {
  /** Credit for a match found only through a synonym concept, relative to the word itself. */
  conceptCredit: number;
  /** Credit for a word found only in the neighbouring sentences. */
  contextCredit: number;
  /** The same for the thing asked about ("Which ministries ..."): the answer should name it itself. */
  focusContextCredit: number;
  /** The same for a name in a question about what someone said: the answer may name the speaker only by "he" or a quotation. */
  speakerContextCredit: number;
  /**
   * Credit for a word of an English question found in the sentence that introduces a person the candidate names by
   * surname: "the ambassador" asked about, "Suleimen urged ..." in the sentence, "Usen Suleimen, Ambassador-at-Large" before.
   */
  personContextCredit: number;
  /** Credit for a word found only in the document's title. */
  titleCredit: number;
  /** The same for a sentence that refers back to what came before ("The event was chaired by ..."). */
  backTitleCredit: number;
  /** Length normalisation strength (0: none). */
  lengthPenalty: number;
  /** The same for a question asking which organisations: the answer is an enumeration, long by nature. */
  listLengthPenalty: number;
  /** Bonus for neighbouring question words that are also neighbours in the sentence, per pair. */
  proximityBonus: number;
  /**
   * Credit for the lighter word of a phrase ("Prosecutor General", "Constitutional Court": neighbours in the
   * question and, in some candidate, in the text) when the sentence has both words apart ("general support").
   */
  brokenPhraseCredit: number;
  /** Weight of the answer-type fit, relative to the question's mean word weight. */
  answerTypeWeight: number;
  /** Weight of a word the corpus does not know, relative to the rarest corpus word. */
  unknownWordWeight: number;
  /** Credit for a word that was spelling-corrected. */
  correctedCredit: number;
  /** Weight multiplier for the thing asked about ("Which UN convention ..."). */
  focusWeight: number;
  /** Credit for a match through a WordNet synonym or derived form, and through a broader or narrower word. */
  relatedCredit: number;
  broaderCredit: number;
  /** Credit for a match through a word close by word vectors, times its cosine (below WordNet's relations). */
  similarCredit: number;
  /** How much an everyday word ("see", "take") counts less than a rare one with the same corpus frequency. */
  everydayDiscount: number;
  /** Minimum share of the question's weight the best sentence must cover, or the answer is "not in my sources". */
  minCoverage: number;
  /** Terms found in more than this share of sentences do not by themselves make a question answerable. */
  genericShare: number;
  /** Extra answer-type weight for "who" questions, where a sentence naming nobody rarely answers. */
  whoWeight: number;
  /** Weight of the words of a two-part question's second part: the answer to the first part comes first. */
  secondPartWeight: number;
}

export const DEFAULT_RANKER_TUNING: RankerTuning = {
  conceptCredit: 0.8,
  contextCredit: 0.495,
  focusContextCredit: 0.395,
  speakerContextCredit: 0.72,
  personContextCredit: 1,
  titleCredit: 0.465,
  backTitleCredit: 0.878,
  lengthPenalty: 0.18,
  listLengthPenalty: 0.121,
  proximityBonus: 0.3,
  brokenPhraseCredit: 0.55,
  answerTypeWeight: 1.2,
  unknownWordWeight: 0.792,
  correctedCredit: 0.9,
  relatedCredit: 0.525,
  broaderCredit: 0.45,
  similarCredit: 0.6,
  everydayDiscount: 0.15,
  focusWeight: 1.35,
  minCoverage: 0.4,
  genericShare: 0.4,
  whoWeight: 1.4,
  secondPartWeight: 0.338,
};

/**
 * Words that appear in questions about anything ("Kazakhstan today"): they may help rank,
 * but a question matching only these is not about our sources.
 */
const GENERIC_TERMS = new Set(
  terms('kazakhstan kazakh kazakhstani republic country state nation today tomorrow yesterday now time year day week month people person thing news information world new current latest')
    .map((t) => t.term)
    .filter((t) => !t.startsWith('~')),
);

export interface WeightedUnit extends QueryUnit {
  /**
   * Dictionary numbers of the term and its alternatives (the first `exact`), then of its concepts and WordNet
   * relations (-1: not in the corpus), and the credit a match of each earns (1 for the word itself).
   */
  ids: Int32Array;
  credits: Float64Array;
  exact: number;
  /** Where the word-vector neighbours start in `ids`: they rank candidates, but are no evidence that one answers. */
  similarStart: number;
  weight: number;
  generic: boolean;
  /** Neither the word nor any synonym occurs anywhere in the corpus. */
  unknown: boolean;
  /** Only WordNet relations of the word occur in the corpus, not the word or a thesaurus synonym. */
  expandedOnly: boolean;
  /** Credit for the unit found only in the neighbouring sentences, and only in the article's title or date. */
  contextCredit: number;
  titleCredit: number;
  backTitleCredit: number;
}

/** Of the sentences, the share above which a broader word (a WordNet hypernym) no longer makes a word the corpus lacks known. */
const COMMON_BROADER_SHARE = 0.1;
/** And at least this many sentences: in a handful of sentences every word is frequent. */
const COMMON_BROADER_MIN = 10;

/** Credit for a generic word matched by itself when the question uses it in a phrase meaning something else (see weighUnits). */
const PHRASE_WORD_CREDIT = 0.7;

export function idf(stats: CorpusStats, term: string): number {
  const df = stats.documentFrequency.get(term) ?? 0;
  const n = stats.passageCount;
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

export function weighUnits(question: AnalysedQuestion, stats: CorpusStats, tuning: RankerTuning): WeightedUnit[] {
  const maxIdf = idf(stats, '\u0000never');
  return question.units.map((unit) => {
    // Loops rather than spreads: this runs for every question.
    const terms = unit.alternatives.length === 0 ? [unit.term] : [unit.term, ...unit.alternatives];
    const exact = terms.length;
    for (const c of unit.concepts) terms.push(c);
    const related = terms.length;
    for (const r of unit.related) terms.push(r);
    const broader = terms.length;
    for (const r of unit.broader) terms.push(r);
    const similar = terms.length;
    for (const s of unit.similar) terms.push(s.term);
    // Typed arrays: a plain array of credits starts as integers (1) and changes kind when 0.8 comes, which
    // throws the optimized code that reads it back to the interpreter, again and again as questions vary.
    const credits = new Float64Array(terms.length);
    for (let i = 0; i < terms.length; i++) {
      credits[i] = i < exact ? 1 : i < related ? tuning.conceptCredit : i < broader ? tuning.relatedCredit : i < similar ? tuning.broaderCredit : tuning.similarCredit * unit.similar[i - similar]!.similarity;
    }
    // "tell people to vote": a generic word inside a phrase that means something else (urging) stands for that
    // meaning, said in full by "I encourage everyone ..."; the word alone ("for the benefit of the people") is less.
    const genericWord = GENERIC_TERMS.has(unit.term);
    const inOtherConcept = genericWord && namesOtherConcept(unit);
    if (inOtherConcept && question.language === 'en' && !question.translated) {
      for (let i = 0; i < exact; i++) credits[i] = credits[i]! * PHRASE_WORD_CREDIT;
      for (let i = exact; i < related; i++) credits[i] = 1;
    }
    // The word's weight is its IDF, or a synonym concept's (discounted); a concept the corpus lacks counts as rare.
    // Of a lexicon entry's several English words, only those the corpus has count: a missing one would weigh most.
    // WordNet relations weigh in only for a word the corpus does not have.
    let known = false;
    let ownKnown = false;
    let df = Infinity;
    for (let i = 0; i < related; i++) {
      const count = stats.documentFrequency.get(terms[i]!);
      if (count === undefined) continue;
      known = true;
      if (i < exact) ownKnown = true;
      df = Math.min(df, count);
    }
    let best = 0;
    const ownOrConcept = known;
    if (known) {
      for (let i = 0; i < related; i++) {
        const t = terms[i]!;
        if (i < exact && exact > 1 && ownKnown && !stats.documentFrequency.has(t)) continue;
        best = Math.max(best, idf(stats, t) * credits[i]!);
      }
    } else {
      // WordNet's relations make a word the corpus lacks known; word-vector neighbours only help rank (see similarStart).
      for (let i = related; i < similar; i++) {
        const count = stats.documentFrequency.get(terms[i]!);
        if (count === undefined) continue;
        // A broader word the corpus uses everywhere says little: "death" is a kind of "change", which does not
        // make a question about the death penalty one the sources speak to.
        if (i >= broader && count > Math.max(COMMON_BROADER_MIN, stats.passageCount * COMMON_BROADER_SHARE)) continue;
        best = Math.max(best, idf(stats, terms[i]!) * credits[i]!);
        df = Math.min(df, count);
      }
      known = best > 0;
    }
    const base = known ? best : maxIdf * tuning.unknownWordWeight;
    // An expansion earns its credit in proportion to how telling it is: a common word related to a rare one
    // ("state" for "constituency") is weak evidence, a rare one is not drowned by it. A word still unknown weighs
    // as a rare one, and a neighbour of it is measured against that. So does each of a lexicon entry's renderings:
    // "KazISS Kazakhstan Institute ..." for "ҚСЗИ" is not found by "Kazakhstan".
    for (let i = 1; i < terms.length; i++) if (i < exact || i >= related) credits[i] = credits[i]! * Math.min(1, base > 0 ? idf(stats, terms[i]!) / base : 1);
    const weight = (known ? best : maxIdf * tuning.unknownWordWeight) / (1 + tuning.everydayDiscount * Math.log1p(unit.everyday));
    const generic = (genericWord && !inOtherConcept) || df > stats.passageCount * tuning.genericShare;
    const ids = new Int32Array(terms.length);
    for (let i = 0; i < terms.length; i++) ids[i] = stats.termId(terms[i]!);
    // Fields written out: `{ ...unit, more }` takes a slow path in V8 (microseconds per unit, on every question).
    const { surface, term, alternatives, concepts, position, corrected, focus } = unit;
    // What a match outside the sentence is worth, worked out once per question: the thing asked about should be in
    // the sentence itself; who said it may be named around it; a date names the event as well from the article's date.
    const date = DATE_TERM.test(term);
    const contextCredit = focus ? tuning.focusContextCredit : question.reportsSpeech && NAME.test(surface) ? tuning.speakerContextCredit : tuning.contextCredit;
    return {
      surface, term, alternatives, concepts, related: unit.related, broader: unit.broader, similar: unit.similar, everyday: unit.everyday, position, corrected, focus,
      name: unit.name === true, secondary: unit.secondary === true,
      ids, credits, exact, similarStart: similar, weight: (focus ? weight * tuning.focusWeight : weight) * (unit.secondary ? tuning.secondPartWeight : 1), generic, unknown: !known, expandedOnly: known && !ownOrConcept,
      contextCredit, titleCredit: date ? 1 : tuning.titleCredit, backTitleCredit: date ? 1 : tuning.backTitleCredit,
    };
  });
}

/**
 * "What did she want people to do?": a generic word read in a phrase that means something else ("want people to"
 * is urging) is that thing, not the generic word; "the country" (a synonym of the word itself) stays generic.
 */
function namesOtherConcept(unit: QueryUnit): boolean {
  for (const concept of unit.concepts) if (!conceptWords(concept).has(unit.term)) return true;
  return false;
}

/** The terms of a thesaurus group's one-word phrases ("~country": country, nation). */
export function conceptWords(concept: string): ReadonlySet<string> {
  let words = CONCEPT_WORDS.get(concept);
  if (!words) {
    const found = new Set<string>();
    words = found;
    for (const phrase of SYNONYM_GROUPS[concept.slice(CONCEPT_PREFIX.length)] ?? []) {
      const own = terms(phrase).filter((t) => !t.term.startsWith(CONCEPT_PREFIX));
      if (own.length === 1) found.add(own[0]!.term);
    }
    CONCEPT_WORDS.set(concept, words);
  }
  return words;
}

const CONCEPT_WORDS = new Map<string, ReadonlySet<string>>();

/** "What is the capital of France?": when the thing asked about is unknown to the corpus, no sentence can answer. */
export function focusIsUnknown(units: readonly WeightedUnit[]): boolean {
  // A generic word next to the thing asked about ("the champion of Kazakhstan") does not make it known.
  let focus = 0;
  for (const u of units) {
    if (!u.focus || (!u.unknown && u.generic)) continue;
    if (!u.unknown) return false;
    focus += 1;
  }
  return focus > 0;
}

export interface PassageScore {
  score: number;
  /** Share of the question's weight this sentence (with its neighbours) covers, 0..1. */
  coverage: number;
  /** Did a word that is not generic match in the sentence itself? */
  specificMatch: boolean;
  /** How well the sentence holds the kind of answer asked for (a date for "when", a count for "how many"), 0..1. */
  fit: number;
  /** Share of the weight of the question's words the corpus knows that this sentence (with its neighbours) covers. */
  knownCoverage: number;
  /** The heaviest known, specific question word the sentence and its neighbours lack, relative to the heaviest word. */
  missing: number;
}

// Ranking runs for 32 candidates per question: the loops below allocate nothing, so garbage collection stays rare.

/**
 * Term ids marked in a scratch array for the candidate being scored, so that a unit's many ids (its word, synonyms,
 * WordNet relations) are each checked in O(1) instead of scanning the sentence per id. A class, not closures:
 * this runs for every candidate of every question.
 */
class TermMarks implements Pick<TermLookup, 'hasId'> {
  private marks = new Int32Array(1024);
  /** For the sentence: the index of each marked term's first occurrence (where a unit matches, for proximity). */
  first = new Int32Array(1024);
  private generation = 0;

  /** Forgets every mark (in O(1): the generation moves on). */
  clear(): void {
    if (++this.generation === 0x7fffffff) {
      this.marks.fill(0);
      this.generation = 1;
    }
  }

  /** Marks the terms of the passage's sentence, remembering where each occurs first. */
  markSentence(passage: Passage): void {
    this.clear();
    const n = passage.termCount;
    for (let i = 0; i < n; i++) {
      const id = passage.termId(i);
      if (id >= this.marks.length) this.grow(id);
      if (this.marks[id] === this.generation) continue;
      this.marks[id] = this.generation;
      this.first[id] = i;
    }
  }

  /** Marks the terms of ids[ranges[0], ranges[1]), ids[ranges[2], ranges[3]), ... (a passage's context or title). */
  markRanges(ids: Int32Array, ranges: Int32Array): void {
    this.clear();
    for (let r = 0; r + 1 < ranges.length; r += 2) for (let i = ranges[r]!; i < ranges[r + 1]!; i++) this.mark(ids[i]!);
  }

  private mark(id: number): void {
    if (id >= this.marks.length) this.grow(id);
    this.marks[id] = this.generation;
  }

  private grow(id: number): void {
    const size = Math.max(id + 1, this.marks.length * 2);
    const marks = new Int32Array(size);
    marks.set(this.marks);
    this.marks = marks;
    const first = new Int32Array(size);
    first.set(this.first);
    this.first = first;
  }

  hasId(id: number): boolean {
    return id >= 0 && id < this.marks.length && this.marks[id] === this.generation;
  }
}

const sentenceMarks = new TermMarks();
const contextMarks = new TermMarks();
const titleMarks = new TermMarks();
const ranges = new Int32Array(10);
const introMarks = new TermMarks();
const introRange = new Int32Array(2);
const documentMarks = new TermMarks();
const documentRange = new Int32Array(2);

/**
 * The weight of the heaviest specific question word found nowhere in the passage's document nor its title, relative
 * to the heaviest word: "the snap meeting on the referendum" is not the meeting an article that never says
 * "referendum" reports on. Word-vector neighbours are no evidence here, as elsewhere.
 */
export function missingFromDocument(passages: PassageStore, passage: Passage, units: readonly WeightedUnit[]): number {
  const a = passages.arrays;
  const d = passage.documentIndex;
  documentRange[0] = a.termStart[a.documentStart[d]!]!;
  documentRange[1] = a.termStart[a.documentStart[d + 1]!]!;
  documentMarks.markRanges(a.termId, documentRange);
  let titleMarked = false;
  let missing = 0;
  let heaviest = 0;
  for (const unit of units) {
    heaviest = Math.max(heaviest, unit.weight);
    if (unit.generic || unit.unknown || unit.weight <= missing || unitMatch(unit, documentMarks, unit.similarStart) > 0) continue;
    if (!titleMarked) {
      titleMarks.markRanges(passage.titleRanges(ranges), ranges);
      titleMarked = true;
    }
    if (unitMatch(unit, titleMarks, unit.similarStart) === 0) missing = unit.weight;
  }
  return heaviest > 0 ? missing / heaviest : 0;
}

const PAST_VERB = /[a-z]ed$/i;
const ADJECTIVE_CREDIT = 0.5;

/**
 * Is every use of the word in the text its bare form after an article or a copula, an adjective or a noun ("an open
 * dialogue", "was open", "the chair"), never an inflected verb form?
 */
function onlyAsAdjective(text: string, term: string): boolean {
  if (term.length < 3 || !/^[a-z]+$/.test(term)) return false;
  const lower = text.toLowerCase();
  let seen = false;
  for (let at = lower.indexOf(term); at >= 0; at = lower.indexOf(term, at + 1)) {
    if (at > 0 && /[a-z]/.test(lower[at - 1]!)) continue;
    seen = true;
    // An inflected form ("opened", "opening", "was chaired") is the verb.
    if (/[a-z]/.test(lower[at + term.length] ?? '')) return false;
    if (!/\b(?:an?|the|was|were|is|are|be|been|more|most|very)\s+$/.test(lower.slice(Math.max(0, at - 8), at))) return false;
  }
  return seen;
}

/** 1 when the unit's word is in the set, else the best credit of a synonym concept or WordNet relation in it, else 0. */
function unitMatch(unit: WeightedUnit, set: Pick<TermLookup, 'hasId'>, end: number = unit.ids.length): number {
  const { ids, credits } = unit;
  let best = 0;
  for (let i = 0; i < unit.exact; i++) {
    if (!set.hasId(ids[i]!)) continue;
    if (credits[i] === 1) return 1;
    if (credits[i]! > best) best = credits[i]!;
  }
  for (let i = unit.exact; i < end; i++) if (credits[i]! > best && ids[i]! >= 0 && set.hasId(ids[i]!)) best = credits[i]!;
  return best;
}

/**
 * How a sentence names an institution the question names by its full name ("the Constitutional Court"), given as
 * the units of its words: 'whole' when every word is in the sentence, its neighbours or its article's title (or the
 * question names none), 'part' when some word is in the sentence and another nowhere around it ("constitutional
 * reform": another thing), 'none' when no word is in the sentence. Only the words themselves count, not relatives.
 */
export function namesInstitution(passage: Passage, units: readonly WeightedUnit[], nameUnits: readonly number[]): 'whole' | 'part' | 'none' {
  if (nameUnits.length === 0) return 'whole';
  sentenceMarks.markSentence(passage);
  contextMarks.markRanges(passage.contextRanges(ranges), ranges);
  let inSentence = 0;
  let absent = 0;
  for (const u of nameUnits) {
    const unit = units[u]!;
    if (unitMatch(unit, sentenceMarks, unit.exact) > 0) inSentence += 1;
    else if (unitMatch(unit, contextMarks, unit.exact) === 0) {
      titleMarks.markRanges(passage.titleRanges(ranges), ranges);
      if (unitMatch(unit, titleMarks, unit.exact) === 0) absent += 1;
    }
  }
  return absent === 0 ? 'whole' : inSentence > 0 ? 'part' : 'none';
}

export function scorePassage(
  passage: Passage,
  question: AnalysedQuestion,
  units: readonly WeightedUnit[],
  stats: CorpusStats,
  tuning: RankerTuning,
  questionSurfaces: ReadonlySet<string>,
  phrases: readonly number[] = NO_PHRASES,
  /** Where the scores are written (a candidate being made): no object per score, this runs for every candidate. */
  into: PassageScore = { score: 0, coverage: 0, specificMatch: false, fit: 0, knownCoverage: 0, missing: 0 },
): PassageScore {
  let total = 0;
  let matched = 0;
  let evidenced = 0;
  let knownTotal = 0;
  let knownMatched = 0;
  let heaviest = 0;
  let missing = 0;
  /** The weight of the question's specific words found in the sentence itself (not its neighbours or title). */
  let inSentence = 0;
  let specificTotal = 0;
  let specificMatch = false;
  sentenceMarks.markSentence(passage);
  let contextMarked = false;
  let introduced = false;
  let titleMarked = false;
  // Bonus for neighbouring question words that are neighbours in the sentence too (pairs in question order).
  let proximity = 0;
  let previous: number | null = null;
  for (let i = 0; i < units.length; i++) {
    const unit = units[i]!;
    total += unit.weight;
    if (!unit.generic) specificTotal += unit.weight;
    // Twice when the unit has word-vector neighbours: with them for the score, without them for the evidence.
    let credit = 0;
    let evidence = 0;
    const ends = unit.similarStart < unit.ids.length ? 2 : 1;
    for (let pass = 0; pass < ends; pass++) {
      const end = pass === 0 ? unit.ids.length : unit.similarStart;
      let c = unitMatch(unit, sentenceMarks, end);
      if (c === 1 && phrases.length > 0) c = phraseCredit(i, units, phrases, passage, sentenceMarks, tuning);
      // "Who opened the conference?" is not answered by "an open dialogue": the verb asked, the adjective written.
      if (c > 0 && unit.focus && question.type === 'who' && PAST_VERB.test(unit.surface) && onlyAsAdjective(passage.sentence.text, unit.term)) c *= ADJECTIVE_CREDIT;
      if (pass === ends - 1 && !unit.generic) inSentence += unit.weight * c;
      if (c > 0 && !unit.generic && pass === ends - 1) specificMatch = true;
      if (c === 0) {
        if (!contextMarked) {
          const ids = passage.contextRanges(ranges);
          contextMarks.markRanges(ids, ranges);
          // Not for a translated question: its renderings of a post ("руководитель": head, leader, chief) name many people.
          introduced = !question.translated && ranges[8]! < ranges[9]!;
          if (introduced) {
            introRange[0] = ranges[8]!;
            introRange[1] = ranges[9]!;
            introMarks.markRanges(ids, introRange);
          }
          contextMarked = true;
        }
        c = unitMatch(unit, contextMarks, end) * unit.contextCredit;
        // "the ambassador" asked for, "Suleimen urged ..." in the sentence: the person it names is the one introduced as ambassador.
        if (introduced && c < tuning.personContextCredit) c = Math.max(c, unitMatch(unit, introMarks, end) * tuning.personContextCredit);
      }
      if (c === 0) {
        if (!titleMarked) {
          titleMarks.markRanges(passage.titleRanges(ranges), ranges);
          titleMarked = true;
        }
        // A date names the event asked about: the article's date says it as well as the sentence does.
        c = unitMatch(unit, titleMarks, end) * (passage.refersBack ? unit.backTitleCredit : unit.titleCredit);
      }
      if (unit.corrected) c *= tuning.correctedCredit;
      if (pass === 0) credit = c;
      evidence = c;
    }
    matched += unit.weight * credit;
    evidenced += unit.weight * evidence;
    heaviest = Math.max(heaviest, unit.weight);
    if (!unit.unknown) {
      knownTotal += unit.weight;
      knownMatched += unit.weight * evidence;
      if (evidence === 0 && !unit.generic) missing = Math.max(missing, unit.weight);
    }
    const position = credit > 0 ? positionOf(passage, unit) : null;
    if (previous != null && position != null && Math.abs(position - previous) <= 2) proximity += Math.min(units[i - 1]!.weight, unit.weight);
    previous = position;
  }
  if (total === 0) return writeScore(into, 0, 0, false, 0, 0, 0);

  const meanWeight = total / units.length;
  // A question asking for a list ("Which organisations ...") is answered by an enumeration, long by nature.
  const lengthPenalty = question.asksList ? tuning.listLengthPenalty : tuning.lengthPenalty;
  const lengthNorm = 1 - lengthPenalty + lengthPenalty * (passage.length / stats.averageLength);
  // A yes/no question is settled by a sentence that states the whole proposition itself, not one that needs its neighbours.
  const fit = matched === 0 ? 0 : question.type === 'yesno' ? yesNoFit(question, passage, specificTotal > 0 ? inSentence / specificTotal : 0) : answerTypeFit(question, passage, questionSurfaces);
  const score = matched / lengthNorm + tuning.proximityBonus * proximity + (matched > 0 ? tuning.answerTypeWeight * (question.type === 'who' ? tuning.whoWeight : 1) * meanWeight * fit : 0);
  return writeScore(into, score, evidenced / total, specificMatch, fit, knownTotal > 0 ? knownMatched / knownTotal : 0, heaviest > 0 ? missing / heaviest : 0);
}

/**
 * How well a sentence settles a yes/no question: the share of the question's specific words in the sentence
 * itself; in full when the question asks about all (or any) of some group and the sentence says what part of
 * that group did (answer-types.ts).
 */
function yesNoFit(question: AnalysedQuestion, passage: Passage, share: number): number {
  if (question.quantified === undefined || share === 1) return share;
  return namesPartOfGroup(passage, question.quantified) ? 1 : share;
}

const NAME = /^\p{Lu}/u;
/** A day, a month or a year ("30", "may", "2022"). */
const DATE_TERM = /^(?:[1-9]|[12]\d|3[01]|(?:19|20)\d\d|januari|februari|march|april|may|june|juli|august|septemb|octob|novemb|decemb)$/;

export const NO_PHRASES: readonly number[] = [];
/** The first stage's best few are enough to tell a phrase the text uses (and the search runs for every question). */
const PHRASE_CANDIDATES = 16;

/** Is the unit's own word (or an alternative) in the corpus at all? */
function hasOwnId(unit: WeightedUnit): boolean {
  for (let k = 0; k < unit.exact; k++) if (unit.ids[k]! >= 0) return true;
  return false;
}

/**
 * The phrases of a question: indexes i of units i and i + 1 that are neighbours in the question and, word for word,
 * in at least one of the best candidate sentences (a pair the text uses as a phrase, not two words that happen to meet).
 */
export function questionPhrases(units: readonly WeightedUnit[], hits: ArrayLike<number>, passages: PassageStore): readonly number[] {
  let out: number[] | undefined;
  const looked = Math.min(hits.length, PHRASE_CANDIDATES);
  for (let i = 0; i + 1 < units.length; i++) {
    if (units[i + 1]!.position !== units[i]!.position + 1 || !hasOwnId(units[i]!) || !hasOwnId(units[i + 1]!)) continue;
    for (let h = 0; h < looked; h++) {
      if (!adjacentIn(passages.passage(hits[h]!), units[i]!, units[i + 1]!)) continue;
      (out ??= []).push(i);
      break;
    }
  }
  return out ?? NO_PHRASES;
}

function hasOwnWord(unit: WeightedUnit, sentence: Pick<TermLookup, 'hasId'>): boolean {
  for (let k = 0; k < unit.exact; k++) if (sentence.hasId(unit.ids[k]!)) return true;
  return false;
}

/** The credit left to unit i (its own word found) when the sentence breaks a phrase it belongs to (it is the lighter word of the pair). */
function phraseCredit(i: number, units: readonly WeightedUnit[], phrases: readonly number[], passage: Passage, sentence: Pick<TermLookup, 'hasId'>, tuning: RankerTuning): number {
  for (const first of phrases) {
    if (first !== i && first + 1 !== i) continue;
    const a = units[first]!;
    const b = units[first + 1]!;
    const other = first === i ? b : a;
    const self = units[i]!;
    if (self.weight > other.weight || (self.weight === other.weight && first === i)) continue;
    if (hasOwnWord(other, sentence) && !adjacentIn(passage, a, b)) return tuning.brokenPhraseCredit;
  }
  return 1;
}

/** Does the sentence have a's word (or an alternative) followed within two content words by b's? One pass: terms are in order. */
function adjacentIn(passage: Passage, a: WeightedUnit, b: WeightedUnit): boolean {
  let lastA = -Infinity;
  for (let i = 0; i < passage.termCount; i++) {
    const id = passage.termId(i);
    const at = passage.position(i);
    if (at - lastA >= 1 && at - lastA <= 2 && isOwnId(b, id)) return true;
    if (isOwnId(a, id)) lastA = at;
  }
  return false;
}

function isOwnId(unit: WeightedUnit, id: number): boolean {
  for (let k = 0; k < unit.exact; k++) if (unit.ids[k] === id) return true;
  return false;
}

function writeScore(into: PassageScore, score: number, coverage: number, specificMatch: boolean, fit: number, knownCoverage: number, missing: number): PassageScore {
  into.score = score;
  into.coverage = coverage;
  into.specificMatch = specificMatch;
  into.fit = fit;
  into.knownCoverage = knownCoverage;
  into.missing = missing;
  return into;
}

/** Where in the sentence the unit first matches (its first term that is one of the unit's), or null. */
function positionOf(passage: Passage, unit: WeightedUnit): number | null {
  const ids = unit.ids;
  let first = -1;
  for (let k = 0; k < ids.length; k++) {
    const id = ids[k]!;
    if (!sentenceMarks.hasId(id)) continue;
    const i = sentenceMarks.first[id]!;
    if (first === -1 || i < first) first = i;
  }
  return first === -1 ? null : passage.position(first);
}
