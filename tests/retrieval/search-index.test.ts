import { readFileSync } from 'node:fs';
import { create, insertMultiple, search, type Tokenizer } from '@orama/orama';
import { describe, expect, it } from 'vitest';
import { parseQuestions } from '../../src/eval/score.ts';
import { TermDictionary } from '../../src/retrieval/corpus/compact.ts';
import { loadCorpus } from '../../src/retrieval/corpus/load.ts';
import { buildRetrievalData } from '../../src/retrieval/retriever.ts';
import { createSearchIndex, DEFAULT_INDEX_TUNING } from '../../src/retrieval/index/bm25.ts';
import { splitSentences } from '../../src/retrieval/corpus/sentences.ts';
import { terms } from '../../src/retrieval/text/tokenizer.ts';

/**
 * The first stage reproduces Orama 3.1's full-text search (BM25 over the sentence and its neighbours, with our
 * tokenizer) without its per-query costs. Orama is the reference: same candidates, same scores, same order.
 */
describe('first-stage index', () => {
  it('ranks exactly as Orama does with the same tokenizer and settings', () => {
    const documents = loadCorpus('corpus');
    const passages: Array<{ id: string; text: string; context: string }> = [];
    for (const d of documents) {
      const sentences = splitSentences(d.body);
      sentences.forEach((s, i) => {
        const neighbours = [sentences[i - 1], sentences[i + 1]].filter((n) => n !== undefined && n.paragraph === s.paragraph).map((n) => n!.text);
        passages.push({ id: String(passages.length), text: s.text, context: neighbours.join(' ') });
      });
    }
    // Orama matches query words as prefixes; a terminator makes each (already normalised) term match exactly.
    const tokenizer: Tokenizer = {
      language: 'english',
      normalizationCache: new Map(),
      tokenize: (raw, _language, prop) => {
        const list = terms(raw).map((t) => `${t.term}\u0003`);
        return prop === undefined ? [...new Set(list)] : list;
      },
    };
    const orama = create({ schema: { text: 'string', context: 'string' } as const, components: { tokenizer } });
    insertMultiple(orama, passages);

    const data = buildRetrievalData(documents);
    expect(data.text.fieldLength.length).toBe(passages.length);
    const ours = createSearchIndex(new TermDictionary(data.terms), data);
    const { k, b, sentenceBoost } = DEFAULT_INDEX_TUNING;
    const questions = ['tests/fixtures/questions.heldout.jsonl', 'tests/fixtures/questions.ru-kk.tune.jsonl'].flatMap((f) => parseQuestions(readFileSync(f, 'utf8')).map((q) => q.q));
    for (const q of questions) {
      const reference = search(orama, { term: q, properties: ['text', 'context'], boost: { text: sentenceBoost, context: 1 }, relevance: { k, b, d: 0.5 }, threshold: 1, limit: 64 });
      if (reference instanceof Promise) throw new Error('unexpected async search');
      const expected = reference.hits.map((h) => ({ passage: Number(h.id), score: h.score }));
      const actual = ours.candidates(q, 64);
      expect(actual.map((c) => c.passage), q).toEqual(expected.map((c) => c.passage));
      actual.forEach((c, i) => expect(c.score, q).toBeCloseTo(expected[i]!.score, 9));
    }
  });
});
