import { buildPassageDatabase, DEFAULT_INDEX_TUNING, firstStagePassages, type IndexTuning, type PassageDatabase } from './index/database.ts';
import type { Lexicons } from './query/lexicon.ts';
import { createQuestionReader } from './query/readings.ts';
import { phraseKinds } from './index/phrases.ts';
import { buildVocabulary } from './query/spelling.ts';
import { acronymTable } from './query/acronyms.ts';
import type { Vocabulary } from './query/question.ts';
import { createAnswerBuilder } from './rank/answers.ts';
import { DEFAULT_RANKER_TUNING, type CorpusStats, type RankerTuning } from './rank/ranker.ts';
import { scoreReading, selectAnswers, type AnswerJudge } from './rank/select.ts';
import { isSmallTalk } from './query/small-talk.ts';
import { textLanguage } from './text/languages.ts';
import type { Answer, CorpusDocument, Retriever, SearchOptions, Source } from './types.ts';

export const MAX_ANSWERS = 50;

export interface RetrieverOptions {
  ranker?: Partial<RankerTuning>;
  index?: Partial<IndexTuning>;
  /** The bilingual lexicons Russian and Kazakh questions are read through (default: the shipped ones). */
  lexicons?: Lexicons;
  /** Decides whether a reading's best sentence answers (default: the calibrated model; calibration replaces it). */
  judge?: AnswerJudge;
}

/**
 * The pipeline, stage by stage: a question is read (query/), Orama's search finds candidate sentences (index/),
 * the re-ranker scores them and decides whether any answers (rank/), and the answers are cut into excerpts.
 */
export function createRetriever(documents: readonly CorpusDocument[], options: RetrieverOptions = {}) {
  return retrieverFromDatabase(buildPassageDatabase(documents), options);
}

/** A retriever over a passage database, built or loaded from a snapshot: the same database gives the same answers. */
export function retrieverFromDatabase(db: PassageDatabase, options: RetrieverOptions = {}) {
  const tuning: RankerTuning = { ...DEFAULT_RANKER_TUNING, ...options.ranker };
  const indexTuning: IndexTuning = { ...DEFAULT_INDEX_TUNING, ...options.index };
  const stats = corpusStats(db);
  // Made at the first question with a word the corpus lacks that could be initials (a pass over every sentence).
  let acronyms: Map<string, string> | undefined;
  const vocabulary: Vocabulary = {
    ...buildVocabulary(new Map(db.surfaceWords.map((w, i) => [w, db.surfaceCounts[i]!])), stats.documentFrequency),
    expandAcronym: (word) => (acronyms ??= acronymTable(sentenceTexts(db))).get(word.toLowerCase()) ?? null,
  };
  const sources: Source[] = db.documents.map(toSource);
  const documentLanguage = db.documents.map((d) => textLanguage(d.language));
  const read = createQuestionReader({ vocabulary, nativeLanguages: [...new Set(documentLanguage)].filter((l) => l !== 'en'), lexicons: options.lexicons, phraseKind: phraseKinds(db) });
  const rerank = { firstStage: (text: string, language: Parameters<typeof firstStagePassages>[2]) => firstStagePassages(db, text, language, indexTuning), passages: db.passages, stats, tuning };
  const buildAnswers = createAnswerBuilder({ passages: db.passages, sources, documentLanguage, tuning });

  function score(question: string) {
    if (isSmallTalk(question)) return { results: [], answers: [] };
    const reading = read(question);
    const results = reading.readings.flatMap((r) => scoreReading(r, rerank) ?? []);
    return { results, answers: selectAnswers(results, reading.language !== 'en', options.judge) };
  }

  const retriever: Retriever & { explain(question: string, top?: number): unknown } = {
    documents: sources,
    passageCount: db.passages.count,
    isSmallTalk,
    search(question: string, searchOptions: SearchOptions = {}): Answer[] {
      const limit = clamp(searchOptions.limit ?? 5, 0, MAX_ANSWERS);
      const offset = clamp(searchOptions.offset ?? 0, 0, MAX_ANSWERS);
      if (limit === 0 || typeof question !== 'string') return [];
      return buildAnswers(score(question).answers, Math.min(MAX_ANSWERS, offset + limit)).slice(offset, offset + limit);
    },
    /** For tuning and debugging: how a question was read and how the best sentences scored. */
    explain(question: string, top = 3) {
      return score(question).results.map((result) => ({
        language: result.analysed.language,
        searchText: result.analysed.searchText,
        type: result.analysed.type,
        units: result.units.map((u) => ({ term: u.term, surface: u.surface, unknown: u.unknown, alternatives: u.alternatives, concepts: u.concepts, similar: u.similar.map((s) => s.term), related: [...u.related, ...u.broader], weight: Math.round(u.weight * 100) / 100, generic: u.generic, focus: u.focus, corrected: u.corrected })),
        top: result.scored.slice(0, top).map((c) => ({ index: c.index, text: c.passage.sentence.text, score: c.score, coverage: c.coverage, specificMatch: c.specificMatch, fit: c.fit, missing: c.missing })),
      }));
    },
  };
  return retriever;
}

function toSource(d: Omit<CorpusDocument, 'body'>): Source {
  return { id: d.id, title: d.title, publisher: d.publisher, date: d.date, ...(d.url ? { url: d.url } : {}), language: d.language };
}

/** How common each term is among sentences: the sentence field's postings per term. */
function corpusStats(db: PassageDatabase): CorpusStats {
  const documentFrequency = new Map<string, number>();
  const { postingStart } = db.sentencePostings;
  db.dictionary.terms.forEach((term, t) => {
    const df = (postingStart[t + 1] ?? 0) - (postingStart[t] ?? 0);
    if (df > 0) documentFrequency.set(term, df);
  });
  let totalLength = 0;
  const lengths = db.passages.arrays.length;
  for (const n of lengths) totalLength += n;
  const passageCount = lengths.length;
  return { passageCount, averageLength: passageCount ? totalLength / passageCount : 1, documentFrequency, termId: (term) => db.dictionary.id(term) ?? -1 };
}

function clamp(n: number, lo: number, hi: number): number {
  return Number.isFinite(n) ? Math.min(hi, Math.max(lo, Math.floor(n))) : lo;
}

function* sentenceTexts(db: PassageDatabase): Iterable<string> {
  for (let p = 0; p < db.passages.count; p++) yield db.passages.span(p).text;
}
