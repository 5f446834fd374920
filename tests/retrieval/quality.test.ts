import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { judge, parseQuestions, summarise, type EvalSummary } from '../../src/eval/score.ts';
import { loadCorpus } from '../../src/retrieval/corpus/load.ts';
import { createRetriever } from '../../src/retrieval/retriever.ts';
import type { Retriever } from '../../src/retrieval/types.ts';

/**
 * Regression bars on the question sets in tests/fixtures (written from the corpus alone, by people who never
 * saw the ranker or the lexicons). tune: the ranker and the abstention model were fitted on it; held-out:
 * checked, never fitted; final: measured once, not here (see the closing notes). The bars sit a few questions
 * below what the sets score now, so a change that costs answers fails.
 */
let retriever: Retriever;
beforeAll(() => {
  retriever = createRetriever(loadCorpus('corpus'));
});

function evaluate(file: string): EvalSummary {
  const questions = parseQuestions(readFileSync(file, 'utf8'));
  return summarise(questions.map((q) => judge(q, retriever.search(q.q, { limit: 5 }).map((a) => a.excerpt))));
}

const describeMisses = (s: EvalSummary) => s.misses.map((m) => `${m.question.id} ${m.question.q} → ${m.excerpts[0]?.slice(0, 80) ?? '(nothing)'}`).join('\n');

const BARS: Record<string, { hit1: number; hit3: number; refused: number }> = {
  'tests/fixtures/questions.en.tune.jsonl': { hit1: 0.77, hit3: 0.86, refused: 0.9 },
  'tests/fixtures/questions.en.tune3.jsonl': { hit1: 0.86, hit3: 0.9, refused: 0.88 },
  'tests/fixtures/questions.en.heldout.jsonl': { hit1: 0.79, hit3: 0.93, refused: 0.92 },
  'tests/fixtures/questions.ru-kk.v2.tune.jsonl': { hit1: 0.84, hit3: 0.93, refused: 0.96 },
  'tests/fixtures/questions.ru-kk.v2.heldout.jsonl': { hit1: 0.77, hit3: 0.86, refused: 0.94 },
};

describe('retrieval quality', () => {
  for (const [file, bar] of Object.entries(BARS)) {
    it(`holds its bar on ${file}`, () => {
      const s = evaluate(file);
      expect(s.answerable, file).toBeGreaterThan(40);
      expect(s.hitAt1, describeMisses(s)).toBeGreaterThanOrEqual(bar.hit1);
      expect(s.hitAt3, describeMisses(s)).toBeGreaterThanOrEqual(bar.hit3);
      expect(s.abstentionRate, describeMisses(s)).toBeGreaterThanOrEqual(bar.refused);
    });
  }

  it('refuses every far off-topic question and all small talk', () => {
    for (const file of Object.keys(BARS)) {
      const questions = parseQuestions(readFileSync(file, 'utf8')).filter((q) => q.kind === 'far-oos' || q.kind === 'smalltalk');
      const answered = questions.filter((q) => retriever.search(q.q).length > 0).map((q) => q.q);
      expect(answered.length, answered.join('\n')).toBeLessThanOrEqual(Math.floor(questions.length * 0.1));
    }
  });

  it('every excerpt is whole sentences of its document and at most 400 characters', () => {
    const docs = new Map(loadCorpus('corpus').map((d) => [d.id, d.body.replace(/\s+/g, ' ')]));
    for (const file of Object.keys(BARS)) {
      for (const q of parseQuestions(readFileSync(file, 'utf8'))) {
        for (const a of retriever.search(q.q, { limit: 5 })) {
          expect(a.excerpt.length).toBeLessThanOrEqual(400);
          expect(docs.get(a.source.id)).toContain(a.excerpt.replace(/\s+/g, ' '));
        }
      }
    }
  });
});
