/**
 * Deterministic benchmark data made from the real corpus: synthetic corpora of N passages (the corpus' own
 * sentences, recombined at clause boundaries, with numbers and person names varied) and a few hundred questions
 * (the dev and held-out sets plus rewritten variants). Same seed, same output, on every machine.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseQuestions, type EvalQuestion } from '../src/eval/score.ts';
import { loadCorpus } from '../src/retrieval/corpus/load.ts';
import { splitSentences } from '../src/retrieval/corpus/sentences.ts';
import type { CorpusDocument } from '../src/retrieval/types.ts';

/** The shared dev set when it is beside the project; else the repository's own tune set stands in for it. */
export const DEV_QUESTIONS = existsSync('../shared/eval/questions.dev.jsonl') ? '../shared/eval/questions.dev.jsonl' : 'tests/fixtures/questions.en.tune.jsonl';
export const HELDOUT_QUESTIONS = 'tests/fixtures/questions.en.heldout.jsonl';

/** mulberry32: a small seeded PRNG, so every run builds the same corpus. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: () => number, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

const SURNAME = /^[A-Z][a-z]+(?:ov|ova|ev|eva|yev|yeva|in|ina|enko|uly|kyzy|bek|bekov|ergenov|ova|en|ko|eimen)$/;
const SYLLABLES = ['ka', 'zy', 'bek', 'nur', 'ali', 'mir', 'sa', 'tan', 'er', 'zhan', 'ai', 'dos', 'ras', 'gul', 'mar', 'to', 'ki', 'ba', 'se', 'rik', 'as', 'ly', 'dy', 'ker'];
const SUFFIXES = ['ov', 'ova', 'ev', 'eva', 'yev', 'in', 'ina', 'enko', 'uly', 'bekov'];

function makeName(random: () => number, suffix: boolean): string {
  let s = '';
  const n = 2 + Math.floor(random() * 2);
  for (let i = 0; i < n; i++) s += pick(random, SYLLABLES);
  if (suffix) s += pick(random, SUFFIXES);
  return s[0]!.toUpperCase() + s.slice(1);
}

/** "10,012" → another number of the same shape; years stay plausible years, percentages stay below 100. */
function varyNumber(random: () => number, raw: string, percent: boolean): string {
  const digit = (first: boolean) => String(first ? 1 + Math.floor(random() * 9) : Math.floor(random() * 10));
  if (/^(19|20)\d{2}$/.test(raw)) return String(1991 + Math.floor(random() * 34));
  if (percent) {
    const [, sep, frac] = /^\d+(?:([.,])(\d+))?$/.exec(raw) ?? [];
    return String(1 + Math.floor(random() * 98)) + (sep && frac ? sep + frac.replace(/\d/g, () => digit(false)) : '');
  }
  return raw.replace(/\d/g, (_, i: number) => digit(i === 0));
}

interface Source {
  sentences: string[];
  /** Sentences that mention the referendum: sampled a little more often, so the topic word is in ~30% of passages. */
  topical: string[];
  titles: string[];
  publishers: string[];
}

function sourceOf(documents: readonly CorpusDocument[]): Source {
  const sentences = documents.flatMap((d) => splitSentences(d.body).map((s) => s.text));
  return {
    sentences,
    topical: sentences.filter((s) => /referendum/i.test(s)),
    titles: documents.map((d) => d.title),
    publishers: [...new Set(documents.map((d) => d.publisher))],
  };
}

/** One new sentence: a corpus sentence, sometimes spliced with another's last clause, numbers and names varied. */
function newSentence(random: () => number, source: Source, names: readonly string[], firstNames: readonly string[]): string {
  const base = random() < 0.12 ? pick(random, source.topical) : pick(random, source.sentences);
  let text = base;
  if (random() < 0.5) {
    const other = pick(random, source.sentences);
    const cutA = clauseCut(base, random, true);
    const cutB = clauseCut(other, random, false);
    if (cutA !== null && cutB !== null) text = base.slice(0, cutA) + ', ' + other.slice(cutB);
  }
  text = text.replace(/(\d+(?:[.,]\d+)*)(%?)/g, (_, n: string, pct: string) => varyNumber(random, n, pct === '%') + pct);
  text = text.replace(/\b([A-Z][a-z]+)( [A-Z][a-z]+)?\b/g, (m, a: string, b: string | undefined) => {
    if (b && SURNAME.test(b.trim())) return `${pick(random, firstNames)} ${pick(random, names)}`;
    if (SURNAME.test(a) && !b) return pick(random, names);
    return m;
  });
  return text;
}

