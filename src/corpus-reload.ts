import { watch } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, extname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Logger } from './logger.ts';
import { CorpusError } from './retrieval/errors.ts';
import { corpusVersion, DEFAULT_CACHE_DIR, loadRetriever } from './retrieval/index/snapshot.ts';
import type { Answer, Retriever, SearchOptions, Source } from './retrieval/types.ts';

/** How a reload went, as /healthz shows the last one. */
export type ReloadOutcome =
  | { ok: true; at: string; ms: number; changed: boolean }
  | { ok: false; at: string; ms: number; code: string; error: string };

/** The `corpus` field of /healthz. */
export interface CorpusHealth {
  /** The first 12 hex digits of a SHA-256 over the corpus files' names and bytes (see corpusVersion). */
  version: string;
  documents: number;
  passages: number;
  loaded_at: string;
  last_reload: ReloadOutcome | null;
}

export interface CorpusOptions {
  corpusDir: string;
  logger: Logger;
  /** Where index snapshots are kept (see loadRetriever); null: none. */
  cacheDir?: string | null;
}

/** How long the corpus directory must be quiet after a change before CORPUS_WATCH reloads it. */
export const WATCH_QUIET_MS = 500;
/** A corpus that changes again while it is being read is read again, at most this many times in all. */
const READ_ATTEMPTS = 3;

/**
 * A Retriever whose index can be replaced while it serves. Searches are synchronous, so each one runs wholly on the
 * index that was current when it started and the next one uses the new index; `documents` and `passageCount` are
 * read through too, so /sources and /healthz see a reload at once.
 */
class SwappableRetriever implements Retriever {
  constructor(private current: Retriever) {}

  search(question: string, options?: SearchOptions): Answer[] {
    return this.current.search(question, options);
  }

  isSmallTalk(message: string): boolean {
    return this.current.isSmallTalk(message);
  }

  get documents(): readonly Source[] {
    return this.current.documents;
  }

  get passageCount(): number {
    return this.current.passageCount;
  }

  replace(next: Retriever): void {
    this.current = next;
  }
}

interface Loaded {
  retriever: Retriever;
  version: string;
  source: 'snapshot' | 'markdown';
  ms: number;
}

/**
 * The corpus the bot serves, reloadable while it serves: `reload()` builds a new index from CORPUS_DIR (or its
 * snapshot) and swaps it in; a corpus that fails validation leaves the old index serving. Reloads never overlap:
 * one asked for while another runs is run once after it, however many were asked for meanwhile.
 */
export class Corpus {
  private readonly swappable: SwappableRetriever;
  private current: { version: string; loadedAt: Date };
  private lastReload: ReloadOutcome | null = null;
  private running: Promise<ReloadOutcome> | undefined;
  private queued: Promise<ReloadOutcome> | undefined;
  private queuedReason = '';

  private constructor(
    private readonly options: CorpusOptions,
    loaded: Loaded,
  ) {
    this.swappable = new SwappableRetriever(loaded.retriever);
    this.current = { version: loaded.version, loadedAt: new Date() };
  }

  /** Loads the corpus (rejecting with CorpusError when it cannot be served) and logs `corpus indexed`. */
  static async open(options: CorpusOptions): Promise<Corpus> {
    const loaded = await load(options);
    options.logger.info({ documents: loaded.retriever.documents.length, passages: loaded.retriever.passageCount, version: loaded.version, source: loaded.source, ms: Math.round(loaded.ms) }, 'corpus indexed');
    return new Corpus(options, loaded);
  }

  /** What the bot searches: always the current index (pass this object around, never a copy of its fields). */
  get retriever(): Retriever {
    return this.swappable;
  }

  health(): CorpusHealth {
    return {
      version: this.current.version,
      documents: this.swappable.documents.length,
      passages: this.swappable.passageCount,
      loaded_at: this.current.loadedAt.toISOString(),
      last_reload: this.lastReload,
    };
  }

  /** Reloads the corpus; `reason` (SIGHUP, a file change) is logged. Never rejects: a failure is the outcome. */
  reload(reason: string): Promise<ReloadOutcome> {
    if (!this.running) {
      this.running = this.reloadNow(reason).finally(() => (this.running = undefined));
      return this.running;
    }
    this.queuedReason = reason;
    // Runs after `running` has cleared itself (its finally came first), so it starts a reload of its own.
    this.queued ??= this.running.then(() => {
      this.queued = undefined;
      return this.reload(this.queuedReason);
    });
    return this.queued;
  }

  /**
   * Reloads after every change to the corpus directory, once it has been quiet for `quietMs` (an editor's save or
   * a copy of many files is one reload). Returns a function that stops watching. Never keeps the process alive.
   */
  watch(quietMs = WATCH_QUIET_MS): () => void {
    const { corpusDir, logger } = this.options;
    let timer: NodeJS.Timeout | undefined;
    const watcher = watch(corpusDir, () => {
      clearTimeout(timer);
      timer = setTimeout(() => void this.reload('file change'), quietMs);
      timer.unref();
    });
    watcher.on('error', (error) => logger.warn({ corpus_dir: corpusDir, err: String(error) }, 'stopped watching the corpus directory; SIGHUP still reloads it'));
    watcher.unref();
    logger.info({ corpus_dir: corpusDir, quiet_ms: quietMs }, 'watching the corpus directory for changes');
    return () => {
      clearTimeout(timer);
      watcher.close();
    };
  }

