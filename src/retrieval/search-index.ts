import { create, insertMultiple, search, type Orama, type Tokenizer } from '@orama/orama';
import { terms } from './tokenizer.ts';
import type { Passage } from './passages.ts';

/**
 * Orama matches every query token as a prefix ("elect" would match "electoral"). Our terms are already
 * stemmed and normalised, so a terminator makes each lookup exact and keeps the candidate set small.
 */
const TERMINATOR = '\u0003';

const schema = { text: 'string', context: 'string' } as const;
type PassageIndex = Orama<typeof schema>;

const exactTermTokenizer: Tokenizer = {
  language: 'english',
  normalizationCache: new Map(),
  tokenize(raw: string, _language?: string, prop?: string): string[] {
    const list = terms(raw).map((t) => t.term + TERMINATOR);
    return prop === undefined ? [...new Set(list)] : list;
  },
};

export interface SearchIndex {
  /** Candidate passages for a question, best BM25 first, as indexes into the passage list. */
  candidates(query: string, limit: number): Array<{ passage: number; score: number }>;
}

export interface IndexTuning {
  /** BM25 parameters (Orama's `relevance`). */
  k: number;
  b: number;
  /** How much more a match in the sentence counts than one in its neighbours. */
  sentenceBoost: number;
}

export const DEFAULT_INDEX_TUNING: IndexTuning = { k: 1.2, b: 0.5, sentenceBoost: 3 };

export function buildSearchIndex(passages: readonly Passage[], texts: (p: Passage) => { text: string; context: string }, tuning: IndexTuning = DEFAULT_INDEX_TUNING): SearchIndex {
  const db: PassageIndex = create({ schema, components: { tokenizer: exactTermTokenizer } });
  const docs = passages.map((p, i) => ({ id: String(i), ...texts(p) }));
  insertMultiple(db, docs, 1000);
  return {
    candidates(query, limit) {
      const result = search(db, {
        term: query,
        properties: ['text', 'context'],
        boost: { text: tuning.sentenceBoost, context: 1 },
        relevance: { k: tuning.k, b: tuning.b, d: 0.5 },
        threshold: 1,
        limit,
      });
      if (result instanceof Promise) throw new Error('Orama search unexpectedly returned a promise');
      return result.hits.map((hit) => ({ passage: Number(hit.id), score: hit.score }));
    },
  };
}
