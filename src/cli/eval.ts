import { readFileSync } from 'node:fs';
import { judge, parseQuestions, summarise, type EvalQuestion } from '../eval/score.ts';
import { openCorpusOrExit } from './open-corpus.ts';

process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const file = process.argv.slice(2).find((a) => !a.startsWith('--'));
if (!file) {
  process.stderr.write('usage: npm run eval -- <questions.jsonl>\n');
  process.exit(2);
}
/** The question set, or a one-line reason (missing file, bad line) and exit 1: a person typed the path. */
function readQuestions(path: string): EvalQuestion[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message;
    process.stderr.write(`error [EVAL_FILE_UNREADABLE]: cannot read the questions file ${path} (${reason}); pass a .jsonl file with one {"q": ..., "expect": [...]} per line.\n`);
    process.exit(1);
  }
  try {
    return parseQuestions(text);
  } catch (error) {
    process.stderr.write(`error [EVAL_FILE_INVALID]: ${path}: ${(error as Error).message}\n`);
    process.exit(1);
  }
}

const questions = readQuestions(file);
const retriever = openCorpusOrExit(process.env.CORPUS_DIR ?? 'corpus');
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
