import type { AnyIndexStore, AnyOrama, IIndex, SearchableType, TokenScore, Tokenizer } from '@orama/orama';
import { IntList, TermDictionary } from '../corpus/compact.ts';
import { accumulate, bestOf, buildFieldPostings, classWeights, postingClasses, type ClassWeights, type FieldPostings, type PostingClasses } from './bm25.ts';

/**
 * Orama's `index` component, with the project's typed-array BM25 (bm25.ts) behind Orama's `IIndex` contract.
 *
 * Orama's own index scores and sorts every passage that matches any query word, which is most of a query's time
 * and grows with the corpus (bench/RESULTS.md). This one scores the same way (Orama 3.1's BM25, the same
 * `boost` and `relevance`, the same numbers and tie order: tests/retrieval/search-index.test.ts) but hands Orama
 * only its best `candidates` hits, so Orama's own sort and document fetch stay tiny at any corpus size.
 *
 * Passages are inserted once, in order, then the index is sealed into posting arrays at the first search or
 * save; it holds static text (a corpus changes by restarting), so removing or inserting after sealing is refused.
 * Terms are numbered in a `TermDictionary` shared with the passage store (see passage-documents.ts).
 */
export interface Bm25IndexStore extends AnyIndexStore {
  properties: string[];
  dictionary: TermDictionary;
  /** Per slot (passage, in insertion order): its Orama internal id. */
  internalIds: IntList | Int32Array;
  /** Tokens per property while inserting; postings once sealed. */
  building: Map<string, { tokenStart: IntList; tokenId: IntList }> | null;
  fields: Map<string, FieldPostings>;
  candidates: number;
  /**
   * Scores by passage, made at the first search (search is synchronous; all zero between searches), and the hits
   * handed to Orama: the same array and pairs every search (Orama reads them before search returns and keeps none).
   */
  scratch?: { scores: Float64Array; hits: Array<[number, number]> };
  /** Per property, its postings' (count, length) classes, and their weights per BM25 setting: made at the first search. */
  classes: Map<string, PostingClasses>;
  weights: Map<string, ClassWeights>;
}

export interface Bm25IndexOptions {
  /** The dictionary terms are numbered in (shared with the passage store). */
  dictionary: () => TermDictionary;
  onLoad: (dictionary: TermDictionary) => void;
  /** How many hits a search hands to Orama (the re-ranker's candidates). */
  candidates: number;
}

interface SavedIndex {
  properties: string[];
  terms: string[];
  internalIds: Int32Array;
  fields: Record<string, FieldPostings>;
}

const unsupported = (what: string) => new Error(`the passage index does not support ${what}`);

