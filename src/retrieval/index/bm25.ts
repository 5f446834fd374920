
/**
 * The first stage: BM25 over two fields (the sentence, and its neighbours), giving the re-ranker its candidates.
 *
 * It scores exactly as the Orama 3.1 index it replaces (`create` + `insertMultiple` + `search` with these
 * `boost` and `relevance` settings and an exact-term tokenizer), so the candidates, and therefore the answers,
 * are the same; the same numbers come out bit for bit, and ties go to the earlier passage as in Orama.
 * What it does not do is Orama's work per query: copying the posting set of every matched word, looking up
 * frequencies in an object per document and sorting every matching document. Here postings are typed arrays,
 * scores accumulate in one Float64Array, and only the best `limit` are kept (a heap), so a query costs
 * a few arithmetic operations per posting of its terms.
 *
 * Orama's BM25, kept here on purpose: tf = occurrences in the field / field length; the IDF counts a term's
 * occurrences over the whole field (not documents); d = 0.5 (BM25+); the average field length is Orama's
 * running mean.
 */
export interface FieldPostings {
  /** Per term id: its postings are entries postingStart[t] up to postingStart[t + 1]. */
  postingStart: Int32Array;
  /** Passages holding the term, ascending, and how often it occurs in each. */
  postingPassage: Int32Array;
  postingCount: Uint16Array | Int32Array;
  /** Per passage: the field's number of tokens (concept tokens included, as Orama counts them). */
  fieldLength: Int32Array;
  /** Per term id: occurrences in the field over all passages (Orama's `tokenOccurrences`). */
  occurrences: Int32Array;
  averageLength: number;
}

export interface IndexTuning {
  /** BM25 parameters (Orama's `relevance`). */
  k: number;
  b: number;
  /** How much more a match in the sentence counts than one in its neighbours. */
  sentenceBoost: number;
}

export const DEFAULT_INDEX_TUNING: IndexTuning = { k: 1.2, b: 0.5, sentenceBoost: 3 };

/** Inverts one field: `tokenStart`/`tokenId` list each passage's tokens in order (duplicates included). */
export function buildFieldPostings(termCount: number, tokenStart: ArrayLike<number>, tokenId: ArrayLike<number>): FieldPostings {
  const passages = tokenStart.length - 1;
  const df = new Int32Array(termCount);
  const occurrences = new Int32Array(termCount);
  const lastSeen = new Int32Array(termCount).fill(-1);
  const fieldLength = new Int32Array(passages);
  let averageLength = 0;
  for (let p = 0; p < passages; p++) {
    const from = tokenStart[p]!;
    const to = tokenStart[p + 1]!;
    fieldLength[p] = to - from;
    // Orama's running mean, updated as each document is inserted (the same floating-point steps).
    averageLength = (averageLength * p + (to - from)) / (p + 1);
    for (let i = from; i < to; i++) {
      const t = tokenId[i]!;
      occurrences[t]! += 1;
      if (lastSeen[t] !== p) {
        lastSeen[t] = p;
        df[t]! += 1;
      }
    }
  }
  const postingStart = new Int32Array(termCount + 1);
  for (let t = 0; t < termCount; t++) postingStart[t + 1] = postingStart[t]! + df[t]!;
  const postingPassage = new Int32Array(postingStart[termCount]!);
  // Counts above 65535 (one word that often in one sentence) would need the wider array: then count again in one.
  let postingCount: Uint16Array | Int32Array = new Uint16Array(postingPassage.length);
  let saturated = false;
  const cursor = postingStart.slice(0, termCount);
  const slotOf = new Int32Array(termCount);
  lastSeen.fill(-1);
  for (let p = 0; p < passages; p++) {
    for (let i = tokenStart[p]!; i < tokenStart[p + 1]!; i++) {
      const t = tokenId[i]!;
      if (lastSeen[t] !== p) {
        lastSeen[t] = p;
        const slot = cursor[t]!++;
        postingPassage[slot] = p;
        postingCount[slot] = 1;
        slotOf[t] = slot;
      } else if (postingCount[slotOf[t]!] === 65535) {
        saturated = true;
      } else {
        postingCount[slotOf[t]!]! += 1;
      }
    }
  }
  if (saturated) postingCount = countWide(tokenStart, tokenId, postingStart, postingPassage);
  return { postingStart, postingPassage, postingCount, fieldLength, occurrences, averageLength };
}

