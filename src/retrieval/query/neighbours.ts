import { readFileSync } from 'node:fs';
import { IntList } from '../corpus/compact.ts';

/**
 * English words of close meaning by word vectors (lexicon/en.neighbours.tsv, written by
 * scripts/build-embedding-neighbours.ts): `word<TAB>neighbour cosine<TAB>...`, lines sorted in byte order after a
 * `#` header. They bridge paraphrases WordNet's senses do not (tone → mood, respondents → surveyed).
 *
 * The file (3 MB) is read at the first lookup and searched as it is, by binary search over its line starts: no
 * string is made for a word until it is asked for, and each word's neighbours are remembered.
 */

export interface Neighbour {
  word: string;
  /** The cosine of the two words' vectors, 0..1. */
  similarity: number;
}

export class NeighbourTable {
  private readonly bytes: Buffer;
  private readonly lines: Int32Array;
  private readonly remembered = new Map<string, readonly Neighbour[]>();

  constructor(bytes: Buffer) {
    this.bytes = bytes;
    const lines = new IntList(1 << 15);
    for (let start = 0; start < bytes.length; start = lineEnd(bytes, start) + 1) {
      const first = bytes[start];
      if (first !== 0x23 && first !== 0x0a && first !== 0x0d) lines.push(start);
    }
    this.lines = lines.toArray();
  }

  get size(): number {
    return this.lines.length;
  }

  /** The word's neighbours, closest first; [] for a word the table does not list. */
  neighbours(word: string): readonly Neighbour[] {
    const key = word.toLowerCase();
    let found = this.remembered.get(key);
    if (found) return found;
    found = this.lookUp(key);
    if (this.remembered.size >= 20_000) this.remembered.clear();
    this.remembered.set(key, found);
    return found;
  }

  private lookUp(word: string): Neighbour[] {
    if (!/^[a-z]+$/.test(word)) return [];
    const { bytes, lines } = this;
    let lo = 0;
    let hi = lines.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const start = lines[mid]!;
      const cmp = compareKey(word, bytes, start);
      if (cmp === 0) return parseNeighbours(bytes.toString('latin1', start + word.length + 1, lineEnd(bytes, start)));
      if (cmp < 0) hi = mid;
      else lo = mid + 1;
    }
    return [];
  }
}

/** How `word` followed by a tab sorts against the line at `start`: the tab sorts before every letter, as in the file. */
function compareKey(word: string, bytes: Buffer, start: number): number {
  for (let i = 0; i <= word.length; i++) {
    const at = start + i;
    if (at >= bytes.length) return 1;
    const d = (i < word.length ? word.charCodeAt(i) : 0x09) - bytes[at]!;
    if (d !== 0) return d;
  }
  return 0;
}

function parseNeighbours(fields: string): Neighbour[] {
  const out: Neighbour[] = [];
  for (const field of fields.trimEnd().split('\t')) {
    const space = field.indexOf(' ');
    const similarity = Number(field.slice(space + 1));
    if (space <= 0 || !(similarity > 0 && similarity <= 1)) continue;
    out.push({ word: field.slice(0, space), similarity });
  }
  return out;
}

function lineEnd(bytes: Buffer, at: number): number {
  const end = bytes.indexOf(0x0a, at);
  return end === -1 ? bytes.length : end;
}

let shipped: NeighbourTable | null | undefined;

/** The shipped table, read at the first call; null when the file is missing (questions are then read without it). */
export function embeddingNeighbours(): NeighbourTable | null {
  if (shipped !== undefined) return shipped;
  try {
    shipped = new NeighbourTable(readFileSync(new URL('./lexicon/en.neighbours.tsv', import.meta.url)));
  } catch {
    shipped = null;
  }
  return shipped;
}
