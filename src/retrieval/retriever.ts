import { buildExcerpt } from './excerpt.ts';
import { buildPassages, type Passage } from './passages.ts';
import { analyseQuestion } from './question.ts';
import { DEFAULT_RANKER_TUNING, focusIsUnknown, scorePassage, weighUnits, type CorpusStats, type RankerTuning, type WeightedUnit } from './ranker.ts';
import { buildSearchIndex, DEFAULT_INDEX_TUNING, type IndexTuning } from './search-index.ts';
import { terms, words } from './tokenizer.ts';
import type { Answer, CorpusDocument, Retriever, SearchOptions, Source } from './types.ts';
import { buildVocabulary } from './vocabulary.ts';

export const MAX_ANSWERS = 50;
const CANDIDATES = 64;

export interface RetrieverOptions {
  ranker?: Partial<RankerTuning>;
  index?: Partial<IndexTuning>;
}

/** Builds the in-memory index over a validated corpus and returns the `search` interface everything else uses. */
export function createRetriever(documents: readonly CorpusDocument[], options: RetrieverOptions = {}) {
  const tuning: RankerTuning = { ...DEFAULT_RANKER_TUNING, ...options.ranker };
  const { passages, sentencesByDocument } = buildPassages(documents);
  const stats = corpusStats(passages);
  const vocabulary = buildVocabulary(passages.map((p) => p.sentence.text), stats.documentFrequency);
  const index = buildSearchIndex(
    passages,
    (p) => ({ text: p.sentence.text, context: neighbourText(p) }),
    { ...DEFAULT_INDEX_TUNING, ...options.index },
  );
  const sources: Source[] = documents.map(toSource);

  function neighbourText(p: Passage): string {
    const sentences = sentencesByDocument[p.documentIndex]!.sentences;
    return [sentences[p.sentenceIndex - 1], sentences[p.sentenceIndex + 1]]
      .filter((s) => s !== undefined && s.paragraph === p.sentence.paragraph)
      .map((s) => s!.text)
      .join(' ');
  }

  function score(question: string) {
    const analysed = analyseQuestion(question, vocabulary);
    if (analysed.units.length === 0 || analysed.searchText.length === 0) return null;
    const units = weighUnits(analysed, stats, tuning);
    const surfaces = new Set(words(question).map((w) => w.surface.toLowerCase()));
    const scored = index
      .candidates(analysed.searchText, CANDIDATES)
      .map(({ passage }) => ({ passage: passages[passage]!, ...scorePassage(passages[passage]!, analysed, units, stats, tuning, surfaces) }))
      .sort((a, b) => b.score - a.score);
    return { analysed, units, scored };
  }

  function rank(question: string): Answer[] {
    const result = score(question);
    if (!result) return [];
    const { units, scored } = result;
    const best = scored[0];
    const minCoverage = focusIsUnknown(units) ? tuning.minCoverageUnknownFocus : tuning.minCoverage;
    if (!best || best.coverage < minCoverage || !best.specificMatch) return [];

    const answers: Answer[] = [];
    const taken: Array<{ documentIndex: number; start: number; end: number; terms: Set<string> }> = [];
    for (const candidate of scored) {
      if (answers.length >= MAX_ANSWERS) break;
      if (!candidate.specificMatch || candidate.coverage < tuning.minCoverage * 0.6) continue;
      const { document, sentences } = sentencesByDocument[candidate.passage.documentIndex]!;
      const excerpt = buildExcerpt(document.body, sentences, candidate.passage.sentenceIndex, (text) => relevance(text, units));
      const excerptTerms = new Set(terms(excerpt.text).map((t) => t.term));
      const duplicate = taken.some(
        (t) => (t.documentIndex === candidate.passage.documentIndex && excerpt.start < t.end && t.start < excerpt.end) || jaccard(t.terms, excerptTerms) >= 0.8,
      );
      if (duplicate) continue;
      taken.push({ documentIndex: candidate.passage.documentIndex, start: excerpt.start, end: excerpt.end, terms: excerptTerms });
      answers.push({
        excerpt: excerpt.text,
        highlight: excerpt.highlight,
        source: sources[candidate.passage.documentIndex]!,
        score: Math.round(candidate.score * 1000) / 1000,
      });
    }
    return answers;
  }

  return {
    /** For tuning and debugging: how a question was read and how the best sentences scored. */
    explain(question: string) {
      const result = score(question);
      if (!result) return null;
      return {
        type: result.analysed.type,
        units: result.units.map((u) => ({ term: u.term, concepts: u.concepts, weight: Math.round(u.weight * 100) / 100, generic: u.generic, focus: u.focus, corrected: u.corrected })),
        top: result.scored.slice(0, 3).map((c) => ({ text: c.passage.sentence.text, score: c.score, coverage: c.coverage, specificMatch: c.specificMatch })),
      };
    },
    documents: sources,
    passageCount: passages.length,
    search(question: string, searchOptions: SearchOptions = {}): Answer[] {
      const limit = clamp(searchOptions.limit ?? 5, 0, MAX_ANSWERS);
      const offset = clamp(searchOptions.offset ?? 0, 0, MAX_ANSWERS);
      if (limit === 0 || typeof question !== 'string') return [];
      return rank(question).slice(offset, offset + limit);
    },
  };
}

function toSource(d: CorpusDocument): Source {
  return { id: d.id, title: d.title, publisher: d.publisher, date: d.date, ...(d.url ? { url: d.url } : {}) };
}

function corpusStats(passages: readonly Passage[]): CorpusStats {
  const documentFrequency = new Map<string, number>();
  let totalLength = 0;
  for (const p of passages) {
    totalLength += p.length;
    for (const term of p.termSet) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  }
  return { passageCount: passages.length, averageLength: passages.length ? totalLength / passages.length : 1, documentFrequency };
}

function relevance(text: string, units: readonly WeightedUnit[]): number {
  const set = new Set(terms(text).map((t) => t.term));
  let sum = 0;
  for (const u of units) if (set.has(u.term) || u.concepts.some((c) => set.has(c))) sum += u.weight;
  return sum;
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let inter = 0;
  for (const x of a) if (b.has(x)) inter += 1;
  const union = a.size + b.size - inter;
  return union === 0 ? 0 : inter / union;
}

function clamp(n: number, lo: number, hi: number): number {
  return Number.isFinite(n) ? Math.min(hi, Math.max(lo, Math.floor(n))) : lo;
}
