import type { PassageStore, TermLookup } from '../corpus/passages.ts';
import type { SentenceSpan } from '../corpus/sentences.ts';
import type { TextLanguage } from '../text/languages.ts';
import { terms } from '../text/tokenizer.ts';
import type { Answer, Source } from '../types.ts';
import { buildExcerpt } from './excerpt.ts';
import type { RankerTuning, WeightedUnit } from './ranker.ts';
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

  /**
   * The terms of a text of an excerpt around passage p. Excerpts are mostly one sentence (p or a neighbour),
   * whose terms are known; clause cuts of long sentences and two-sentence excerpts are tokenized once and
   * remembered (bounded). `sentences` are the region's spans (see PassageStore.region).
   */
  function termsNear(text: string, p: number, sentences: readonly SentenceSpan[], asSet: true): ReadonlySet<string>;
  function termsNear(text: string, p: number, sentences: readonly SentenceSpan[], asSet: false): TermLookup | ReadonlySet<string>;
  function termsNear(text: string, p: number, sentences: readonly SentenceSpan[], asSet: boolean): TermLookup | ReadonlySet<string> {
    const first = documentStart[documentOf[p]!]!;
    for (let step = 0; step < 3; step++) {
      const q = step === 0 ? p : step === 1 ? p + 1 : p - 1;
      if (sentences[q - first]?.text === text) return asSet ? passages.termSetOf(q) : passages.passage(q).termSet;
    }
    let set = clauseTerms.get(text);
    if (!set) {
      set = new Set(terms(text, documentLanguage[documentOf[p]!]).map((t) => t.term));
      if (clauseTerms.size >= 4096) clauseTerms.clear();
      clauseTerms.set(text, set);
    }
    return set;
  }

  return (candidates, needed) => {
    const answers: Answer[] = [];
    // Candidates of one reading share their units: their probes are worked out once.
    const probes = new Map<readonly WeightedUnit[], string[]>();
    const probesFor = (units: readonly WeightedUnit[]) => {
      let list = probes.get(units);
      if (!list) probes.set(units, (list = probesOf(units)));
      return list;
    };
    const taken: Array<{ documentIndex: number; start: number; end: number; terms: ReadonlySet<string> }> = [];
    for (const candidate of candidates) {
      if (answers.length >= needed) break;
      if (!candidate.specificMatch || candidate.coverage < tuning.minCoverage * 0.6) continue;
      const { documentIndex, sentenceIndex } = candidate.passage;
      const region = passages.region(candidate.index);
      const { units } = candidate;
      const excerpt = buildExcerpt(region.text, region.sentences, sentenceIndex, (text) => relevance(termsNear(text, candidate.index, region.sentences, false), units), undefined, probesFor(units));
      const excerptTerms = termsNear(excerpt.text, candidate.index, region.sentences, true);
      // Positions in the document body, for telling overlapping excerpts of one document apart.
      const start = region.offset + excerpt.start;
      const end = region.offset + excerpt.end;
      const duplicate = taken.some((t) => (t.documentIndex === documentIndex && start < t.end && t.start < end) || jaccard(t.terms, excerptTerms) >= 0.8);
      if (duplicate) continue;
      taken.push({ documentIndex, start, end, terms: excerptTerms });
      answers.push({
        excerpt: excerpt.text,
        highlight: excerpt.highlight,
        cut: excerpt.cut,
        source: sources[documentIndex]!,
        score: Math.round(candidate.score * 1000) / 1000,
      });
    }
    return answers;
  };
}

/** The question's word stems as they appear in text (concept terms are not words). */
function probesOf(units: readonly WeightedUnit[]): string[] {
  const probes = new Set<string>();
  for (const u of units) for (const t of [u.term, ...u.alternatives, ...u.related]) if (t.length >= 3 && !t.startsWith('~')) probes.add(t.toLowerCase());
  return [...probes];
}

function relevance(set: { has(term: string): boolean }, units: readonly WeightedUnit[]): number {
  let sum = 0;
  for (const u of units) if (set.has(u.term) || hasAny(set, u.alternatives) || hasAny(set, u.concepts) || hasAny(set, u.related)) sum += u.weight;
  return sum;
}

function hasAny(set: { has(term: string): boolean }, terms: readonly string[]): boolean {
  for (let i = 0; i < terms.length; i++) if (set.has(terms[i]!)) return true;
  return false;
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let inter = 0;
  for (const x of a) if (b.has(x)) inter += 1;
  const union = a.size + b.size - inter;
  return union === 0 ? 0 : inter / union;
}
