/**
 * Fits the re-ranker's weights (RankerTuning in src/retrieval/rank/ranker.ts) to the tune question sets and the
 * spent final sets by coordinate search, and reports the held-out sets and the newest spent finals before and
 * after: a development tool, not part of the bot.
 * Ranking is measured apart from abstention (a question counts when its best sentence is judged, answered or not),
 * so recalibrate abstention afterwards: `npx tsx scripts/calibrate-abstention.ts`.
 *
 *   npx tsx scripts/tune-ranker.ts [--sweeps 2] [--from '{"focusWeight":1.5}']
 */
import { existsSync, readFileSync } from 'node:fs';
import { isHit, parseQuestions, type EvalQuestion } from '../src/eval/score.ts';
import { loadCorpus } from '../src/retrieval/corpus/load.ts';
import { buildPassageDatabase } from '../src/retrieval/index/database.ts';
import { DEFAULT_RANKER_TUNING, type RankerTuning } from '../src/retrieval/rank/ranker.ts';
import { retrieverFromDatabase } from '../src/retrieval/retriever.ts';
import { TUNE_SETS, HELD_OUT_SETS, SPENT_FINAL_SETS, RECENT_FINAL_SETS } from './question-sets.ts';

const args = process.argv.slice(2);
const option = (name: string) => {
  const at = args.indexOf(name);
  return at === -1 ? undefined : args[at + 1];
};
const sweeps = Number(option('--sweeps') ?? 2);
const start: RankerTuning = { ...DEFAULT_RANKER_TUNING, ...(JSON.parse(option('--from') ?? '{}') as Partial<RankerTuning>) };

/** Weights that only shape abstention or are not continuous are left alone. */
const FIXED = new Set<keyof RankerTuning>(['minCoverage', 'genericShare']);
const STEPS = [0.5, 0.75, 0.9, 1.1, 1.33, 2];

const db = buildPassageDatabase(loadCorpus('corpus'));
const load = (files: readonly string[]) => files.filter((f) => existsSync(f)).flatMap((f) => parseQuestions(readFileSync(f, 'utf8')).filter((q) => q.expect.length > 0));
const tune = load([...TUNE_SETS, ...SPENT_FINAL_SETS]);
const heldOut = [...HELD_OUT_SETS, ...RECENT_FINAL_SETS].map((f) => ({ file: f, questions: load([f]) }));

interface Score {
  hitAt1: number;
  hitAt3: number;
  objective: number;
}

function measure(tuning: RankerTuning, questions: readonly EvalQuestion[]): Score {
  const retriever = retrieverFromDatabase(db, { ranker: tuning, judge: (f) => f.specific === 1 });
  let at1 = 0;
  let at3 = 0;
  for (const q of questions) {
    const answers = retriever.search(q.q, { limit: 3 });
    const rank = answers.findIndex((a) => isHit(a.excerpt, q.expect));
    if (rank === 0) at1++;
    if (rank >= 0) at3++;
  }
  const n = questions.length || 1;
  return { hitAt1: at1 / n, hitAt3: at3 / n, objective: (at1 + 0.5 * at3) / n };
}

const show = (s: Score) => `hit@1 ${(s.hitAt1 * 100).toFixed(1)}%  hit@3 ${(s.hitAt3 * 100).toFixed(1)}%`;

let best = start;
let bestScore = measure(best, tune);
console.log(`tune: ${tune.length} answerable questions; start ${show(bestScore)}`);
const minGain = 0.5 / (tune.length || 1);
for (let sweep = 0; sweep < sweeps; sweep++) {
  let improved = false;
  for (const name of Object.keys(DEFAULT_RANKER_TUNING) as Array<keyof RankerTuning>) {
    if (FIXED.has(name)) continue;
    for (const step of STEPS) {
      const value = Math.round(best[name] * step * 1000) / 1000;
      const trial = { ...best, [name]: value };
      const score = measure(trial, tune);
      if (score.objective > bestScore.objective + minGain) {
        console.log(`  ${name} ${best[name]} → ${value}: ${show(score)}`);
        best = trial;
        bestScore = score;
        improved = true;
      }
    }
  }
  if (!improved) break;
}

const changed = Object.fromEntries((Object.keys(best) as Array<keyof RankerTuning>).filter((k) => best[k] !== DEFAULT_RANKER_TUNING[k]).map((k) => [k, best[k]]));
console.log(`tuned: ${JSON.stringify(changed)}`);
console.log(`tune      ${show(measure(start, tune))}  →  ${show(bestScore)}`);
for (const { file, questions } of heldOut) console.log(`${file.replace(/.*questions\./, '')}  ${show(measure(start, questions))}  →  ${show(measure(best, questions))}`);
