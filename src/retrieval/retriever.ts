import { detached, TermDictionary, TextStore } from './corpus/compact.ts';
import { buildExcerpt } from './rank/excerpt.ts';
import { buildPassages, PassageStore, type PassageArrays, type TermLookup } from './corpus/passages.ts';
import type { SentenceSpan } from './corpus/sentences.ts';
import { holdsAnswerKind, KIND, untranslatedShare } from './rank/abstention.ts';
import { detectQuestionLanguage, lookupForms, textLanguage, type TextLanguage } from './text/languages.ts';
import { defaultLexicons, type Lexicons } from './query/lexicon.ts';
import { analyseQuestion, cleanQuestion, type AnalysedQuestion } from './query/question.ts';
import { translateQuestionParts } from './query/translate.ts';
import { transliterate } from './text/transliterate.ts';
import { DEFAULT_RANKER_TUNING, focusIsUnknown, scorePassage, weighUnits, type CorpusStats, type RankerTuning, type WeightedUnit } from './rank/ranker.ts';
import { buildFieldPostings, createSearchIndex, DEFAULT_INDEX_TUNING, type FieldPostings, type IndexTuning } from './index/bm25.ts';
import { terms, words } from './text/tokenizer.ts';
import type { Answer, CorpusDocument, Retriever, SearchOptions, Source } from './types.ts';
import { buildVocabulary } from './query/spelling.ts';

export const MAX_ANSWERS = 50;
/** Shorter Latin spellings match too many corpus words by accident. */
const MIN_TRANSLITERATED = 5;
const CANDIDATES = 64;

export interface RetrieverOptions {
  ranker?: Partial<RankerTuning>;
  index?: Partial<IndexTuning>;
  /** The bilingual lexicons Russian and Kazakh questions are read through (default: the shipped ones). */
  lexicons?: Lexicons;
}

/**
 * Everything the retriever builds from a corpus, as plain data (strings, numbers, typed arrays): what a
 * snapshot stores (see snapshot.ts). Tuning options are applied when a retriever is made from it.
 */
export interface RetrievalData {
  /** The documents without their bodies, which are in `bodies`: UTF-8, one after another (see PassageArrays' byte spans). */
  documents: Array<Omit<CorpusDocument, 'body'>>;
  bodies: Uint8Array;
  /** The term dictionary: term id → term. */
  terms: string[];
  passages: PassageArrays;
  /** The index's two fields: the sentence, and its neighbours in the same paragraph. */
  text: FieldPostings;
  context: FieldPostings;
  /** The spelling vocabulary: corpus words and their counts, in corpus order. */
  surfaceWords: string[];
  surfaceCounts: Int32Array;
}

/** Splits, tokenizes and indexes a validated corpus (each sentence is tokenized once). */
export function buildRetrievalData(documents: readonly CorpusDocument[]): RetrievalData {
  const dictionary = new TermDictionary();
  const built = buildPassages(documents, dictionary);
  return {
    documents: documents.map(withoutBody),
    bodies: TextStore.fromTexts(documents.map((d) => d.body)).store.bytes,
    terms: dictionary.terms,
    passages: built.arrays,
    text: buildFieldPostings(dictionary.size, built.arrays.termStart, built.arrays.termId),
    context: buildFieldPostings(dictionary.size, built.contextStart, built.contextTerm),
    surfaceWords: [...built.surfaces.keys()],
    surfaceCounts: Int32Array.from(built.surfaces.values()),
  };
}

/** Builds the in-memory index over a validated corpus and returns the `search` interface everything else uses. */
export function createRetriever(documents: readonly CorpusDocument[], options: RetrieverOptions = {}) {
  return retrieverFromData(buildRetrievalData(documents), options);
}

