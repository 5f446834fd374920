/**
 * Retrieval benchmark: one engine at one corpus size, in its own process
 * (`node --expose-gc --import tsx bench/retrieval.ts <real|1000|10000|100000> <ours|minisearch|orama> [--quick]`),
 * so neither memory nor garbage collection of one engine or size shows up in another's numbers. Prints one JSON line.
 * run.ts starts these processes in rotating order, several rounds: the comparison is interleaved in time, so
 * machine noise hits every engine alike.
 *
 * Four engines over the same passages (our sentences) and the same questions, top 5:
 *   ours             createRetriever (src/retrieval): Orama with our tokenizer, index and passage-store components, then the re-ranker
 *   orama-tokenizer  Orama's own index with our tokenizer component: create({ schema, components: { tokenizer } })
 *   orama            Orama defaults: create({ schema: { text: 'string' } }), search(db, { term: q, limit: 5 })
 *   minisearch       MiniSearch defaults: new MiniSearch({ fields: ['text'] }), search(q)
 * A slow engine stops when it has used its time budget; its sample count says how far it got.
 */
import { resolve } from 'node:path';
import { judge, summarise, type EvalQuestion } from '../src/eval/score.ts';
import { loadCorpus } from '../src/retrieval/corpus/load.ts';
import { createRetriever } from '../src/retrieval/retriever.ts';
import type { CorpusDocument } from '../src/retrieval/types.ts';
import { memory } from './measure.ts';
import { benchQuestions, corpusDir, loadQuestionSets, passagesOf } from './synthetic.ts';

export const ENGINES = ['ours', 'orama-tokenizer', 'orama', 'minisearch'] as const;
export type Engine = (typeof ENGINES)[number];

interface Searcher {
  /** The top-5 texts for a question (ours: the cited excerpts; the others: the matching passages). */
  search(question: string): string[];
}

export interface EngineRun {
  size: string;
  engine: Engine;
  passages: number;
  documents: number;
  buildMs: number;
  /** Heap + array buffers the engine added, after a full GC. */
  indexMb: number;
  /** Process RSS with the corpus loaded, and with the engine built once startup settled (both after a full GC); peak RSS of the run. */
  baseRssMb: number;
  rssMb: number;
  peakRssMb: number;
  /** Every query's time, ms. */
  times: number[];
  quality?: { dev: Quality; heldout: Quality };
}

export interface Quality {
  hitAt1: number;
  hitAt3: number;
  abstention: number;
}

/** Rounds (processes per engine) and query time budgets per size; run.ts uses the same plan. */
/** Warm-up passes over the questions (each with other typos) before any query is timed. */
export const WARMUP_PASSES = 8;

export function planFor(size: string, quick: boolean): { rounds: number; budgetMs: number } {
  if (quick) return { rounds: 2, budgetMs: 3_000 };
  if (size === '100000') return { rounds: 2, budgetMs: 8_000 };
  if (size === '10000') return { rounds: 3, budgetMs: 5_000 };
  return { rounds: 3, budgetMs: 5_000 };
}

/** `BENCH_OURS_FROM=<path to another checkout's retriever.ts>` measures that version as "ours" (before/after). */
const oursFrom = process.env.BENCH_OURS_FROM;
const createOurs: typeof createRetriever = oursFrom ? ((await import(resolve(oursFrom))) as { createRetriever: typeof createRetriever }).createRetriever : createRetriever;

/** The other engines' libraries, imported only by their own processes (so they do not count in ours' memory). */
const engines = {
  MiniSearch: process.argv[3] === 'minisearch' ? (await import('minisearch')).default : (undefined as never),
  orama: process.argv[3]?.startsWith('orama') ? await import('@orama/orama') : (undefined as never),
  tokenizer: process.argv[3] === 'orama-tokenizer' ? await import('../src/retrieval/index/tokenizer-component.ts') : (undefined as never),
};

