/**
 * Retrieval quality per question set and per kind of question, for tuning and ablation (a development tool:
 * `npx tsx scripts/quality.ts [--ranker '{"minCoverage":0.35}'] [--misses] files...`). `npm run eval` scores one file.
 */
import { readFileSync } from 'node:fs';
import { judge, parseQuestions, summarise, type EvalOutcome } from '../src/eval/score.ts';
import { loadCorpus } from '../src/retrieval/corpus/load.ts';
import { buildPassageDatabase } from '../src/retrieval/index/database.ts';
import { retrieverFromDatabase } from '../src/retrieval/retriever.ts';

const args = process.argv.slice(2);
const option = (name: string) => {
  const at = args.indexOf(name);
  return at === -1 ? undefined : args.splice(at, 2)[1];
};
const ranker = JSON.parse(option('--ranker') ?? '{}') as Record<string, number>;
const showMisses = args.includes('--misses');
const files = args.filter((a) => !a.startsWith('--'));

const db = buildPassageDatabase(loadCorpus(process.env.CORPUS_DIR ?? 'corpus'));
const retriever = retrieverFromDatabase(db, { ranker });
const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(6);

function line(label: string, outcomes: readonly EvalOutcome[]): string {
  const s = summarise(outcomes);
  const parts = [`${label.padEnd(44)} n=${String(outcomes.length).padStart(3)}`];
  if (s.answerable > 0) parts.push(`hit@1 ${pct(s.hitAt1)}  hit@3 ${pct(s.hitAt3)}  unanswered ${s.falseAbstentions}`);
  if (s.outOfScope > 0) parts.push(`refused ${pct(s.abstentionRate)} of ${s.outOfScope}`);
  return parts.join('  ');
}

for (const file of files) {
  const questions = parseQuestions(readFileSync(file, 'utf8'));
  const outcomes = questions.map((q) => judge(q, retriever.search(q.q, { limit: 5 }).map((a) => a.excerpt)));
  console.log(line(file, outcomes));
  // parseQuestions keeps the fields `npm run eval` knows; the language of each question is read from the raw lines.
  const languageOf = new Map(readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as { id?: string; lang?: string }).map((q) => [q.id, q.lang]));
  const languages = [...new Set(languageOf.values())].filter((l): l is string => l !== undefined).sort();
  if (languages.length > 1) for (const language of languages) console.log(' ' + line(`language ${language}`, outcomes.filter((o) => languageOf.get(o.question.id) === language)));
  const kinds = [...new Set(questions.map((q) => `${(q as { lang?: string }).lang ?? ''}${q.kind ?? '?'}`))].sort();
  for (const kind of kinds) console.log('  ' + line(kind, outcomes.filter((o) => `${(o.question as { lang?: string }).lang ?? ''}${o.question.kind ?? '?'}` === kind)));
  if (showMisses) {
    for (const m of summarise(outcomes).misses) console.log(`  - [${m.question.id}] ${m.question.q} → ${m.rank ? `hit at ${m.rank}` : m.excerpts[0]?.slice(0, 100) ?? '(refused)'}`);
  }
}
