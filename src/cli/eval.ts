import { readFileSync } from 'node:fs';
import { judge, parseQuestions, summarise } from '../eval/score.ts';
import { openCorpusOrExit } from './open-corpus.ts';

const file = process.argv.slice(2).find((a) => !a.startsWith('--'));
if (!file) {
  process.stderr.write('usage: npm run eval -- <questions.jsonl>\n');
  process.exit(2);
}
const retriever = openCorpusOrExit(process.env.CORPUS_DIR ?? 'corpus');
const questions = parseQuestions(readFileSync(file, 'utf8'));
const started = performance.now();
const outcomes = questions.map((q) => judge(q, retriever.search(q.q, { limit: 5 }).map((a) => a.excerpt)));
const elapsed = performance.now() - started;
const s = summarise(outcomes);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
console.log(`questions: ${questions.length} (${s.answerable} answerable, ${s.outOfScope} out of scope)`);
console.log(`hit@1 ${pct(s.hitAt1)}  hit@3 ${pct(s.hitAt3)}  MRR@5 ${s.mrrAt5.toFixed(3)}  out-of-scope abstention ${pct(s.abstentionRate)}  answerable left unanswered ${s.falseAbstentions}`);
console.log(`mean query time ${(elapsed / Math.max(1, questions.length)).toFixed(2)} ms`);
if (s.misses.length > 0) {
  console.log('\nmisses:');
  for (const m of s.misses) {
    console.log(`- [${m.question.id}] ${m.question.q}  (expect ${JSON.stringify(m.question.expect)}; ${m.rank ? `hit at ${m.rank}` : 'no hit'})`);
    m.excerpts.slice(0, 3).forEach((e, i) => console.log(`    ${i + 1}. ${e.slice(0, 160).replace(/\s+/g, ' ')}${e.length > 160 ? '…' : ''}`));
  }
}