function build(engine: Engine, documents: readonly CorpusDocument[], passages: readonly string[]): Searcher {
  switch (engine) {
    case 'ours': {
      const retriever = createOurs(documents);
      return { search: (q) => retriever.search(q, { limit: 5 }).map((a) => a.excerpt) };
    }
    case 'minisearch': {
      const index = new engines.MiniSearch<{ id: number; text: string }>({ fields: ['text'] });
      index.addAll(passages.map((text, id) => ({ id, text })));
      return { search: (q) => index.search(q).slice(0, 5).map((r) => passages[r.id as number]!) };
    }
    case 'orama':
    case 'orama-tokenizer': {
      const { create, insertMultiple, search: oramaSearch } = engines.orama;
      const components = engine === 'orama-tokenizer' ? { tokenizer: engines.tokenizer.createTokenizerComponent() } : {};
      const db = create({ schema: { text: 'string' } as const, components });
      const inserted = insertMultiple(db, passages.map((text) => ({ text })));
      if (inserted instanceof Promise) throw new Error('Orama insert went async');
      return {
        search: (q) => {
          const result = oramaSearch(db, { term: q, limit: 5 });
          if (result instanceof Promise) throw new Error('Orama search went async');
          return result.hits.map((h) => h.document.text);
        },
      };
    }
  }
}

function quality(searcher: Searcher, questions: readonly EvalQuestion[]): Quality {
  const s = summarise(questions.map((q) => judge(q, searcher.search(q.q))));
  return { hitAt1: s.hitAt1, hitAt3: s.hitAt3, abstention: s.abstentionRate };
}

/**
 * Reads the corpus from Markdown files like the bot does (run.ts writes the synthetic ones first) and builds the
 * engine. Our retriever keeps its own copy of the text, so nothing else of the corpus outlives this function (as
 * in src/main.ts); the other engines keep the passage texts they return. A function of its own, so that no stale
 * reference in the caller's frame keeps the documents alive while memory is measured.
 */
function loadAndBuild(size: string, engine: Engine) {
  const documents = loadCorpus(corpusDir(size));
  const passages = passagesOf(documents);
  const counts = { documentCount: documents.length, passageCount: passages.length };
  if (engine === 'ours') passages.length = 0;
  const base = memory();
  const started = performance.now();
  const searcher = build(engine, documents, passages);
  return { searcher, buildMs: performance.now() - started, base, ...counts };
}

export async function runEngine(size: string, engine: Engine, quick: boolean): Promise<EngineRun> {
  const { budgetMs } = planFor(size, quick);
  const { searcher, buildMs, documentCount, passageCount, base } = loadAndBuild(size, engine);
  // Memory once startup has settled: a moment idle (V8 returns the build's garbage pages), then a full GC.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const built = memory();

  // Warm-up (uncounted): the same questions with other typos, so JIT tiers are up but our spelling cache has not
  // seen the measured misspellings. Several passes, as a bot serving for hours is past its JIT's warm-up: after one
  // pass V8 still optimised ~30 of our functions during the timed passes, and those compilations, not slow
  // questions, made the real corpus' p99. Then every question in a fixed order, several passes, within the budget.
  const warmStart = performance.now();
  for (let pass = 0; pass < WARMUP_PASSES; pass++) {
    for (const q of benchQuestions(99 - pass)) if (performance.now() - warmStart < budgetMs / 2) searcher.search(q);
  }
  const questions = benchQuestions();
  const times: number[] = [];
  let spent = 0;
  for (let pass = 0; pass < 3 && spent < budgetMs; pass++) {
    for (const q of questions) {
      if (spent > budgetMs) break;
      const t = performance.now();
      searcher.search(q);
      const ms = performance.now() - t;
      times.push(ms);
      spent += ms;
    }
  }

  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  const sets = size === 'real' ? loadQuestionSets() : null;
  return {
    size,
    engine,
    passages: passageCount,
    documents: documentCount,
    buildMs,
    indexMb: built.heap + built.arrays - base.heap - base.arrays,
    baseRssMb: base.rss,
    rssMb: built.rss,
    peakRssMb,
    times,
    ...(sets ? { quality: { dev: quality(searcher, sets.dev), heldout: quality(searcher, sets.heldout) } } : {}),
  };
}

if (process.argv[1]?.endsWith('retrieval.ts') && process.argv[3]) {
  const result = await runEngine(process.argv[2]!, process.argv[3] as Engine, process.argv.includes('--quick'));
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
