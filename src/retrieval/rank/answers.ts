import type { PassageStore, Region } from '../corpus/passages.ts';
import type { SentenceSpan } from '../corpus/sentences.ts';
import { canBe } from '../query/wordnet.ts';
import type { TextLanguage } from '../text/languages.ts';
import { terms } from '../text/tokenizer.ts';
import type { Answer, Source } from '../types.ts';
import { REASON_OR_MEANS } from './answer-types.ts';
import { buildExcerpt, MAX_EXCERPT_CHARS, type Excerpt } from './excerpt.ts';
import { conceptWords, type RankerTuning, type WeightedUnit } from './ranker.ts';
import type { Candidate } from './select.ts';

export interface AnswerDeps {
  passages: PassageStore;
  sources: readonly Source[];
  documentLanguage: readonly TextLanguage[];
  tuning: RankerTuning;
}

/**
 * Turns ranked candidates into answers: the excerpt that answers (cut from the sentence and its neighbours),
 * its source, near-duplicates dropped. The first `needed` only: each answer depends only on the ones before it.
 */
export function createAnswerBuilder({ passages, sources, documentLanguage, tuning }: AnswerDeps): (candidates: readonly Candidate[], needed: number) => Answer[] {
  const { document: documentOf, documentStart } = passages.arrays;
  const clauseTerms = new Map<string, ReadonlySet<string>>();
  /** The terms of excerpts of two or three whole sentences, by passage and which neighbours they hold (bounded). */
  const joinedTerms = new Map<number, ReadonlySet<string>>();

  /** Which of passage p and its neighbours has exactly this text (an excerpt is mostly one sentence), or -1. */
  function sentenceOf(text: string, p: number, sentences: readonly SentenceSpan[]): number {
    const first = documentStart[documentOf[p]!]!;
    for (let step = 0; step < 3; step++) {
      const q = step === 0 ? p : step === 1 ? p + 1 : p - 1;
      if (sentences[q - first]?.text === text) return q;
    }
    return -1;
  }

  /**
   * The terms of a text of an excerpt around passage p: a sentence's are known; clause cuts of long sentences and
   * two-sentence excerpts are tokenized once and remembered (bounded). `sentences` are the region's spans (see
   * PassageStore.region).
   */
  function termsNear(text: string, p: number, sentences: readonly SentenceSpan[]): ReadonlySet<string> {
    const q = sentenceOf(text, p, sentences);
    if (q >= 0) return passages.termSetOf(q);
    let set = clauseTerms.get(text);
    if (!set) {
      set = new Set(terms(text, documentLanguage[documentOf[p]!]).map((t) => t.term));
      if (clauseTerms.size >= 4096) clauseTerms.clear();
      clauseTerms.set(text, set);
    }
    return set;
  }

  /**
   * The terms of an excerpt of whole sentences around passage p (document sentence `index`): its sentences' sets,
   * joined (no text tokenized again); a cut from an over-long sentence is tokenized (see termsNear).
   */
  function termsOfExcerpt(excerpt: Excerpt, p: number, index: number, region: Region): ReadonlySet<string> {
    if (excerpt.cut.start || excerpt.cut.end) return termsNear(excerpt.text, p, region.sentences);
    // Which of the sentences before, at and after p the excerpt holds, as bits: the key of a joined set.
    let held = 0;
    for (let d = -1; d <= 1; d++) {
      const span = region.sentences[index + d];
      if (span !== undefined && span.start >= excerpt.start && span.end <= excerpt.end) held |= 1 << (d + 1);
    }
    if (held === 0b010) return passages.termSetOf(p);
    if (held === 0) return termsNear(excerpt.text, p, region.sentences);
    const key = p * 8 + held;
    let joined = joinedTerms.get(key);
    if (!joined) {
      const set = new Set<string>();
      for (let d = -1; d <= 1; d++) if (held & (1 << (d + 1))) for (const t of passages.termSetOf(p + d)) set.add(t);
      if (joinedTerms.size >= 4096) joinedTerms.clear();
      joinedTerms.set(key, (joined = set));
    }
    return joined;
  }

  /** The weight of the question's words found in a text of an excerpt around passage p (a sentence's by term id). */
  function relevanceNear(text: string, p: number, sentences: readonly SentenceSpan[], units: readonly WeightedUnit[], window = false): number {
    const q = sentenceOf(text, p, sentences);
    return q >= 0 ? sentenceRelevance(passages, q, units) : relevance(termsNear(text, p, sentences), units, window);
  }

  return (candidates, needed) => {
    const answers: Answer[] = [];
    // Candidates of one reading share their units: their probes are worked out once. (No named closure here:
    // tsx names every one it makes, which costs microseconds per query.)
    const probes = new Map<readonly WeightedUnit[], string[]>();
    const taken: Array<{ documentIndex: number; start: number; end: number; terms: ReadonlySet<string> }> = [];
    let order: readonly Candidate[] = candidates;
    for (let c = 0; c < order.length; c++) {
      let candidate = order[c]!;
      if (answers.length >= needed) break;
      if (!candidate.specificMatch || candidate.coverage < tuning.minCoverage * 0.6) continue;
      const region = passages.region(candidate.index);
      const { units } = candidate;
      let unitProbes = probes.get(units);
      if (!unitProbes) probes.set(units, (unitProbes = probesOf(units)));
      let neighbour = answeringNeighbour(order, c, region.sentences, passages);
      // Two answering neighbours too long to show together, nearly as good: the one offering the kind of answer
      // asked for goes first, the other keeps the neighbour's place.
      if (neighbour && neighbour.fit > candidate.fit && neighbour.score >= candidate.score * CROSS_PARAGRAPH_SCORE && !fitsTogether(region.sentences, candidate.passage.sentenceIndex, neighbour.passage.sentenceIndex)) {
        const swapped = order.slice();
        swapped[order.indexOf(neighbour)] = candidate;
        swapped[c] = candidate = neighbour;
        order = swapped;
        neighbour = undefined;
      }
      const partner = neighbour?.passage.sentenceIndex;
      const { documentIndex, sentenceIndex } = candidate.passage;
      const shown = candidate.index;
      const echo = candidate.type !== 'yesno' && partner === undefined && onlyRestates(passages.termSetOf(shown), units);
      let excerpt = buildExcerpt(region.text, region.sentences, sentenceIndex, (text, window) => relevanceNear(text, shown, region.sentences, units, window), undefined, unitProbes, partner, candidate.passage.refersBack, candidate.type === 'why' ? REASON_OR_MEANS : candidate.type === 'organisation' ? SENTENCE_START : undefined, echo, () => addedBy(passages, shown, shown + 1, units));
      // Positions in the document body, for telling overlapping excerpts of one document apart.
      let start = region.offset + excerpt.start;
      let end = region.offset + excerpt.end;
      const coreStart = start + excerpt.highlight.start;
      const coreEnd = start + excerpt.highlight.end;
      // Shown already when its answering sentence is inside an earlier excerpt. One that shares only a neighbour
      // shown for context is shown by itself: the neighbour is not repeated, the answer is not lost.
      if (overlapsTaken(taken, documentIndex, coreStart, coreEnd)) continue;
      if (overlapsTaken(taken, documentIndex, start, end)) {
        excerpt = { ...excerpt, start: excerpt.start + excerpt.highlight.start, end: excerpt.start + excerpt.highlight.end, text: excerpt.text.slice(excerpt.highlight.start, excerpt.highlight.end), highlight: { start: 0, end: coreEnd - coreStart } };
        [start, end] = [coreStart, coreEnd];
      }
      const excerptTerms = termsOfExcerpt(excerpt, candidate.index, sentenceIndex, region);
      if (taken.some((t) => overlapsAtLeast(t.terms, excerptTerms, 0.8))) continue;
      taken.push({ documentIndex, start, end, terms: excerptTerms });
      answers.push({
        excerpt: excerpt.text,
        highlight: excerpt.highlight,
        cut: excerpt.cut,
        source: sources[documentIndex]!,
        // Best first: a neighbour moved ahead of a sentence that scored a little higher takes no more than its place's score.
        score: Math.round(Math.min(candidate.score, answers[answers.length - 1]?.score ?? Infinity) * 1000) / 1000,
      });
    }
    return answers;
  };
}