/** A retriever over data built by `buildRetrievalData` (or loaded from a snapshot of it): same data, same answers. */
export function retrieverFromData(data: RetrievalData, options: RetrieverOptions = {}) {
  const tuning: RankerTuning = { ...DEFAULT_RANKER_TUNING, ...options.ranker };
  const dictionary = new TermDictionary(data.terms);
  const store = new PassageStore(new TextStore(data.bodies), dictionary, data.passages);
  const stats = corpusStats(data, dictionary);
  const vocabulary = buildVocabulary(new Map(data.surfaceWords.map((w, i) => [w, data.surfaceCounts[i]!])), stats.documentFrequency);
  const index = createSearchIndex(dictionary, data, { ...DEFAULT_INDEX_TUNING, ...options.index });
  const sources: Source[] = data.documents.map(toSource);
  const { document: documentOf, documentStart } = data.passages;

  /** The languages other than English that documents are written in (questions in them are also read as written). */
  const nativeLanguages: string[] = [...new Set(data.documents.map((d) => textLanguage(d.language)))].filter((l) => l !== 'en');
  const documentLanguage = data.documents.map((d) => textLanguage(d.language));
  // Read at the first Russian or Kazakh question: an English-only workload never pays for them (~10 MB, ~60 ms).
  let lexicons = options.lexicons;

  /**
   * The ways a question is read: English as it is; a Russian or Kazakh question through the lexicon into English
   * (for the English documents) and, when there are Russian or Kazakh documents, also as written.
   */
  function readings(question: string): { language: TextLanguage; readings: Array<{ analysed: AnalysedQuestion; text: string }> } {
    const cleaned = cleanQuestion(question);
    const language = detectQuestionLanguage(cleaned);
    if (language === 'en') return { language, readings: [{ analysed: analyseQuestion(cleaned, vocabulary), text: cleaned }] };
    const { text: translated, groups } = translateQuestionParts(cleaned, language, (lexicons ??= defaultLexicons()), { resolve: (word) => corpusWordFor(word, language) });
    const english = { analysed: analyseQuestion(translated, vocabulary, { groups }), text: translated };
    if (!nativeLanguages.includes(language)) return { language, readings: [english] };
    return { language, readings: [english, { analysed: analyseQuestion(cleaned, vocabulary, { language, type: english.analysed.type }), text: cleaned }] };
  }

  /**
   * A corpus word for a Russian or Kazakh word the lexicons do not know: names and international words are often
   * the same word in Latin letters ("Сулеймена" → "suleimen", "парламент" → "parliament"). The word and then its
   * stems are transliterated and matched like a misspelling.
   */
  function corpusWordFor(word: string, language: 'ru' | 'kk'): string | undefined {
    for (const form of lookupForms(word, language)) {
      const latin = transliterate(form);
      if (latin.length < MIN_TRANSLITERATED) break;
      const match = vocabulary.closestWord(latin);
      if (match) return match;
    }
    return undefined;
  }

  function scoreReading(analysed: AnalysedQuestion, text: string) {
    if (analysed.units.length === 0 || analysed.searchText.length === 0) return null;
    const units = weighUnits(analysed, stats, tuning);
    const surfaces = new Set(words(text, analysed.language).map((w) => w.surface.toLowerCase()));
    const scored = index
      .candidates(analysed.searchText, CANDIDATES, analysed.language)
      .map(({ passage: p }) => {
        const passage = store.passage(p);
        const s = scorePassage(passage, analysed, units, stats, tuning, surfaces);
        return { index: p, passage, score: s.score, coverage: s.coverage, specificMatch: s.specificMatch, fit: s.fit, units };
      })
      .sort((a, b) => b.score - a.score);
    return { analysed, units, scored };
  }

  /** Every reading's candidates, best first; a reading whose best sentence does not answer is dropped (abstention). */
  function score(question: string) {
    const read = readings(question);
    const results = read.readings.flatMap(({ analysed, text }) => scoreReading(analysed, text) ?? []);
    const translatedReading = read.language !== 'en';
    const answering = results.filter(({ analysed, units, scored }) => {
      const best = scored[0];
      // A translated question loses some words the lexicon does not know, so its coverage is read a little more leniently.
      const minCoverage = (focusIsUnknown(units) ? tuning.minCoverageUnknownFocus : tuning.minCoverage) * (translatedReading ? tuning.translatedCoverage : 1);
      if (best === undefined || best.coverage < minCoverage || !best.specificMatch) return false;
      // Half of it left untranslated: the question is mostly about something the domain lexicons do not know.
      if (translatedReading && analysed.language === 'en' && untranslatedShare(units) >= tuning.maxUntranslatedShare) return false;
      if (!holdsAnswerKind(analysed.type, best)) {
        // A close runner-up that holds the kind of answer asked for goes first; with none, only a sentence that
        // matches nearly all of the question is trusted.
        const at = scored.findIndex(
          (c, i) => i > 0 && i < 5 && c.score >= best.score * KIND.runnerUpScore && c.specificMatch && c.coverage >= Math.max(minCoverage, best.coverage * KIND.runnerUpCoverage) && holdsAnswerKind(analysed.type, c),
        );
        if (at > 0) scored.unshift(...scored.splice(at, 1));
        else if (best.coverage < KIND.trustedCoverage) return false;
      }
      return true;
    });
    if (answering.length <= 1) return { results, scored: answering[0]?.scored ?? [] };
    // Scores add up question-word weights, so readings are compared per unit of their own question's weight.
    const merged = answering.flatMap(({ units, scored }) => {
      const total = units.reduce((sum, u) => sum + u.weight, 0) || 1;
      return scored.map((c) => ({ ...c, score: c.score / total }));
    });
    return { results, scored: merged.sort((a, b) => b.score - a.score) };
  }

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
      if (sentences[q - first]?.text === text) return asSet ? store.termSetOf(q) : store.passage(q).termSet;
    }
    let set = clauseTerms.get(text);
    if (!set) {
      set = new Set(terms(text, documentLanguage[documentOf[p]!]).map((t) => t.term));
      if (clauseTerms.size >= 4096) clauseTerms.clear();
      clauseTerms.set(text, set);
    }
    return set;
  }

  /** The first `needed` answers: each later answer only depends on the ones before it, so stopping early changes nothing. */
  function rank(question: string, needed: number): Answer[] {
    const { scored } = score(question);
    const answers: Answer[] = [];
    const taken: Array<{ documentIndex: number; start: number; end: number; terms: ReadonlySet<string> }> = [];
    for (const candidate of scored) {
      if (answers.length >= needed) break;
      if (!candidate.specificMatch || candidate.coverage < tuning.minCoverage * 0.6) continue;
      const { documentIndex, sentenceIndex } = candidate.passage;
      const region = store.region(candidate.index);
      const { units } = candidate;
      const excerpt = buildExcerpt(region.text, region.sentences, sentenceIndex, (text) => relevance(termsNear(text, candidate.index, region.sentences, false), units));
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
        source: sources[documentIndex]!,
        score: Math.round(candidate.score * 1000) / 1000,
      });
    }
    return answers;
  }

  return {
    /** For tuning and debugging: how a question was read and how the best sentences scored. */
    explain(question: string) {
      return score(question).results.map((result) => ({
        language: result.analysed.language,
        searchText: result.analysed.searchText,
        type: result.analysed.type,
        units: result.units.map((u) => ({ term: u.term, alternatives: u.alternatives, concepts: u.concepts, weight: Math.round(u.weight * 100) / 100, generic: u.generic, focus: u.focus, corrected: u.corrected })),
        top: result.scored.slice(0, 3).map((c) => ({ text: c.passage.sentence.text, score: c.score, coverage: c.coverage, specificMatch: c.specificMatch })),
      }));
    },
    documents: sources,
    passageCount: store.count,
    search(question: string, searchOptions: SearchOptions = {}): Answer[] {
      const limit = clamp(searchOptions.limit ?? 5, 0, MAX_ANSWERS);
      const offset = clamp(searchOptions.offset ?? 0, 0, MAX_ANSWERS);
      if (limit === 0 || typeof question !== 'string') return [];
      return rank(question, Math.min(MAX_ANSWERS, offset + limit)).slice(offset, offset + limit);
    },
  };
}

