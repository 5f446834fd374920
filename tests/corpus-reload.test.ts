import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Corpus } from '../src/corpus-reload.ts';
import { corpusVersion } from '../src/retrieval/index/snapshot.ts';
import { NEW_DOCUMENT, NEW_QUESTION } from './support/new-document.ts';

const OLD_QUESTION = 'How many polling places were there?';

let dir: string;
let lines: Array<Record<string, unknown>>;
let logger: pino.Logger;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'reload-'));
  cpSync('corpus', dir, { recursive: true });
  lines = [];
  logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const open = () => Corpus.open({ corpusDir: dir, logger, cacheDir: null });
const logged = (msg: string) => lines.filter((l) => l.msg === msg || String(l.msg).startsWith(`${msg}:`));
const until = async (condition: () => boolean, timeoutMs = 5_000) => {
  for (const deadline = Date.now() + timeoutMs; !condition(); await new Promise((r) => setTimeout(r, 10))) {
    if (Date.now() > deadline) throw new Error('timed out');
  }
};

describe('hot corpus reload', () => {
  it('serves a new document after a reload, through the same retriever object, and says so in health and the log', async () => {
    const corpus = await open();
    const retriever = corpus.retriever;
    const before = corpus.health();
    expect(before).toMatchObject({ version: corpusVersion(dir), documents: 5, last_reload: null });
    expect(before.version).toMatch(/^[0-9a-f]{12}$/);
    expect(retriever.search(NEW_QUESTION)).toEqual([]);

    writeFileSync(join(dir, 'aral-lighthouse-census.md'), NEW_DOCUMENT);
    const outcome = await corpus.reload('test');

    expect(outcome).toMatchObject({ ok: true, changed: true });
    expect(retriever.search(NEW_QUESTION)[0]?.excerpt).toContain('4,217 seagulls');
    expect(retriever.search(NEW_QUESTION)[0]?.source.publisher).toBe('Reload Test Gazette');
    expect(retriever.search(OLD_QUESTION)[0]?.excerpt).toContain('10,012');
    expect(retriever.documents.map((d) => d.id)).toContain('aral-lighthouse-census');
    const after = corpus.health();
    expect(after).toMatchObject({ version: corpusVersion(dir), documents: 6, passages: retriever.passageCount, last_reload: { ok: true, changed: true } });
    expect(after.version).not.toBe(before.version);
    expect(Date.parse(after.loaded_at)).toBeGreaterThanOrEqual(Date.parse(before.loaded_at));
    expect(logged('corpus reloaded')).toEqual([
      expect.objectContaining({ level: 30, reason: 'test', documents: 6, passages: retriever.passageCount, version: after.version, previous_version: before.version, ms: expect.any(Number), blocked_ms: expect.any(Number) }),
    ]);
  });

  it('keeps the old index serving when a document is bad, naming the file and the field; a fixed file then loads', async () => {
    const corpus = await open();
    const version = corpus.health().version;
    writeFileSync(join(dir, 'untitled.md'), NEW_DOCUMENT.replace(/^title: .*\n/m, ''));

    const failed = await corpus.reload('test');

    expect(failed).toMatchObject({ ok: false, code: 'CORPUS_INVALID', error: 'untitled.md [title]: is missing' });
    expect(corpus.retriever.search(OLD_QUESTION)[0]?.excerpt).toContain('10,012');
    expect(corpus.retriever.search(NEW_QUESTION)).toEqual([]);
    expect(corpus.health()).toMatchObject({ version, documents: 5, last_reload: failed });
    const [line, ...more] = logged('corpus reload failed; still serving the previous corpus');
    expect(more).toEqual([]);
    expect(line).toMatchObject({ level: 50, code: 'CORPUS_INVALID', problems: [{ file: 'untitled.md', field: 'title', message: 'is missing' }], serving_version: version });
    expect(String(line?.msg)).toContain('untitled.md [title]: is missing');

    writeFileSync(join(dir, 'untitled.md'), NEW_DOCUMENT);
    expect(await corpus.reload('test')).toMatchObject({ ok: true, changed: true });
    expect(corpus.retriever.search(NEW_QUESTION)[0]?.excerpt).toContain('4,217 seagulls');
    expect(corpus.health()).toMatchObject({ documents: 6, last_reload: { ok: true } });
  });

  it('keeps serving when the corpus directory is gone or empty', async () => {
    const corpus = await open();
    rmSync(dir, { recursive: true, force: true });
    expect(await corpus.reload('test')).toMatchObject({ ok: false, code: 'CORPUS_UNREADABLE', error: expect.stringMatching(/^CORPUS_DIR: ENOENT/) });
    expect(corpus.retriever.search(OLD_QUESTION)[0]?.excerpt).toContain('10,012');
    // /healthz is public: the directory's full path is only in the log.
    expect(JSON.stringify(corpus.health())).not.toContain(dir);
    expect(logged('corpus reload failed; still serving the previous corpus')[0]?.msg).toContain(dir);

    mkdirSync(dir);
    expect(await corpus.reload('test')).toMatchObject({ ok: false, code: 'CORPUS_EMPTY', error: 'CORPUS_DIR: no Markdown documents found' });
    expect(corpus.health()).toMatchObject({ documents: 5 });
    expect(corpus.retriever.search(OLD_QUESTION)[0]?.excerpt).toContain('10,012');
  });

  it('builds the new index in a worker thread, so this thread only loads its snapshot; a bad document still fails here', async () => {
    const corpus = await Corpus.open({ corpusDir: dir, logger, cacheDir: join(dir, '.cache') });
    writeFileSync(join(dir, 'aral-lighthouse-census.md'), NEW_DOCUMENT);
    expect(await corpus.reload('test')).toMatchObject({ ok: true, changed: true });
    expect(logged('corpus reloaded')).toEqual([expect.objectContaining({ source: 'snapshot', documents: 6 })]);
    expect(corpus.retriever.search(NEW_QUESTION)[0]?.excerpt).toContain('4,217 seagulls');

    writeFileSync(join(dir, 'untitled.md'), NEW_DOCUMENT.replace(/^title: .*\n/m, ''));
    expect(await corpus.reload('test')).toMatchObject({ ok: false, code: 'CORPUS_INVALID', error: 'untitled.md [title]: is missing' });
    expect(corpus.health()).toMatchObject({ documents: 6 });
  });

  it('does not rebuild an unchanged corpus', async () => {
    const corpus = await open();
    const retrieverBefore = corpus.health();
    expect(await corpus.reload('test')).toMatchObject({ ok: true, changed: false });
    expect(corpus.health()).toMatchObject({ version: retrieverBefore.version, loaded_at: retrieverBefore.loaded_at });
    expect(logged('corpus unchanged; nothing to reload')).toHaveLength(1);
  });

  it('never runs two reloads at once: those asked for during one become a single reload after it', async () => {
    const corpus = await open();
    writeFileSync(join(dir, 'aral-lighthouse-census.md'), NEW_DOCUMENT);
    const first = corpus.reload('one');
    const second = corpus.reload('two');
    const third = corpus.reload('three');
    expect(third).toBe(second);
    expect(second).not.toBe(first);

    expect(await first).toMatchObject({ ok: true, changed: true });
    expect(await second).toMatchObject({ ok: true, changed: false });
    // One reload for the first call, one for the two that waited (named after the latest of them).
    expect([...logged('corpus reloaded'), ...logged('corpus unchanged; nothing to reload')].map((l) => l.reason)).toEqual(['one', 'three']);
    // Nothing left queued: the next call starts a reload of its own.
    const fourth = corpus.reload('four');
    expect(fourth).not.toBe(second);
    await fourth;
  });

  it('does not miss a file written while a reload reads the corpus, and its version names what was indexed', async () => {
    const corpus = await open();
    writeFileSync(join(dir, 'first.md'), NEW_DOCUMENT.replace('aral-lighthouse-census', 'first-added'));
    const running = corpus.reload('one');
    writeFileSync(join(dir, 'aral-lighthouse-census.md'), NEW_DOCUMENT);
    const queued = corpus.reload('two');
    await Promise.all([running, queued]);
    expect(corpus.health()).toMatchObject({ version: corpusVersion(dir), documents: 7 });
    expect(corpus.retriever.documents.map((d) => d.id)).toEqual(expect.arrayContaining(['first-added', 'aral-lighthouse-census']));
  });

  it('CORPUS_WATCH: reloads once the directory has been quiet, once for a burst of changes', async () => {
    const corpus = await open();
    const stop = corpus.watch(150);
    try {
      writeFileSync(join(dir, 'aral-lighthouse-census.md'), NEW_DOCUMENT.replace('4,217', '1'));
      await new Promise((r) => setTimeout(r, 30));
      writeFileSync(join(dir, 'aral-lighthouse-census.md'), NEW_DOCUMENT);
      await until(() => logged('corpus reloaded').length > 0);
      expect(corpus.retriever.search(NEW_QUESTION)[0]?.excerpt).toContain('4,217 seagulls');
      await new Promise((r) => setTimeout(r, 400));
      expect(logged('corpus reloaded')).toEqual([expect.objectContaining({ reason: 'file change', documents: 6 })]);
    } finally {
      stop();
    }
    // Stopped: later changes are not picked up.
    rmSync(join(dir, 'aral-lighthouse-census.md'));
    await new Promise((r) => setTimeout(r, 400));
    expect(corpus.health().documents).toBe(6);
  });
});
