/**
 * Calibrates "not in my sources" (src/retrieval/rank/abstention.ts) on the tune question sets and writes the
 * model to src/retrieval/rank/abstention-model.ts: a logistic regression over the evidence of each question's
 * best sentence (labels: answerable with the right first answer → answer; out of scope → refuse), and the
 * threshold that maximises (right first answers kept + out-of-scope questions refused) on those sets.
 * Run after changing the ranker: `npx tsx scripts/calibrate-abstention.ts`; then check the held-out sets.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { TUNE_SETS } from './question-sets.ts';
import { isHit, parseQuestions } from '../src/eval/score.ts';
import { loadCorpus } from '../src/retrieval/corpus/load.ts';
import { buildPassageDatabase } from '../src/retrieval/index/database.ts';
import { retrieverFromDatabase } from '../src/retrieval/retriever.ts';

const TUNE = TUNE_SETS.filter((f) => existsSync(f));
const FEATURES = process.env.FEATURES?.split(',') ?? ['coverage', 'knownCoverage', 'missing', 'unknownShare', 'expandedShare', 'focusUnknown', 'kindMissing', 'fit', 'translated', 'untranslated', 'units', 'margin'];
const L2 = 0.02;

const db = buildPassageDatabase(loadCorpus('corpus'));
let captured: Record<string, number> | null = null;
const retriever = retrieverFromDatabase(db, {
  judge: (f) => {
    captured ??= f;
    return f.specific === 1;
  },
});

interface Example {
  x: number[];
  /** 1: answerable and the first answer is right; 0: out of scope. */
  y: 0 | 1;
  /** Answerable, right within the first three but not first (answering still helps a little). */
  partial: boolean;
}
const examples: Example[] = [];
for (const file of TUNE) {
  for (const q of parseQuestions(readFileSync(file, 'utf8'))) {
    captured = null;
    const answers = retriever.search(q.q, { limit: 3 });
    const f = captured as Record<string, number> | null;
    if (!f || f.specific !== 1 || f.strictKindMissing === 1) continue; // refused whatever the model says
    const x = FEATURES.map((n) => f[n] ?? 0);
    if (q.expect.length === 0) examples.push({ x, y: 0, partial: false });
    else if (answers[0] && isHit(answers[0].excerpt, q.expect)) examples.push({ x, y: 1, partial: false });
    else if (answers.slice(1).some((a) => isHit(a.excerpt, q.expect))) examples.push({ x, y: 0, partial: true });
  }
}
const trained = examples.filter((e) => !e.partial);
const mean = FEATURES.map((_, i) => trained.reduce((s, e) => s + e.x[i]!, 0) / trained.length);
const scale = FEATURES.map((_, i) => Math.sqrt(trained.reduce((s, e) => s + (e.x[i]! - mean[i]!) ** 2, 0) / trained.length) || 1);
const z = (x: number[]) => x.map((v, i) => (v - mean[i]!) / scale[i]!);

// Logistic regression by gradient descent, classes weighted equally (there are more answerable questions).
const weights = FEATURES.map(() => 0);
let bias = 0;
const positives = trained.filter((e) => e.y === 1).length;
const classWeight = (y: number) => (y === 1 ? trained.length / (2 * positives) : trained.length / (2 * (trained.length - positives)));
for (let step = 0; step < 5000; step++) {
  const grad = FEATURES.map(() => 0);
  let gradBias = 0;
  for (const e of trained) {
    const xs = z(e.x);
    const p = 1 / (1 + Math.exp(-(bias + xs.reduce((s, v, i) => s + v * weights[i]!, 0))));
    const err = (p - e.y) * classWeight(e.y);
    xs.forEach((v, i) => (grad[i]! += err * v));
    gradBias += err;
  }
  weights.forEach((w, i) => (weights[i] = w - 0.1 * (grad[i]! / trained.length + L2 * w)));
  bias -= 0.1 * (gradBias / trained.length);
}
const probability = (x: number[]) => 1 / (1 + Math.exp(-(bias + z(x).reduce((s, v, i) => s + v * weights[i]!, 0))));

// The threshold (see the objective below).
const answerable = examples.filter((e) => e.y === 1 || e.partial).length;
const outOfScope = examples.filter((e) => e.y === 0 && !e.partial).length;
let best = { threshold: 0.5, value: -Infinity };
for (let t = 0.05; t <= 0.95; t += 0.01) {
  let kept = 0;
  let refused = 0;
  for (const e of examples) {
    const answer = probability(e.x) >= t;
    if (e.y === 1 && answer) kept += 1;
    if (e.partial && answer) kept += 0.5;
    if (e.y === 0 && !e.partial && !answer) refused += 1;
  }
  // Two rates: right first answers kept among answerable questions, refusals among out-of-scope ones. Rates, not
  // counts, so the sets' mix does not decide; a kept answer counts twice, because people mostly ask what the
  // sources cover and a wrong refusal leaves them with nothing, while a wrong answer still shows its source.
  // (Weighing the two equally moves the threshold to about 0.5 and costs 8 points of first answers on held-out
  // questions for 4 more of refusals.)
  const keptRate = kept / answerable;
  const refusedRate = refused / outOfScope;
  const value = 2 * keptRate + refusedRate;
  if (process.argv.includes('--curve') && Math.round(t * 100) % 5 === 0) console.log(`  at ${t.toFixed(2)}: kept ${(keptRate * 100).toFixed(1)}% refused ${(refusedRate * 100).toFixed(1)}%`);
  if (value > best.value + 1e-9) best = { threshold: Math.round(t * 100) / 100, value };
}

const round = (v: number) => Math.round(v * 1e4) / 1e4;
writeFileSync(
  'src/retrieval/rank/abstention-model.ts',
  `/** Written by scripts/calibrate-abstention.ts from ${examples.length} tune questions; do not edit by hand. */
export const ABSTENTION_MODEL = {
  names: ${JSON.stringify(FEATURES)},
  mean: ${JSON.stringify(mean.map(round))},
  scale: ${JSON.stringify(scale.map(round))},
  weights: ${JSON.stringify(weights.map(round))},
  bias: ${round(bias)},
  threshold: ${best.threshold},
} as const satisfies { names: readonly string[]; mean: readonly number[]; scale: readonly number[]; weights: readonly number[]; bias: number; threshold: number };
`,
);
console.log(`examples ${examples.length} (${positives} right first answers, ${outOfScope} out of scope, ${examples.filter((e) => e.partial).length} right later)`);
console.log(`threshold ${best.threshold}, objective ${best.value.toFixed(3)}`);
FEATURES.forEach((n, i) => console.log(`  ${n.padEnd(14)} ${weights[i]!.toFixed(3)}`));
