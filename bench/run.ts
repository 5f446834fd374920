/**
 * `npm run bench` — retrieval, startup and end-to-end benchmarks in one run; `-- --quick` for the real corpus and
 * 1k passages only (under a minute); `-- --json` ends with one JSON line on stdout (human output goes to stderr).
 * A full run rewrites the generated part of bench/RESULTS.md (between the markers), keeping the notes around it.
 *
 * JSON keys: retrieval_p99_ms / minisearch_p99_ms / orama_default_p99_ms / build_ms / rss_mb per corpus size (ours
 * unless named; null for sizes not run); startup_ms at 10k passages, process start to retriever ready; updates_per_s
 * with 100 chats and the throttler off; update_p99_ms is the worse of polling and webhook with 10 chats, throttler off.
 *
 * `npm run bench -- soak [--seconds=180] [--rate=600] [--users=100000]` runs only the soak scenario instead (memory
 * over a few minutes of steady traffic from 100,000 users; see bench/soak.ts); its JSON line is {"soak": ...}.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, release, totalmem } from 'node:os';
import { runE2E, type BotMode, type E2EResult } from './e2e.ts';
import { JSON_MODE, percentile, round, runChild, say, table } from './measure.ts';
import { ENGINES, planFor, type Engine, type EngineRun } from './retrieval.ts';
import { runStartup, type StartupResult } from './startup.ts';
import { corpusDir, prepareCorpora } from './synthetic.ts';

if (process.argv.includes('soak')) {
  const { soakMain } = await import('./soak.ts');
  await soakMain();
  process.exit(0);
}

const QUICK = process.argv.includes('--quick');
const SIZES = QUICK ? ['real', '1000'] : ['real', '1000', '10000', '100000'];
const STARTUP_SIZES = QUICK ? ['real', '10000'] : ['real', '10000', '100000'];
const KEY: Record<string, string> = { real: 'real', '1000': '1k', '10000': '10k', '100000': '100k' };
const LABEL: Record<Engine, string> = {
  ours: 'ours (Orama + our components + re-ranker)',
  'orama-tokenizer': 'Orama default index + our tokenizer',
  orama: 'Orama (defaults)',
  minisearch: 'MiniSearch (defaults)',
};

interface EngineSummary {
  passages: number;
  buildMs: number;
  indexMb: number;
  rssMb: number;
  peakRssMb: number;
  p50: number;
  p99: number;
  n: number;
  quality: EngineRun['quality'];
}

const started = performance.now();
const lines: string[] = [];
const out = (line = '') => {
  lines.push(line);
  say(line);
};

say(`bench: ${QUICK ? 'quick' : 'full'} run; writing corpora …`);
prepareCorpora([...new Set([...SIZES, ...STARTUP_SIZES])].filter((s) => s !== 'real'));

// 1. Retrieval: a process per engine and size, engines in rotating order, several rounds.
const retrieval = new Map<string, Record<Engine, EngineSummary>>();
for (const size of SIZES) {
  const runs: EngineRun[] = [];
  const { rounds } = planFor(size, QUICK);
  for (let r = 0; r < rounds; r++) {
    for (let j = 0; j < ENGINES.length; j++) {
      const engine = ENGINES[(r + j) % ENGINES.length]!;
      say(`  retrieval ${KEY[size]} ${engine} (round ${r + 1}/${rounds}) …`);
      runs.push(await runChild<EngineRun>('bench/retrieval.ts', [size, engine, ...(QUICK ? ['--quick'] : [])]));
    }
  }
  const bySize = {} as Record<Engine, EngineSummary>;
  for (const engine of ENGINES) {
    const mine = runs.filter((run) => run.engine === engine);
    const times = mine.flatMap((run) => run.times);
    bySize[engine] = {
      passages: mine[0]!.passages,
      buildMs: percentile(mine.map((run) => run.buildMs), 50),
      indexMb: percentile(mine.map((run) => run.indexMb), 50),
      rssMb: percentile(mine.map((run) => run.rssMb), 50),
      peakRssMb: percentile(mine.map((run) => run.peakRssMb), 50),
      p50: percentile(times, 50),
      p99: percentile(times, 99),
      n: times.length,
      quality: mine[0]!.quality,
    };
  }
  retrieval.set(size, bySize);
}

// 2. Startup: building from Markdown vs loading the snapshot, fresh processes, alternating.
const startup: StartupResult[] = [];
for (const size of STARTUP_SIZES) {
  say(`  startup ${KEY[size]} …`);
  startup.push(await runStartup(size, corpusDir(size), QUICK ? 3 : size === '100000' ? 2 : 5));
}

// 3. End to end.
const e2e: E2EResult[] = [];
const modes: BotMode[] = ['polling', 'webhook'];
const chatCounts = QUICK ? [10, 100] : [1, 10, 100];
for (const throttle of QUICK ? [false] : [false, true]) {
  for (const chats of chatCounts) {
    for (const mode of modes) {
      say(`  e2e ${mode} ${chats} chats, throttler ${throttle ? 'on' : 'off'} …`);
      e2e.push(await runE2E(mode, chats, throttle, QUICK ? { warmupMs: 1000, measureMs: 1500 } : { warmupMs: 1000, measureMs: throttle ? 4000 : 3000 }));
    }
  }
}

// Report.
const ms = (x: number | null | undefined) => round(x);
out(`## Retrieval (top 5; query times pooled over all rounds; build, index and RSS are medians; index = heap + array buffers the engine added; RSS once startup settled, after a full GC)`);
out();
for (const [size, engines] of retrieval) {
  const ours = engines.ours;
  out(`### ${size === 'real' ? `Real corpus (${ours.passages} passages)` : `${KEY[size]} synthetic passages`}`);
  out();
  out(
    table(
      ['engine', 'build ms', 'index MB', 'RSS MB (peak)', 'p50 ms', 'p99 ms', 'p99 / ours', 'queries'],
      ENGINES.map((e) => {
        const s = engines[e];
        return [LABEL[e], ms(s.buildMs), ms(s.indexMb), `${ms(s.rssMb)} (${ms(s.peakRssMb)})`, ms(s.p50), ms(s.p99), e === 'ours' ? 1 : ms(s.p99 / ours.p99), s.n];
      }),
    ),
  );
  out();
}
const quality = retrieval.get('real');
if (quality) {
  out('### Quality on the real corpus (the same runs)');
  out();
  const pct = (x: number | undefined) => (x === undefined ? null : `${(x * 100).toFixed(1)}%`);
  out(
    table(
      ['engine', 'dev hit@1', 'dev hit@3', 'dev abstention', 'held-out hit@1', 'held-out hit@3', 'held-out abstention'],
      ENGINES.map((e) => {
        const q = quality[e].quality;
        return [LABEL[e], pct(q?.dev.hitAt1), pct(q?.dev.hitAt3), pct(q?.dev.abstention), pct(q?.heldout.hitAt1), pct(q?.heldout.hitAt3), pct(q?.heldout.abstention)];
      }),
    ),
  );
  out();
}
out('## Startup: process start to retriever ready (medians of fresh `node --import tsx` processes)');
out();
out(
  table(
    ['corpus', 'from Markdown ms', 'from snapshot ms', 'speed-up', 'empty process ms', 'load in-process ms (Markdown / snapshot)', 'RSS MB (Markdown / snapshot)', 'same answers'],
    startup.map((s) => [
      s.size === 'real' ? `real (${s.passages})` : KEY[s.size]!,
      ms(s.markdownMs),
      ms(s.snapshotMs),
      `${ms(s.markdownMs / s.snapshotMs)}×`,
      ms(s.emptyMs),
      `${ms(s.markdownLoadMs)} / ${ms(s.snapshotLoadMs)}`,
      `${ms(s.markdownRssMb)} / ${ms(s.snapshotRssMb)}`,
      s.identical ? 'yes' : 'NO',
    ]),
  ),
);
out();
out('## End to end: update in → sendMessage at a loopback fake Bot API (closed loop: each chat asks again when answered)');
out();
out(
  table(
    ['mode', 'chats', 'throttler', 'updates/s', 'p50 ms', 'p99 ms', 'answers'],
    e2e.map((r) => [r.mode, r.chats, r.throttle ? 'on' : 'off', ms(r.updatesPerSecond), ms(r.latency.p50), ms(r.latency.p99), r.latency.n]),
  ),
);
out();
const totalS = (performance.now() - started) / 1000;
say(`bench: done in ${totalS.toFixed(0)} s`);

const perSize = (pick: (s: Record<Engine, EngineSummary>) => number) =>
  Object.fromEntries(['real', '1000', '10000', '100000'].map((size) => [KEY[size], retrieval.has(size) ? round(pick(retrieval.get(size)!)) : null]));
const at10k = startup.find((s) => s.size === '10000');
const e2eAt = (mode: BotMode, chats: number) => e2e.find((r) => r.mode === mode && r.chats === chats && !r.throttle);
const summary = {
  retrieval_p99_ms: perSize((s) => s.ours.p99),
  minisearch_p99_ms: perSize((s) => s.minisearch.p99),
  orama_default_p99_ms: perSize((s) => s.orama.p99),
  orama_our_tokenizer_p99_ms: perSize((s) => s['orama-tokenizer'].p99),
  build_ms: perSize((s) => s.ours.buildMs),
  rss_mb: perSize((s) => s.ours.rssMb),
  startup_ms: { markdown: round(at10k?.markdownMs), snapshot: round(at10k?.snapshotMs) },
  updates_per_s: { polling: round(e2eAt('polling', 100)?.updatesPerSecond), webhook: round(e2eAt('webhook', 100)?.updatesPerSecond) },
  update_p99_ms: round(Math.max(e2eAt('polling', 10)?.latency.p99 ?? NaN, e2eAt('webhook', 10)?.latency.p99 ?? NaN)),
};

if (!QUICK) writeResults(lines, summary, totalS);
if (JSON_MODE) process.stdout.write(`${JSON.stringify(summary)}\n`);

/** Replaces the generated part of bench/RESULTS.md (between the markers) with this run's tables. */
function writeResults(body: string[], json: object, seconds: number): void {
  const file = 'bench/RESULTS.md';
  const begin = '<!-- bench:begin (generated by npm run bench; edit outside the markers) -->';
  const end = '<!-- bench:end -->';
  const version = (name: string) => (JSON.parse(readFileSync(`node_modules/${name}/package.json`, 'utf8')) as { version: string }).version;
  const libraries = ['@orama/orama', 'minisearch', 'grammy', '@grammyjs/runner', '@grammyjs/transformer-throttler', '@grammyjs/auto-retry', 'tsx'].map((n) => `${n} ${version(n)}`).join(', ');
  const generated = [
    begin,
    `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${seconds.toFixed(0)} s. Machine: ${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), ${(totalmem() / 2 ** 30).toFixed(0)} GB, Linux ${release()}, Node ${process.version}. Libraries: ${libraries}.`,
    '',
    ...body,
    '```json',
    JSON.stringify(json),
    '```',
    end,
  ].join('\n');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    text = `# Benchmark results\n\n${begin}\n${end}\n`;
  }
  const a = text.indexOf(begin);
  const b = text.indexOf(end);
  writeFileSync(file, a >= 0 && b > a ? text.slice(0, a) + generated + text.slice(b + end.length) : `${text}\n${generated}\n`);
}