/**
 * "Why is the establishment of the Constitutional Court important?" - "The establishment of the Constitutional Court
 * is very important.": a sentence whose every word the question has says nothing the asker did not; the answer
 * follows it.
 */
function onlyRestates(sentence: ReadonlySet<string>, units: readonly WeightedUnit[]): boolean {
  let words = 0;
  for (const term of sentence) {
    if (term.startsWith('~')) continue;
    words += 1;
    // Said in other words counts too: "The establishment of the Court ..." restates "creating a Court" (one concept).
    if (!units.some((u) => u.term === term || u.alternatives.includes(term) || restatesByConcept(u, sentence, term))) return false;
  }
  return words > 0;
}

/** Is the sentence's term one word of a thesaurus concept the unit has, as its own or a WordNet relation's ("establish": ~open, for "creating")? */
function restatesByConcept(u: WeightedUnit, sentence: ReadonlySet<string>, term: string): boolean {
  for (const c of u.concepts) if (sentence.has(c) && conceptWords(c).has(term)) return true;
  for (const c of u.related) if (c.startsWith('~') && sentence.has(c) && conceptWords(c).has(term)) return true;
  return false;
}

/** An over-long sentence naming organisations first ("The observers of X, Y, Z became key organizations"): its start names them. */
const SENTENCE_START = /^/;
/** How far down the ranking, and how close in score, a neighbouring sentence must be to be shown with the answer. */
const PARTNER_LOOKAHEAD = 2;
const PARTNER_SCORE = 0.5;
/**
 * A neighbour across a paragraph break (news articles break after every sentence or two) must be the very next
 * candidate, score nearly as well and fit the kind of answer asked for as well: "The survey involved 1,200
 * respondents." needs no "The institute ran a telephone survey in 2022." before it.
 */
