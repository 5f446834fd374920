import { readFileSync } from 'node:fs';
import { create, insertMultiple, search, type Tokenizer } from '@orama/orama';
import { describe, expect, it } from 'vitest';
import { parseQuestions } from '../../src/eval/score.ts';
import { loadCorpus } from '../../src/retrieval/corpus/load.ts';
import { buildPassageDatabase, CANDIDATES, DEFAULT_INDEX_TUNING, firstStage, loadPassageDatabase, savePassageDatabase } from '../../src/retrieval/index/database.ts';
import { splitSentences } from '../../src/retrieval/corpus/sentences.ts';
import { terms } from '../../src/retrieval/text/tokenizer.ts';

const QUESTION_FILES = ['tests/fixtures/questions.heldout.jsonl', 'tests/fixtures/questions.ru-kk.tune.jsonl'];

/**
 * The first stage is Orama's search over our components. Stock Orama (its own index and document store, with
 * the same tokenizer and settings) is the reference: the same candidates, the same scores, the same order.
 */
describe('first stage: Orama with our index component', () => {
  const documents = loadCorpus('corpus');
  const db = buildPassageDatabase(documents);
  const questions = QUESTION_FILES.flatMap((f) => parseQuestions(readFileSync(f, 'utf8')).map((q) => q.q));

  it('ranks exactly as Orama’s own index does with the same tokenizer and settings', () => {
    // The same documents as ours: each sentence with its context (neighbours, and whose words a quotation is).
    const passages: Array<{ id: string; text: string; context: string }> = [];
    for (let p = 0; p < db.passages.count; p++) passages.push({ id: String(p), text: db.passages.span(p).text, context: db.passages.neighbours(p) });
    const sentenceCount = documents.reduce((n, d) => n + splitSentences(d.body).length, 0);
    expect(sentenceCount).toBe(passages.length);
    // Orama's index matches query words as prefixes; a terminator makes each (already normalised) term match exactly.
    const tokenizer: Tokenizer = {
      language: 'english',
      normalizationCache: new Map(),
      tokenize: (raw, _language, prop) => {
        const list = terms(raw).map((t) => `${t.term}\u0003`);
        return prop === undefined ? [...new Set(list)] : list;
      },
    };
    const stock = create({ schema: { text: 'string', context: 'string' } as const, components: { tokenizer } });
    insertMultiple(stock, passages);
    expect(db.passages.count).toBe(passages.length);

    const { k, b, sentenceBoost } = DEFAULT_INDEX_TUNING;
    let compared = 0;
    for (const q of questions) {
      const reference = search(stock, { term: q, properties: ['text', 'context'], boost: { text: sentenceBoost, context: 1 }, relevance: { k, b, d: 0.5 }, threshold: 1, limit: CANDIDATES });
      if (reference instanceof Promise) throw new Error('unexpected async search');
      const expected = reference.hits.map((h) => ({ passage: Number(h.id), score: h.score }));
      const actual = firstStage(db, q, 'en');
      expect(actual.map((c) => c.passage), q).toEqual(expected.map((c) => c.passage));
      actual.forEach((c, i) => expect(c.score, q).toBeCloseTo(expected[i]!.score, 9));
      compared += actual.length;
    }
    expect(compared).toBeGreaterThan(questions.length * 5);
  });

  it('survives Orama’s save and load unchanged', () => {
    const restored = loadPassageDatabase(savePassageDatabase(db));
    for (const q of questions) expect(firstStage(restored, q, 'en'), q).toEqual(firstStage(db, q, 'en'));
    expect(restored.passages.count).toBe(db.passages.count);
  });

  it('hands Orama documents it can read back', () => {
    const result = search(db.orama, { term: 'polling stations abroad', limit: 3, includeVectors: true });
    if (result instanceof Promise) throw new Error('unexpected async search');
    expect(result.hits.length).toBe(3);
    const document = result.hits[0]!.document as unknown as { text: string; id: string };
    expect(document.text).toMatch(/precinct|polling/i);
    expect(result.hits[0]!.id).toBe(document.id);
  });
});