  private async reloadNow(reason: string): Promise<ReloadOutcome> {
    const { logger } = this.options;
    const started = performance.now();
    const at = () => new Date().toISOString();
    try {
      if (versionOrNull(this.options.corpusDir) === this.current.version) {
        logger.info({ reason, version: this.current.version }, 'corpus unchanged; nothing to reload');
        return (this.lastReload = { ok: true, at: at(), ms: Math.round(performance.now() - started), changed: false });
      }
      if (this.options.cacheDir !== null) await buildSnapshotInBackground(this.options.corpusDir, this.options.cacheDir ?? DEFAULT_CACHE_DIR);
      // Synchronous work (but for a first import of the Markdown parser): every answer and /healthz wait this long.
      // The figure to watch as the corpus grows.
      const loadStarted = performance.now();
      const loaded = await load(this.options);
      const blocked = Math.round(performance.now() - loadStarted);
      const previous = this.current.version;
      this.swappable.replace(loaded.retriever);
      this.current = { version: loaded.version, loadedAt: new Date() };
      const ms = Math.round(performance.now() - started);
      logger.info({ reason, documents: loaded.retriever.documents.length, passages: loaded.retriever.passageCount, version: loaded.version, previous_version: previous, source: loaded.source, ms, blocked_ms: blocked }, 'corpus reloaded');
      return (this.lastReload = { ok: true, at: at(), ms, changed: true });
    } catch (error) {
      const ms = Math.round(performance.now() - started);
      if (error instanceof CorpusError) {
        const problems = error.problems.map((p) => ({ file: basename(p.file), ...(p.field ? { field: p.field } : {}), message: p.message }));
        logger.error({ reason, code: error.code, problems, serving_version: this.current.version, ms }, `corpus reload failed; still serving the previous corpus: ${error.message}`);
        // /healthz is served on the public port: file names only, the directory's path is for the log.
        const root = resolve(this.options.corpusDir);
        const hidePath = (text: string) => text.split(root).join('CORPUS_DIR');
        const summary = error.problems.map((p) => `${p.file === root ? 'CORPUS_DIR' : basename(p.file)}${p.field ? ` [${p.field}]` : ''}: ${hidePath(p.message)}`).join('; ');
        return (this.lastReload = { ok: false, at: at(), ms, code: error.code, error: summary });
      }
      logger.error({ reason, code: 'CORPUS_RELOAD_FAILED', err: error instanceof Error ? (error.stack ?? error.message) : String(error), serving_version: this.current.version, ms }, 'corpus reload failed; still serving the previous corpus');
      return (this.lastReload = { ok: false, at: at(), ms, code: 'CORPUS_RELOAD_FAILED', error: 'unexpected error; see the log' });
    }
  }
}

/**
 * The index of the corpus and the version it was made from. The files are hashed before and after: a corpus
 * written to while it was read is read again, so the version always names the files that were indexed.
 */
async function load({ corpusDir, cacheDir, logger }: CorpusOptions): Promise<Loaded> {
  for (let attempt = 1; ; attempt++) {
    const before = versionOrNull(corpusDir);
    // An unreadable or invalid corpus is rejected here, with the loader's own CorpusError.
    const { retriever, source, ms } = await loadRetriever({ corpusDir, ...(cacheDir !== undefined ? { cacheDir } : {}), onWarning: (message) => logger.warn(message) });
    const after = versionOrNull(corpusDir);
    if (after !== null && before === after) return { retriever, version: after, source, ms };
    if (attempt === READ_ATTEMPTS) {
      const root = resolve(corpusDir);
      throw new CorpusError('CORPUS_UNREADABLE', [{ file: root, message: `kept changing while it was read (${READ_ATTEMPTS} times)` }], `The corpus in ${root} is being written to; reload it when the writing is done.`);
    }
  }
}

/** The corpus version, or null when the directory cannot be read (the loader says why). */
function versionOrNull(corpusDir: string): string | null {
  try {
    return corpusVersion(corpusDir);
  } catch {
    return null;
  }
}

/** Building the snapshot of 100k passages takes about 15 s here; far longer means the worker is stuck. */
const WORKER_LIMIT_MS = 120_000;

/**
 * Builds the snapshot of the corpus in a worker thread, so that the reload on this thread finds it and only loads it
 * (a few ms for the real corpus, about 0.1 s at 10k passages) instead of building the index here, which blocks the
 * event loop (and every answer) for the whole build (0.7 s and more at 10k). Best effort: resolves when the worker is
 * done, however it ended; without a snapshot (a bad corpus, a read-only cache, files changed since) the reload builds
 * here, and reports what is wrong.
 */
function buildSnapshotInBackground(corpusDir: string, cacheDir: string): Promise<void> {
  const extension = extname(fileURLToPath(import.meta.url));
  const entry = new URL(`./retrieval/index/snapshot-worker${extension}`, import.meta.url).href;
  // Its output is not ours to print: stderr carries this process's JSON log lines.
  const options = { workerData: { corpusDir, cacheDir }, stdout: true, stderr: true };
  return new Promise((done) => {
    const worker =
      extension === '.ts'
        ? // Run from the TypeScript source (tsx, tests): Node 20 does not hand the parent's TypeScript loader on to a
          // worker's entry module, so the worker registers tsx itself first.
          new Worker(`import(${JSON.stringify(tsxApi())}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`, { ...options, eval: true })
        : new Worker(new URL(entry), options);
    worker.stdout.resume();
    worker.stderr.resume();
    // A worker that hangs must not hold up this reload and every later one: past the limit it is stopped, and the
    // reload builds here.
    const limit = setTimeout(() => void worker.terminate(), WORKER_LIMIT_MS);
    limit.unref();
    const finish = () => {
      clearTimeout(limit);
      done();
    };
    worker.once('error', finish);
    worker.once('exit', finish);
  });
}

/** tsx's ESM API. require.resolve (which works under vitest too) finds its CommonJS twin, beside it. */
function tsxApi(): string {
  return pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
}