const CROSS_PARAGRAPH_SCORE = 0.9;

/**
 * Candidate c's neighbour in the same paragraph when that neighbour is among the next few
 * candidates and scores nearly as well: the two answer together (one names the event, the other says who chaired
 * it; one names the speaker, the next quotes him), and a reader should see both.
 */
function answeringNeighbour(candidates: readonly Candidate[], c: number, sentences: readonly SentenceSpan[], passages: PassageStore): Candidate | undefined {
  const candidate = candidates[c]!;
  const { documentIndex, sentenceIndex } = candidate.passage;
  for (let k = c + 1; k < candidates.length && k <= c + PARTNER_LOOKAHEAD; k++) {
    const other = candidates[k]!;
    if (other.passage.documentIndex !== documentIndex || Math.abs(other.index - candidate.index) !== 1) continue;
    if (other.score < candidate.score * PARTNER_SCORE || !other.specificMatch) continue;
    const neighbour = other.passage.sentenceIndex;
    if (sentences[neighbour]?.paragraph !== sentences[sentenceIndex]?.paragraph && !(k === c + 1 && other.score >= candidate.score * CROSS_PARAGRAPH_SCORE && other.fit >= candidate.fit)) continue;
    // A neighbour that mostly repeats the sentence adds nothing to read.
    if (overlapsAtLeast(passages.termSetOf(other.index), passages.termSetOf(candidate.index), REPEATS)) continue;
    return other;
  }
  return undefined;
}

function fitsTogether(sentences: readonly SentenceSpan[], a: number, b: number): boolean {
  const first = sentences[Math.min(a, b)]!;
  const last = sentences[Math.max(a, b)]!;
  return last.end - first.start <= MAX_EXCERPT_CHARS;
}

/** Term overlap at which a neighbour only says the sentence again. */
const REPEATS = 0.6;

/** The question's word stems as they appear in text (concept terms are not words). */
function probesOf(units: readonly WeightedUnit[]): string[] {
  const probes = new Set<string>();
  for (const u of units) for (const t of [u.term, ...u.alternatives, ...u.related]) if (t.length >= 3 && !t.startsWith('~')) probes.add(t.toLowerCase());
  return [...probes];
}

/** Term ids of the sentence being weighed, marked (a scratch array, as in ranking). */
let marks = new Int32Array(1024);
let generation = 0;

/** Which units the last marked sentence matched (see addedBy): reused, grown as questions need. */
let matchedUnits = new Uint8Array(64);

/** The weight of the question's words that passage q's sentence holds and passage p's does not, by term id. */
function addedBy(passages: PassageStore, p: number, q: number, units: readonly WeightedUnit[]): number {
  if (matchedUnits.length < units.length) matchedUnits = new Uint8Array(units.length * 2);
  markSentence(passages, p);
  for (let u = 0; u < units.length; u++) matchedUnits[u] = matches(units[u]!) ? 1 : 0;
  markSentence(passages, q);
  let sum = 0;
  for (let u = 0; u < units.length; u++) if (matchedUnits[u] === 0 && matches(units[u]!)) sum += units[u]!.weight;
  return sum;
}