/** A clause boundary (", " before a lowercase word) in the middle of a sentence, or null. */
function clauseCut(text: string, random: () => number, head: boolean): number | null {
  const cuts = [...text.matchAll(/, (?=[a-z])/g)].map((m) => m.index!);
  if (cuts.length === 0) return null;
  const at = pick(random, cuts);
  return head ? at : at + 2;
}

/**
 * A corpus of about `passages` sentences in documents of ~40 sentences (paragraphs of 2-5), deterministic for a seed.
 * Person names come from a pool that grows with the corpus, as in real news; numbers are redrawn.
 */
export function syntheticCorpus(real: readonly CorpusDocument[], passages: number, seed = 42): CorpusDocument[] {
  const random = rng(seed);
  const source = sourceOf(real);
  const names = Array.from({ length: 300 + Math.floor(passages / 20) }, () => makeName(random, true));
  const firstNames = Array.from({ length: 200 }, () => makeName(random, false));
  const documents: CorpusDocument[] = [];
  let made = 0;
  while (made < passages) {
    const n = Math.min(passages - made, 30 + Math.floor(random() * 20));
    const paragraphs: string[] = [];
    for (let left = n; left > 0; ) {
      const size = Math.min(left, 2 + Math.floor(random() * 4));
      paragraphs.push(Array.from({ length: size }, () => newSentence(random, source, names, firstNames)).join(' '));
      left -= size;
    }
    made += n;
    const i = documents.length + 1;
    const year = 2019 + Math.floor(random() * 6);
    const month = String(1 + Math.floor(random() * 12)).padStart(2, '0');
    const day = String(1 + Math.floor(random() * 28)).padStart(2, '0');
    documents.push({
      id: `synthetic-${String(i).padStart(6, '0')}`,
      title: `${pick(random, source.titles)} (${i})`,
      publisher: pick(random, source.publishers),
      date: `${year}-${month}-${day}`,
      ...(random() < 0.5 ? { url: `https://example.org/news/${i}` } : {}),
      language: 'en',
      body: paragraphs.join('\n\n'),
      file: `synthetic-${String(i).padStart(6, '0')}.md`,
    });
  }
  return documents;
}

/** Writes documents as corpus Markdown files (front matter + body) into a fresh `dir`. */
export function writeCorpus(dir: string, documents: readonly CorpusDocument[]): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const d of documents) {
    const front = [`id: ${d.id}`, `title: ${JSON.stringify(d.title)}`, `publisher: ${JSON.stringify(d.publisher)}`, `date: "${d.date}"`, ...(d.url ? [`url: ${d.url}`] : []), `language: ${d.language}`];
    writeFileSync(join(dir, d.file), `---\n${front.join('\n')}\n---\n\n${d.body}\n`);
  }
}

/** The sentences every engine indexes: exactly the passages our retriever builds (one per sentence). */
export function passagesOf(documents: readonly CorpusDocument[]): string[] {
  return documents.flatMap((d) => splitSentences(d.body).map((s) => s.text));
}

export function loadQuestionSets(): { dev: EvalQuestion[]; heldout: EvalQuestion[] } {
  return { dev: parseQuestions(readFileSync(DEV_QUESTIONS, 'utf8')), heldout: parseQuestions(readFileSync(HELDOUT_QUESTIONS, 'utf8')) };
}

/**
 * A few hundred realistic questions: every dev and held-out question as written, lowercased without
 * punctuation (how people type in chats), and with one typo in its longest word.
 */
export function benchQuestions(seed = 7): string[] {
  const { dev, heldout } = loadQuestionSets();
  const random = rng(seed);
  const out: string[] = [];
  for (const { q } of [...dev, ...heldout]) {
    out.push(q);
    out.push(q.toLowerCase().replace(/[?!.,"“”]/g, '').trim());
    const longest = q.split(/\s+/).reduce((a, b) => (b.length > a.length ? b : a), '');
    if (longest.length >= 6) {
      const i = 1 + Math.floor(random() * (longest.length - 3));
      const typo = longest.slice(0, i) + longest[i + 1] + longest[i] + longest.slice(i + 2);
      out.push(q.replace(longest, typo));
    } else {
      out.push(`Please tell me: ${q}`);
    }
  }
  // Shuffle deterministically, so any prefix (an engine that runs out of its time budget) is a fair sample.
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** The corpus directory for a size: `corpus` for the real one; synthetic ones are written under .cache/bench (gitignored). */
export function corpusDir(size: string): string {
  return size === 'real' ? 'corpus' : join('.cache', 'bench', `corpus-${size}`);
}

/** Writes the synthetic corpora the benchmarks read (fresh every run: the generator is deterministic). */
export function prepareCorpora(sizes: readonly string[]): void {
  const real = loadCorpus('corpus');
  for (const size of sizes) if (size !== 'real') writeCorpus(corpusDir(size), syntheticCorpus(real, Number(size)));
}
