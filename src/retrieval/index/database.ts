import { create, insertMultiple, load, save, search, type AnyOrama, type RawData } from '@orama/orama';
import { detached, TermDictionary, TextStore } from '../corpus/compact.ts';
import { buildPassages, type PassageStore } from '../corpus/passages.ts';
import { textLanguage, type TextLanguage } from '../text/languages.ts';
import type { CorpusDocument } from '../types.ts';
import { createBm25Index, fieldPostings, type Bm25IndexStore } from './bm25-component.ts';
import type { FieldPostings } from './bm25.ts';
import { attachCorpus, createPassageDocuments, type CorpusData, type PassageDocument, type PassageDocuments } from './passage-documents.ts';
import { createTokenizerComponent, oramaLanguage } from './tokenizer-component.ts';

/** Each sentence is a passage; its neighbours in the paragraph are a second, weaker field. */
export const PASSAGE_SCHEMA = { text: 'string', context: 'string' } as const;

export interface IndexTuning {
  /** BM25 parameters (Orama's `relevance`). */
  k: number;
  b: number;
  /** How much more a match in the sentence counts than one in its neighbours (Orama's `boost`). */
  sentenceBoost: number;
}

export const DEFAULT_INDEX_TUNING: IndexTuning = { k: 1.2, b: 0.5, sentenceBoost: 3 };
/** How many passages the first stage hands to the re-ranker. */
export const CANDIDATES = 32;

/** The Orama database of a corpus's passages, and the parts of it that ranking reads directly. */
export interface PassageDatabase {
  orama: AnyOrama;
  passages: PassageStore;
  documents: CorpusData['documents'];
  /** The sentence field's postings: how many passages hold each term (corpus statistics for ranking). */
  sentencePostings: FieldPostings;
  dictionary: TermDictionary;
  surfaceWords: string[];
  surfaceCounts: Int32Array;
}

/**
 * A new Orama database with the project's components: its tokenizer, its BM25 index (the best candidates only)
 * and its compact passage store. The dictionary is shared by the index and the store, and replaced on `load`.
 */
function createDatabase(): AnyOrama {
  let dictionary = new TermDictionary();
  return create({
    schema: PASSAGE_SCHEMA,
    sort: { enabled: false },
    components: {
      tokenizer: createTokenizerComponent(),
      index: createBm25Index({ candidates: CANDIDATES, dictionary: () => dictionary, onLoad: (loaded) => (dictionary = loaded) }),
      documentsStore: createPassageDocuments({ dictionary: () => dictionary }),
      // Orama formats every search's elapsed time as text (BigInt arithmetic and a string); nothing reads it.
      formatElapsedTime: (nanoseconds: bigint) => ({ raw: Number(nanoseconds), formatted: '' }),
    },
  }) as AnyOrama;
}

/** Splits and tokenizes a validated corpus and inserts every sentence into a new Orama database. */
export function buildPassageDatabase(documents: readonly CorpusDocument[]): PassageDatabase {
  const orama = createDatabase();
  const dictionary = (orama.data.index as Bm25IndexStore).dictionary;
  const built = buildPassages(documents, dictionary);
  const corpus: CorpusData = {
    documents: documents.map(withoutBody),
    bodies: TextStore.fromTexts(documents.map((d) => d.body)).store.bytes,
    passages: built.arrays,
    surfaceWords: [...built.surfaces.keys()],
    surfaceCounts: Int32Array.from(built.surfaces.values()),
  };
  const store = orama.data.docs as PassageDocuments;
  attachCorpus(store, corpus, dictionary);
  const passages = store.passages!;
  // Documents in one language at a time: Orama hands the language to the tokenizer.
  const { documentStart } = corpus.passages;
  for (let d = 0; d < documents.length; ) {
    const language = textLanguage(documents[d]!.language);
    let end = d + 1;
    while (end < documents.length && textLanguage(documents[end]!.language) === language) end += 1;
    const batch: Array<{ id: string; text: string; context: string }> = [];
    for (let p = documentStart[d]!; p < documentStart[end]!; p++) batch.push({ id: String(p), text: passages.span(p).text, context: passages.neighbours(p) });
    insertMultiple(orama, batch, 1000, oramaLanguage(language));
    d = end;
  }
  return describe(orama);
}

/** Orama's own snapshot of the database (`save`): plain data and typed arrays (see snapshot.ts for the file). */
export function savePassageDatabase(db: PassageDatabase): RawData {
  return save(db.orama);
}

/** A database restored from `savePassageDatabase`'s data with Orama's `load`: the same answers as the one saved. */
export function loadPassageDatabase(raw: RawData): PassageDatabase {
  const orama = createDatabase();
  load(orama, raw);
  return describe(orama);
}

/**
 * The first stage: Orama's full-text search over the sentence and its neighbours. Our index component hands
 * Orama only its best CANDIDATES hits, already scored with Orama's BM25. (`includeVectors`: there are none, and
 * without it Orama copies every hit's document to blank them out.)
 */
export function firstStage(db: PassageDatabase, query: string, language: TextLanguage, tuning: IndexTuning = DEFAULT_INDEX_TUNING): Array<{ passage: number; score: number }> {
  return searchHits(db, query, language, tuning).map((hit) => ({ passage: (hit.document as unknown as PassageDocument).passage, score: hit.score }));
}

/** The first stage's candidates as passage numbers, best first: what the re-ranker reads (no object per hit). */
export function firstStagePassages(db: PassageDatabase, query: string, language: TextLanguage, tuning: IndexTuning = DEFAULT_INDEX_TUNING): number[] {
  const hits = searchHits(db, query, language, tuning);
  const passages: number[] = [];
  for (const hit of hits) passages.push((hit.document as unknown as PassageDocument).passage);
  return passages;
}

function searchHits(db: PassageDatabase, query: string, language: TextLanguage, tuning: IndexTuning) {
  const result = search(
    db.orama,
    { term: query, properties: ['text', 'context'], boost: { text: tuning.sentenceBoost, context: 1 }, relevance: { k: tuning.k, b: tuning.b, d: 0.5 }, limit: CANDIDATES, includeVectors: true },
    oramaLanguage(language),
  );
  if (result instanceof Promise) throw new Error('the passage database searches synchronously');
  return result.hits;
}

function describe(orama: AnyOrama): PassageDatabase {
  const store = orama.data.docs as PassageDocuments;
  const index = orama.data.index as Bm25IndexStore;
  if (!store.corpus || !store.passages) throw new Error('the passage database has no corpus');
  return {
    orama,
    passages: store.passages,
    documents: store.corpus.documents,
    sentencePostings: fieldPostings(index, 'text'),
    dictionary: index.dictionary,
    surfaceWords: store.corpus.surfaceWords,
    surfaceCounts: store.corpus.surfaceCounts,
  };
}

/** A document's fields but its body, as copies: YAML front-matter values are slices of the whole file, body included. */
function withoutBody({ body: _body, ...fields }: CorpusDocument): Omit<CorpusDocument, 'body'> {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, typeof v === 'string' ? detached(v) : v])) as Omit<CorpusDocument, 'body'>;
}