/** Marks passage p's term ids with a new generation (see marks). */
function markSentence(passages: PassageStore, p: number): void {
  const { termStart, termId } = passages.arrays;
  if (++generation === 0x7fffffff) {
    marks.fill(0);
    generation = 1;
  }
  for (let i = termStart[p]!; i < termStart[p + 1]!; i++) {
    const id = termId[i]!;
    if (id >= marks.length) {
      const grown = new Int32Array(Math.max(id + 1, marks.length * 2));
      grown.set(marks);
      marks = grown;
    }
    marks[id] = generation;
  }
}

/** Does the marked sentence hold the unit: its word, alternatives, concepts or WordNet relations of the same meaning? */
function matches(u: WeightedUnit): boolean {
  const n = u.exact + u.concepts.length + u.related.length;
  for (let i = 0; i < n; i++) {
    const id = u.ids[i]!;
    if (id >= 0 && id < marks.length && marks[id] === generation) return true;
  }
  return false;
}

/**
 * `relevance` for passage p's sentence, by term id: a unit's word, alternatives, concepts and WordNet relations
 * of the same meaning are the first ids of `unit.ids` (see weighUnits), -1 for a term the corpus lacks.
 */
function sentenceRelevance(passages: PassageStore, p: number, units: readonly WeightedUnit[]): number {
  markSentence(passages, p);
  let sum = 0;
  for (const u of units) if (matches(u)) sum += u.weight;
  return sum;
}

/** `inWindow`: in a part of an over-long sentence, weighed by windowWeights. */
function relevance(set: { has(term: string): boolean }, units: readonly WeightedUnit[], inWindow = false): number {
  const weights = inWindow ? windowWeights(units) : undefined;
  let sum = 0;
  for (let i = 0; i < units.length; i++) {
    const u = units[i]!;
    if (set.has(u.term) || hasAny(set, u.alternatives) || hasAny(set, u.concepts) || hasAny(set, u.related)) sum += weights ? weights[i]! : u.weight;
  }
  return sum;
}

/** Each reading's window weights, made at its first over-long sentence. */
const WINDOW_WEIGHTS = new WeakMap<readonly WeightedUnit[], Float64Array>();

/**
 * The units' weights in a part of an over-long sentence: the word for the thing asked for ("which embassies", not a
 * verb after it) weighs double, for the part naming it holds the answer.
 */
function windowWeights(units: readonly WeightedUnit[]): Float64Array {
  let weights = WINDOW_WEIGHTS.get(units);
  if (!weights) {
    weights = new Float64Array(units.length);
    for (let i = 0; i < units.length; i++) weights[i] = units[i]!.focus && !onlyVerb(units[i]!.surface) ? 2 * units[i]!.weight : units[i]!.weight;
    WINDOW_WEIGHTS.set(units, weights);
  }
  return weights;
}

/** "attended" in "Which embassies attended ...": a verb, not the thing asked for. */
function onlyVerb(word: string): boolean {
  return canBe(word, 'verb') && !canBe(word, 'noun');
}

/** Does an excerpt shown already cover part of [from, to) of the document? */
function overlapsTaken(taken: ReadonlyArray<{ documentIndex: number; start: number; end: number }>, documentIndex: number, from: number, to: number): boolean {
  for (const t of taken) if (t.documentIndex === documentIndex && from < t.end && t.start < to) return true;
  return false;
}

function hasAny(set: { has(term: string): boolean }, terms: readonly string[]): boolean {
  for (let i = 0; i < terms.length; i++) if (set.has(terms[i]!)) return true;
  return false;
}

/**
 * Is the Jaccard similarity of a and b at least `threshold`? Decided without counting the whole intersection
 * when the sizes alone rule it out or the count so far settles it (it runs for every pair of excerpts shown).
 */
function overlapsAtLeast(a: ReadonlySet<string>, b: ReadonlySet<string>, threshold: number): boolean {
  const small = a.size <= b.size ? a : b;
  const large = small === a ? b : a;
  if (large.size === 0 || small.size < threshold * large.size) return false;
  // shared / (|a| + |b| - shared) >= t  exactly when  shared >= t (|a| + |b|) / (1 + t)
  const needed = (threshold * (a.size + b.size)) / (1 + threshold);
  let shared = 0;
  let left = small.size;
  for (const x of small) {
    if (large.has(x)) shared += 1;
    left -= 1;
    if (shared >= needed) return true;
    if (shared + left < needed) return false;
  }
  return false;
}
