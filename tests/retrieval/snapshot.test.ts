import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadRetriever } from '../../src/retrieval/index/snapshot.ts';

const QUESTIONS = ['How many polling places were there?', 'Who is the CEC chairman?', 'referendum', 'Сколько участков открыли за рубежом?', 'What is the capital of France?'];

let dir: string;
let corpus: string;
let cache: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'snapshot-'));
  corpus = join(dir, 'corpus');
  cache = join(dir, 'cache');
  cpSync('corpus', corpus, { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const answersOf = (r: Awaited<ReturnType<typeof loadRetriever>>['retriever']) => QUESTIONS.map((q) => r.search(q, { limit: 10 }));

describe('index snapshots', () => {
  it('builds from Markdown once, then loads a snapshot that gives the same answers', async () => {
    const built = await loadRetriever({ corpusDir: corpus, cacheDir: cache });
    expect(built.source).toBe('markdown');
    const loaded = await loadRetriever({ corpusDir: corpus, cacheDir: cache });
    expect(loaded.source).toBe('snapshot');
    expect(answersOf(loaded.retriever)).toEqual(answersOf(built.retriever));
    expect(loaded.retriever.passageCount).toBe(built.retriever.passageCount);
  });

  it('rebuilds when a document changes, and falls back to building when the snapshot is corrupt', async () => {
    await loadRetriever({ corpusDir: corpus, cacheDir: cache });
    const file = readdirSync(corpus).find((f) => f.endsWith('.md'))!;
    appendFileSync(join(corpus, file), '\nA new closing sentence about the referendum was added.\n');
    const changed = await loadRetriever({ corpusDir: corpus, cacheDir: cache });
    expect(changed.source).toBe('markdown');
    expect(changed.retriever.search('new closing sentence', { limit: 1 })[0]?.excerpt).toContain('new closing sentence');

    for (const snapshot of readdirSync(cache)) writeFileSync(join(cache, snapshot), 'garbage');
    const recovered = await loadRetriever({ corpusDir: corpus, cacheDir: cache });
    expect(recovered.source).toBe('markdown');
    expect(recovered.retriever.search('How many polling places were there?')[0]?.excerpt).toContain('10,012');
  });

  it('still refuses a broken corpus, even with a snapshot of the old one', async () => {
    await loadRetriever({ corpusDir: corpus, cacheDir: cache });
    writeFileSync(join(corpus, 'broken.md'), '---\nid: broken\n---\n');
    await expect(loadRetriever({ corpusDir: corpus, cacheDir: cache })).rejects.toThrow(/broken\.md/);
  });
});