/** Occurrence counts as 32-bit numbers, for a field where some word occurs more than 65535 times in one passage. */
function countWide(tokenStart: ArrayLike<number>, tokenId: ArrayLike<number>, postingStart: Int32Array, postingPassage: Int32Array): Int32Array {
  const counts = new Int32Array(postingPassage.length);
  for (let p = 0; p < tokenStart.length - 1; p++) {
    for (let i = tokenStart[p]!; i < tokenStart[p + 1]!; i++) {
      const t = tokenId[i]!;
      // A term's postings are in passage order: find this passage's by binary search.
      let lo = postingStart[t]!;
      let hi = postingStart[t + 1]! - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (postingPassage[mid]! < p) lo = mid + 1;
        else hi = mid;
      }
      counts[lo]! += 1;
    }
  }
  return counts;
}

export interface Scratch {
  scores: Float64Array;
  stamp: Int32Array;
  touched: Int32Array;
}

/** Adds one term's BM25 in one field to every passage holding it; returns the new number of touched passages. The hot loop. */
export function accumulate(
  postingPassage: Int32Array,
  postingCount: Uint16Array | Int32Array,
  fieldLength: Int32Array,
  norm: Float64Array,
  from: number,
  to: number,
  idf: number,
  kPlus1: number,
  d: number,
  boost: number,
  { scores, stamp, touched }: Scratch,
  generation: number,
  touchedCount: number,
): number {
  let n = touchedCount;
  for (let i = from; i < to; i++) {
    const p = postingPassage[i]!;
    const tf = postingCount[i]! / fieldLength[p]!;
    const bm25 = (idf * (d + tf * kPlus1)) / (tf + norm[p]!);
    if (stamp[p] === generation) {
      scores[p] = scores[p]! + bm25 * boost;
    } else {
      stamp[p] = generation;
      scores[p] = bm25 * boost;
      touched[n++] = p;
    }
  }
  return n;
}

/** Per passage, the length part of BM25's denominator: k * (1 - b + b * length / average), as Orama computes it. */
export function lengthNorms(field: FieldPostings, k: number, b: number): Float64Array {
  const norms = new Float64Array(field.fieldLength.length);
  for (let p = 0; p < norms.length; p++) norms[p] = k * (1 - b + (b * field.fieldLength[p]!) / field.averageLength);
  return norms;
}

/**
 * The `limit` best of the touched passages by (score descending, passage ascending), with a bounded min-heap, as
 * [passage, score] pairs best first, written into `into` (its pairs are reused). Plain functions over the heap
 * array, no closures: this runs for every search.
 */
export function topK(touched: Int32Array, count: number, scores: Float64Array, limit: number, into: Array<[number, number]> = []): Array<[number, number]> {
  const size = Math.min(limit, count);
  into.length = Math.max(0, size);
  if (size <= 0) return into;
  if (heapSpace.length < size) heapSpace = new Int32Array(size);
  const heap = heapSpace;
  let n = 0;
  for (let i = 0; i < count; i++) {
    const p = touched[i]!;
    if (n < size) {
      heap[n] = p;
      siftUp(heap, n++, scores);
    } else if (worse(scores, heap[0]!, p)) {
      heap[0] = p;
      siftDown(heap, 0, n, scores);
    }
  }
  // Taking the worst off the heap, one at a time, fills the list from its end (reusing the pairs `into` has).
  for (let last = n - 1; last >= 0; last--) {
    const p = heap[0]!;
    const pair = into[last];
    if (pair) {
      pair[0] = p;
      pair[1] = scores[p]!;
    } else into[last] = [p, scores[p]!];
    heap[0] = heap[last]!;
    siftDown(heap, 0, last, scores);
  }
  return into;
}

/** The heap's space, kept from search to search (a typed array of more than 64 bytes is allocated outside the heap: slow to make and to free). */
let heapSpace = new Int32Array(64);

/** Does passage a rank after passage b (lower score, or the same score and later)? */
function worse(scores: Float64Array, a: number, b: number): boolean {
  return scores[a]! < scores[b]! || (scores[a] === scores[b] && a > b);
}

function siftUp(heap: Int32Array, from: number, scores: Float64Array): void {
  let c = from;
  while (c > 0) {
    const parent = (c - 1) >> 1;
    if (!worse(scores, heap[c]!, heap[parent]!)) break;
    const tmp = heap[c]!;
    heap[c] = heap[parent]!;
    heap[parent] = tmp;
    c = parent;
  }
}

function siftDown(heap: Int32Array, from: number, n: number, scores: Float64Array): void {
  let i = from;
  for (;;) {
    const l = 2 * i + 1;
    const r = l + 1;
    let w = i;
    if (l < n && worse(scores, heap[l]!, heap[w]!)) w = l;
    if (r < n && worse(scores, heap[r]!, heap[w]!)) w = r;
    if (w === i) return;
    const tmp = heap[i]!;
    heap[i] = heap[w]!;
    heap[w] = tmp;
    i = w;
  }
}
