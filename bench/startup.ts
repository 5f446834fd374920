/**
 * Startup: process start to "retriever ready", building from the Markdown corpus vs loading the saved snapshot
 * (src/retrieval/index/snapshot.ts). Each start is a fresh `node --import tsx` process, started the way `npm start`
 * starts the bot; the time is taken by the parent from spawn to the child's "ready" line. Modes alternate.
 * Each child also hashes its answers to the dev questions, so a run shows the snapshot answers identically.
 *
 * Child: node --import tsx bench/startup.ts --child <markdown|snapshot|empty> <corpusDir> <cacheDir>
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { median } from './measure.ts';

export type StartMode = 'markdown' | 'snapshot' | 'empty';

export interface StartSample {
  mode: StartMode;
  /** Spawn to the ready line, measured by the parent. */
  wallMs: number;
  /** The child's own clock: process uptime when its code started, and how long the retriever took. */
  runtimeMs: number;
  loadMs: number;
  source: string;
  rssMb: number;
  answers: string;
}

export interface StartupResult {
  size: string;
  passages: number;
  /** Medians. */
  markdownMs: number;
  snapshotMs: number;
  /** A process that loads nothing: the runtime's share of the numbers above. */
  emptyMs: number;
  markdownLoadMs: number;
  snapshotLoadMs: number;
  markdownRssMb: number;
  snapshotRssMb: number;
  identical: boolean;
  samples: number;
}

function startOnce(mode: StartMode, corpus: string, cacheDir: string): Promise<StartSample> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/startup.ts', '--child', mode, corpus, cacheDir], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    let wallMs = NaN;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      // The first line is "ready", printed the moment the retriever is; details follow.
      if (Number.isNaN(wallMs) && out.includes('\n')) wallMs = performance.now() - started;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      try {
        if (code !== 0) throw new Error(`startup child (${mode}) exited ${code}`);
        resolve({ mode, wallMs, ...(JSON.parse(out.trim().split('\n')[1]!) as Omit<StartSample, 'mode' | 'wallMs'>) });
      } catch (error) {
        reject(error as Error);
      }
    });
  });
}

export async function runStartup(size: string, corpus: string, rounds: number): Promise<StartupResult> {
  const cacheDir = join('.cache', 'bench', `snapshots-${size}`);
  rmSync(cacheDir, { recursive: true, force: true });
  // The first snapshot start finds no snapshot, builds and saves it; later ones load it.
  const first = await startOnce('snapshot', corpus, cacheDir);
  if (first.source !== 'markdown') throw new Error('expected the first start to build');
  const samples: StartSample[] = [];
  for (let i = 0; i < rounds; i++) {
    const order: StartMode[] = i % 2 === 0 ? ['markdown', 'snapshot', 'empty'] : ['snapshot', 'empty', 'markdown'];
    for (const mode of order) samples.push(await startOnce(mode, corpus, cacheDir));
  }
  const of = (mode: StartMode) => samples.filter((s) => s.mode === mode);
  if (of('snapshot').some((s) => s.source !== 'snapshot')) throw new Error('a snapshot start did not load the snapshot');
  const answers = new Set([...of('markdown'), ...of('snapshot')].map((s) => s.answers));
  return {
    size,
    passages: Number(first.answers.split(':')[0]),
    markdownMs: median(of('markdown').map((s) => s.wallMs)),
    snapshotMs: median(of('snapshot').map((s) => s.wallMs)),
    emptyMs: median(of('empty').map((s) => s.wallMs)),
    markdownLoadMs: median(of('markdown').map((s) => s.loadMs)),
    snapshotLoadMs: median(of('snapshot').map((s) => s.loadMs)),
    markdownRssMb: median(of('markdown').map((s) => s.rssMb)),
    snapshotRssMb: median(of('snapshot').map((s) => s.rssMb)),
    identical: answers.size === 1,
    samples: rounds,
  };
}

async function child(mode: StartMode, corpus: string, cacheDir: string): Promise<void> {
  const runtimeMs = process.uptime() * 1000;
  if (mode === 'empty') {
    process.stdout.write('ready\n');
    process.stdout.write(`${JSON.stringify({ runtimeMs, loadMs: 0, source: 'none', rssMb: process.memoryUsage().rss / 2 ** 20, answers: '' })}\n`);
    return;
  }
  const started = performance.now();
  const { loadRetriever } = await import('../src/retrieval/index/snapshot.ts');
  const loaded = await loadRetriever({ corpusDir: corpus, cacheDir: mode === 'snapshot' ? cacheDir : null });
  const loadMs = performance.now() - started;
  process.stdout.write('ready\n');
  const rssMb = process.memoryUsage().rss / 2 ** 20;
  // Ready. What follows is only for the check that both ways answer alike.
  const { loadQuestionSets } = await import('./synthetic.ts');
  const { dev, heldout } = loadQuestionSets();
  const hash = createHash('sha256');
  for (const q of [...dev, ...heldout]) hash.update(JSON.stringify(loaded.retriever.search(q.q, { limit: 5 })));
  const answers = `${loaded.retriever.passageCount}:${hash.digest('hex').slice(0, 16)}`;
  process.stdout.write(`${JSON.stringify({ runtimeMs, loadMs, source: loaded.source, rssMb, answers })}\n`);
}

if (process.argv[2] === '--child') {
  await child(process.argv[3] as StartMode, process.argv[4]!, process.argv[5]!);
}