/** A document's fields but its body, as copies: YAML front-matter values are slices of the whole file, body included. */
function withoutBody({ body: _body, ...fields }: CorpusDocument): Omit<CorpusDocument, 'body'> {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, typeof v === 'string' ? detached(v) : v])) as Omit<CorpusDocument, 'body'>;
}

function toSource(d: Omit<CorpusDocument, 'body'>): Source {
  return { id: d.id, title: d.title, publisher: d.publisher, date: d.date, ...(d.url ? { url: d.url } : {}), language: d.language };
}

/** How common each term is among sentences: the sentence field's postings per term. */
function corpusStats(data: RetrievalData, dictionary: TermDictionary): CorpusStats {
  const documentFrequency = new Map<string, number>();
  const { postingStart } = data.text;
  data.terms.forEach((term, t) => {
    const df = postingStart[t + 1]! - postingStart[t]!;
    if (df > 0) documentFrequency.set(term, df);
  });
  let totalLength = 0;
  for (const n of data.passages.length) totalLength += n;
  const passageCount = data.passages.length.length;
  return { passageCount, averageLength: passageCount ? totalLength / passageCount : 1, documentFrequency, termId: (term) => dictionary.id(term) ?? -1 };
}

function relevance(set: { has(term: string): boolean }, units: readonly WeightedUnit[]): number {
  let sum = 0;
  for (const u of units) if (set.has(u.term) || hasAny(set, u.alternatives) || hasAny(set, u.concepts)) sum += u.weight;
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

function clamp(n: number, lo: number, hi: number): number {
  return Number.isFinite(n) ? Math.min(hi, Math.max(lo, Math.floor(n))) : lo;
}
