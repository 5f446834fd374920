import type { AnyDocumentStore, AnyOrama, IDocumentsStore } from '@orama/orama';

type DocumentID = string | number;
type InternalDocumentID = number;
import { TextStore, type TermDictionary } from '../corpus/compact.ts';
import { PassageStore, type PassageArrays } from '../corpus/passages.ts';
import type { CorpusDocument } from '../types.ts';

/** What a corpus is made into before its passages are inserted: the compact passage arrays and the spelling vocabulary. */
export interface CorpusData {
  /** The documents without their bodies (which are `bodies`: UTF-8, one after another). */
  documents: Array<Omit<CorpusDocument, 'body'>>;
  bodies: Uint8Array;
  passages: PassageArrays;
  /** Corpus words and how often each occurs, in corpus order (the spelling vocabulary). */
  surfaceWords: string[];
  surfaceCounts: Int32Array;
}

/**
 * Orama's `documentsStore` component, holding passages in compact form: every document body once as UTF-8 and
 * each passage as numbers in typed arrays (corpus/passages.ts), instead of an object with its own strings per
 * passage. 100k passages take tens of MB instead of hundreds, and a snapshot is a few typed arrays.
 *
 * The corpus is attached (`attachCorpus`) before its passages are inserted, each with its position as id;
 * `store` records Orama's internal id for it, and `get` returns a light view whose texts are decoded on demand.
 */
export interface PassageDocuments extends AnyDocumentStore {
  corpus: CorpusData | null;
  passages: PassageStore | null;
  /** Orama internal id → passage (-1: none). */
  passageOf: number[] | Int32Array;
  count: number;
}

export interface PassageDocumentsOptions {
  dictionary: () => TermDictionary;
}

/**
 * A passage as an Orama document: its id and position in the corpus as fields, its texts decoded when read
 * (getters: hits are made for every search, and most are never read). Orama copies a hit's document only to
 * blank out vectors; search with `includeVectors: true` (there are none) to keep the texts readable.
 */
export class PassageDocument {
  readonly id: string;

  constructor(
    private readonly store: PassageStore,
    readonly passage: number,
  ) {
    this.id = String(passage);
  }

  get text(): string {
    return this.store.span(this.passage).text;
  }

  get context(): string {
    return this.store.neighbours(this.passage);
  }
}

function passageDocument(store: PassageStore, passage: number): PassageDocument {
  return new PassageDocument(store, passage);
}

interface SavedDocuments {
  corpus: CorpusData;
  passageOf: Int32Array;
  count: number;
}

export function createPassageDocuments(options: PassageDocumentsOptions): IDocumentsStore<PassageDocuments> {
  const get = (store: PassageDocuments, id: DocumentID) => {
    const p = typeof id === 'number' ? (store.passageOf[id] ?? -1) : -1;
    return p >= 0 && store.passages ? passageDocument(store.passages, p) : undefined;
  };
  return {
    create: (_orama: AnyOrama) => ({ docs: {}, corpus: null, passages: null, passageOf: [-1], count: 0 }),

    store(store, id, internalId, _doc) {
      const p = Number(id);
      if (!store.corpus || !Number.isInteger(p) || p < 0 || p >= store.corpus.passages.document.length) throw new Error(`passage ${String(id)} is not in the attached corpus`);
      const list = store.passageOf;
      if (list instanceof Int32Array) throw new Error('the passage store does not take documents after it was searched or saved');
      if ((list[internalId] ?? -1) >= 0) return false;
      while (list.length < internalId) list.push(-1);
      list[internalId] = p;
      store.count += 1;
      return true;
    },

    get: (store, id) => get(sealed(store), id),
    getMultiple: (store, ids) => ids.map((id) => get(sealed(store), id)),
    getAll(store) {
      const all: Record<InternalDocumentID, PassageDocument> = {};
      const s = sealed(store);
      (s.passageOf as Int32Array).forEach((p, internalId) => {
        if (p >= 0 && s.passages) all[internalId] = passageDocument(s.passages, p);
      });
      return all;
    },
    remove() {
      throw new Error('the passage store does not support removing documents');
    },
    count: (store) => store.count,

    save<R>(store: PassageDocuments): R {
      const s = sealed(store);
      if (!s.corpus) throw new Error('no corpus attached');
      const saved: SavedDocuments = { corpus: s.corpus, passageOf: s.passageOf as Int32Array, count: s.count };
      return saved as R;
    },

    load<R>(_ids: unknown, raw: R): PassageDocuments {
      const saved = raw as SavedDocuments;
      const store: PassageDocuments = { docs: {}, corpus: saved.corpus, passages: null, passageOf: saved.passageOf, count: saved.count };
      store.passages = new PassageStore(new TextStore(saved.corpus.bodies), options.dictionary(), saved.corpus.passages);
      return store;
    },
  };
}

/** Gives an empty passage store the corpus whose passages are about to be inserted. */
export function attachCorpus(store: PassageDocuments, corpus: CorpusData, dictionary: TermDictionary): void {
  if (store.corpus) throw new Error('a corpus is attached already');
  store.corpus = corpus;
  store.passages = new PassageStore(new TextStore(corpus.bodies), dictionary, corpus.passages);
}

function sealed(store: PassageDocuments): PassageDocuments {
  if (!(store.passageOf instanceof Int32Array)) store.passageOf = Int32Array.from(store.passageOf);
  return store;
}