export function createBm25Index(options: Bm25IndexOptions): IIndex<Bm25IndexStore> {
  return {
    create(_orama: AnyOrama, _ids: unknown, schema: Record<string, unknown>): Bm25IndexStore {
      const properties = Object.keys(schema);
      for (const p of properties) if (schema[p] !== 'string') throw unsupported(`a "${String(schema[p])}" property (${p})`);
      return {
        vectorIndexes: {},
        properties,
        dictionary: options.dictionary(),
        internalIds: new IntList(),
        building: new Map(properties.map((p) => [p, { tokenStart: new IntList(), tokenId: new IntList() }])),
        fields: new Map(),
        candidates: options.candidates,
        classes: new Map(),
        weights: new Map(),
      };
    },

    insert(_impl, index, prop, _id, internalId, value, _type, language, tokenizer) {
      const building = index.building?.get(prop);
      if (!building) throw unsupported('inserting after the first search');
      if (prop === index.properties[0]) (index.internalIds as IntList).push(internalId);
      building.tokenStart.push(building.tokenId.length);
      for (const term of tokenizer.tokenize(value as string, language, prop)) building.tokenId.push(index.dictionary.intern(term));
    },

    remove() {
      throw unsupported('removing documents');
    },
    insertDocumentScoreParameters() {},
    insertTokenScoreParameters() {},
    removeDocumentScoreParameters() {},
    removeTokenScoreParameters() {},
    calculateResultScores() {},

    search(store, term, tokenizer: Tokenizer, language, properties, _exact, _tolerance, boost, relevance, _docsCount, whereFiltersIDs): TokenScore[] {
      if (whereFiltersIDs) throw unsupported('where filters');
      const index = seal(store as Bm25IndexStore);
      const ids: number[] = [];
      for (const t of tokenizer.tokenize(term, language)) {
        const id = index.dictionary.id(t);
        if (id !== undefined && !ids.includes(id)) ids.push(id);
      }
      const slots = index.internalIds as Int32Array;
      const scratch = (index.scratch ??= { scores: new Float64Array(slots.length), hits: [] });
      const { k, b, d } = relevance;
      // Orama's order of summation: property by property, terms in query order.
      for (const prop of properties) {
        const field = index.fields.get(prop);
        if (!field) continue;
        const weights = weightsOf(index, prop, field, k, b, d);
        const classOf = index.classes.get(prop)!.classOf;
        const boostOfProperty = (boost as Record<string, number | undefined>)[prop] ?? 1;
        for (const t of ids) {
          const from = field.postingStart[t]!;
          const to = field.postingStart[t + 1]!;
          if (from === to) continue;
          const matching = field.occurrences[t]!;
          const idf = Math.log(1 + (slots.length - matching + 0.5) / (matching + 0.5));
          accumulate(field.postingPassage, classOf, weights, from, to, idf, boostOfProperty, scratch.scores);
        }
      }
      const hits = bestOf(scratch.scores, index.candidates, scratch.hits);
      for (const hit of hits) hit[0] = slots[hit[0]]!; // passage → Orama's internal id
      return hits;
    },

    searchByWhereClause() {
      throw unsupported('where filters');
    },
    getSearchableProperties: (index) => index.properties,
    getSearchablePropertiesWithTypes: (index) => Object.fromEntries(index.properties.map((p) => [p, 'string' as SearchableType])),

    save<R>(store: Bm25IndexStore): R {
      const index = seal(store);
      const saved: SavedIndex = { properties: index.properties, terms: index.dictionary.terms, internalIds: index.internalIds as Int32Array, fields: Object.fromEntries(index.fields) };
      return saved as R;
    },

    load<R>(_ids: unknown, raw: R): Bm25IndexStore {
      const saved = raw as SavedIndex;
      const dictionary = new TermDictionary(saved.terms);
      options.onLoad(dictionary);
      return {
        vectorIndexes: {},
        properties: saved.properties,
        dictionary,
        internalIds: saved.internalIds,
        building: null,
        fields: new Map(Object.entries(saved.fields)),
        candidates: options.candidates,
        classes: new Map(),
        weights: new Map(),
      };
    },
  };
}

/** A property's class weights for one BM25 setting (and its posting classes, once). */
function weightsOf(index: Bm25IndexStore, prop: string, field: FieldPostings, k: number, b: number, d: number): ClassWeights {
  const key = `${prop}\0${k}\0${b}\0${d}`;
  let weights = index.weights.get(key);
  if (!weights) {
    let classes = index.classes.get(prop);
    if (!classes) index.classes.set(prop, (classes = postingClasses(field)));
    index.weights.set(key, (weights = classWeights(classes, field.averageLength, k, b, d)));
  }
  return weights;
}

/** Turns the inserted token lists into posting arrays (once). */
function seal(index: Bm25IndexStore): Bm25IndexStore {
  if (!index.building) return index;
  for (const [prop, { tokenStart, tokenId }] of index.building) {
    tokenStart.push(tokenId.length);
    index.fields.set(prop, buildFieldPostings(index.dictionary.size, tokenStart.toArray(), tokenId.toArray()));
  }
  index.internalIds = (index.internalIds as IntList).toArray();
  index.building = null;
  return index;
}

/** The sealed postings of a property, for corpus statistics (how many passages hold a term). */
export function fieldPostings(store: Bm25IndexStore, prop: string): FieldPostings {
  const field = seal(store).fields.get(prop);
  if (!field) throw new Error(`no property "${prop}" in the passage index`);
  return field;
}
