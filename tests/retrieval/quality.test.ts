import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { judge, parseQuestions, summarise, type EvalSummary } from '../../src/eval/score.ts';
import { loadCorpus } from '../../src/retrieval/corpus/load.ts';
import { createRetriever } from '../../src/retrieval/retriever.ts';
import type { Retriever } from '../../src/retrieval/types.ts';

let retriever: Retriever;
beforeAll(() => {
  retriever = createRetriever(loadCorpus('corpus'));
});

function evaluate(file: string): EvalSummary {
  const questions = parseQuestions(readFileSync(file, 'utf8'));
  return summarise(questions.map((q) => judge(q, retriever.search(q.q, { limit: 5 }).map((a) => a.excerpt))));
}

const describeMisses = (s: EvalSummary) => s.misses.map((m) => `${m.question.id} ${m.question.q} → ${m.excerpts[0]?.slice(0, 80) ?? '(nothing)'}`).join('\n');

describe('retrieval quality', () => {
  it('holds up on questions written independently of the ranker, in users’ own styles', () => {
    const s = evaluate('tests/fixtures/questions.heldout.jsonl');
    expect(s.hitAt1, describeMisses(s)).toBeGreaterThanOrEqual(0.8);
    expect(s.hitAt3, describeMisses(s)).toBeGreaterThanOrEqual(0.85);
    // The off-topic questions must all be refused; the near-domain ones ("When was Tokayev born?") are the known weak spot.
    const offTopic = s.misses.filter((m) => m.question.expect.length === 0 && /pizza|nba|ethereum|snow|python/i.test(m.question.q));
    expect(offTopic.map((m) => m.question.q)).toEqual([]);
  });

  it('understands Russian and Kazakh questions written by someone who never saw the lexicon', () => {
    // tune: used while building the lexicon; heldout: its failure classes studied; final: written blind, measured last.
    const bars = {
      'tests/fixtures/questions.ru-kk.tune.jsonl': [0.8, 0.9],
      'tests/fixtures/questions.ru-kk.heldout.jsonl': [0.55, 0.8],
      'tests/fixtures/questions.ru-kk.final.jsonl': [0.65, 0.85],
    } as const;
    for (const [file, [hit1, hit3]] of Object.entries(bars)) {
      const s = evaluate(file);
      expect(s.answerable, file).toBeGreaterThan(30);
      expect(s.hitAt1, `${file}\n${describeMisses(s)}`).toBeGreaterThanOrEqual(hit1);
      expect(s.hitAt3, `${file}\n${describeMisses(s)}`).toBeGreaterThanOrEqual(hit3);
      // Off-topic questions (weather, recipes, sport, prices) must all be refused.
      const offTopic = s.misses.filter((m) => m.question.expect.length === 0 && /погод|рецепт|испеч|футбол|чемпионат|цен[аы]|курс|ауа райы|тағам|баға|спорт/i.test(m.question.q));
      expect(offTopic.map((m) => m.question.q)).toEqual([]);
    }
  });

  it('every excerpt is whole sentences of its document and at most 400 characters', () => {
    const docs = new Map(loadCorpus('corpus').map((d) => [d.id, d.body.replace(/\s+/g, ' ')]));
    const questions = parseQuestions(readFileSync('tests/fixtures/questions.heldout.jsonl', 'utf8'));
    for (const q of questions) {
      for (const a of retriever.search(q.q, { limit: 5 })) {
        expect(a.excerpt.length).toBeLessThanOrEqual(400);
        expect(docs.get(a.source.id)).toContain(a.excerpt.replace(/\s+/g, ' '));
      }
    }
  });
});
