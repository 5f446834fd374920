
/**
 * The first stage: BM25 over two fields (the sentence, and its neighbours), giving the re-ranker its candidates.
 *
 * It scores exactly as the Orama 3.1 index it replaces (`create` + `insertMultiple` + `search` with these
 * `boost` and `relevance` settings and an exact-term tokenizer), so the candidates, and therefore the answers,
 * are the same; the same numbers come out bit for bit, and ties go to the earlier passage as in Orama.
 * What it does not do is Orama's work per query: copying the posting set of every matched word, looking up
 * frequencies in an object per document and sorting every matching document. Here postings are typed arrays,
 * each numbered by its (count, field length) class so that a posting's weight comes from a small table; scores
 * accumulate in one Float64Array without a branch, and one pass over it keeps the best `limit` (a heap).
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

/**
 * A term's BM25 in a passage depends only on how often it occurs there and the field's length (and, per term, on
 * its IDF). A field has few distinct (count, length) pairs (hundreds at 100k passages), so each posting is numbered
 * by its pair once, and a query reads its numerator and denominator from two small tables instead of the
 * passage's length from a corpus-sized array: the hot loop touches one corpus-sized array, the scores.
 */
export interface PostingClasses {
  /** Per posting: its class, a (count, length) pair. */
  classOf: Uint16Array | Int32Array;
  /** Per class. */
  count: Int32Array;
  length: Int32Array;
}

export function postingClasses(field: FieldPostings): PostingClasses {
  const { postingPassage, postingCount, fieldLength } = field;
  const classOf = new Int32Array(postingPassage.length);
  const count: number[] = [];
  const length: number[] = [];
  const byPair = new Map<number, number>();
  let maxLength = 0;
  for (let p = 0; p < fieldLength.length; p++) maxLength = Math.max(maxLength, fieldLength[p]!);
  for (let i = 0; i < postingPassage.length; i++) {
    const c = postingCount[i]!;
    const l = fieldLength[postingPassage[i]!]!;
    const pair = c * (maxLength + 1) + l;
    let id = byPair.get(pair);
    if (id === undefined) {
      id = count.length;
      byPair.set(pair, id);
      count.push(c);
      length.push(l);
    }
    classOf[i] = id;
  }
  return { classOf: count.length <= 0x10000 ? Uint16Array.from(classOf) : classOf, count: Int32Array.from(count), length: Int32Array.from(length) };
}

/** Per class, BM25's numerator and denominator without the IDF, as Orama computes them (algorithms.ts `BM25`). */
export interface ClassWeights {
  numerator: Float64Array;
  denominator: Float64Array;
}

export function classWeights(classes: PostingClasses, averageLength: number, k: number, b: number, d: number): ClassWeights {
  const n = classes.count.length;
  const numerator = new Float64Array(n);
  const denominator = new Float64Array(n);
  for (let c = 0; c < n; c++) {
    const tf = classes.count[c]! / classes.length[c]!;
    numerator[c] = d + tf * (k + 1);
    denominator[c] = tf + k * (1 - b + (b * classes.length[c]!) / averageLength);
  }
  return { numerator, denominator };
}

/**
 * Adds one term's BM25 in one field to every passage holding it. The hot loop: no branch, scores in one array
 * indexed by passage (zero for a passage no term has reached; `bestOf` reads and clears it).
 */
export function accumulate(postingPassage: Int32Array, classOf: Uint16Array | Int32Array, { numerator, denominator }: ClassWeights, from: number, to: number, idf: number, boost: number, scores: Float64Array): void {
  for (let i = from; i < to; i++) {
    const p = postingPassage[i]!;
    const c = classOf[i]!;
    scores[p] = scores[p]! + ((idf * numerator[c]!) / denominator[c]!) * boost;
  }
}

/**
 * The `limit` best passages by (score descending, passage ascending), as [passage, score] pairs best first, written
 * into `into` (its pairs are reused); the scores are cleared to zero. One sequential pass over the
 * scores with a bounded min-heap: after the heap fills, a passage costs one comparison. A passage whose terms sum
 * to exactly zero counts as unmatched (no term's BM25 is zero, so only an exact cancellation of a negative IDF,
 * for a word more frequent than passages, could do that).
 */
export function bestOf(scores: Float64Array, limit: number, into: Array<[number, number]> = []): Array<[number, number]> {
  if (limit <= 0) {
    scores.fill(0);
    into.length = 0;
    return into;
  }
  if (heapPassage.length < limit) {
    heapPassage = new Int32Array(limit);
    heapScore = new Float64Array(limit);
  }
  const passage = heapPassage;
  const score = heapScore;
  let n = 0;
  // Until the heap is full every matched passage enters; after, only one better than its worst.
  let worst = -Infinity;
  for (let p = 0; p < scores.length; p++) {
    const s = scores[p]!;
    if (!(s > worst) || s === 0) continue;
    if (n < limit) {
      // Passages arrive in ascending order, so a tie ranks the newcomer after: sift up only past strictly lower scores.
      let c = n++;
      while (c > 0) {
        const parent = (c - 1) >> 1;
        if (!(s < score[parent]! || (s === score[parent] && p > passage[parent]!))) break;
        passage[c] = passage[parent]!;
        score[c] = score[parent]!;
        c = parent;
      }
      passage[c] = p;
      score[c] = s;
      if (n === limit) worst = score[0]!;
    } else {
      siftDown(passage, score, n, p, s);
      worst = score[0]!;
    }
  }
  scores.fill(0);
  into.length = n;
  // Taking the worst off the heap, one at a time, fills the list from its end (reusing the pairs `into` has).
  for (let last = n - 1; last >= 0; last--) {
    const pair = into[last];
    if (pair) {
      pair[0] = passage[0]!;
      pair[1] = score[0]!;
    } else into[last] = [passage[0]!, score[0]!];
    siftDown(passage, score, last, passage[last]!, score[last]!);
  }
  return into;
}

/** The heap's space, kept from search to search (a typed array of more than 64 bytes is allocated outside the heap: slow to make and to free). */
let heapPassage = new Int32Array(64);
let heapScore = new Float64Array(64);

/** Does (sa, a) rank after (sb, b): a lower score, or the same score and a later passage? */
function worse(sa: number, a: number, sb: number, b: number): boolean {
  return sa < sb || (sa === sb && a > b);
}

/** Puts (p, s) at the heap's root, replacing the worst, and sifts it down among the first n entries. */
function siftDown(passage: Int32Array, score: Float64Array, n: number, p: number, s: number): void {
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    const r = l + 1;
    let w = -1;
    let ws = s;
    let wp = p;
    if (l < n && worse(score[l]!, passage[l]!, ws, wp)) {
      w = l;
      ws = score[l]!;
      wp = passage[l]!;
    }
    if (r < n && worse(score[r]!, passage[r]!, ws, wp)) w = r;
    if (w < 0) break;
    passage[i] = passage[w]!;
    score[i] = score[w]!;
    i = w;
  }
  passage[i] = p;
  score[i] = s;
}
