/**
 * A growable list of integers for building the index: chunks of Int32Array (growing to 4 MB), copied once into
 * an exactly sized array. No doubling copies, 4 bytes a value, and big chunks go back to the system when freed.
 */
export class IntList {
  private readonly chunks: Int32Array[] = [];
  private current: Int32Array;
  private used = 0;
  length = 0;

  constructor(capacity = 1024) {
    this.current = new Int32Array(Math.min(MAX_CHUNK, Math.max(1024, capacity)));
  }

  push(value: number): void {
    if (this.used === this.current.length) {
      this.chunks.push(this.current);
      this.current = new Int32Array(Math.min(MAX_CHUNK, this.current.length * 2));
      this.used = 0;
    }
    this.current[this.used++] = value;
    this.length += 1;
  }

  toArray(): Int32Array {
    return this.copyInto(new Int32Array(this.length));
  }

  /** The smallest unsigned array that holds every value (positions and phrase spans are small; memory is the point). */
  toUnsigned(): Uint8Array | Uint16Array | Int32Array {
    let max = 0;
    for (const chunk of [...this.chunks, this.current.subarray(0, this.used)]) for (const v of chunk) if (v > max) max = v;
    const out = max < 256 ? new Uint8Array(this.length) : max < 65536 ? new Uint16Array(this.length) : new Int32Array(this.length);
    return this.copyInto(out);
  }

  private copyInto<T extends Uint8Array | Uint16Array | Int32Array>(out: T): T {
    let at = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, at);
      at += chunk.length;
    }
    out.set(this.current.subarray(0, this.used), at);
    return out;
  }
}

const MAX_CHUNK = 1 << 20;

/**
 * A copy of `s` that does not keep the text it was cut from alive. V8 represents a slice of 13+ characters as a
 * pointer into its parent string; a corpus word kept in a dictionary would otherwise hold its whole document.
 */
export function detached(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/** Every distinct term once, numbered in order of first appearance; the index stores numbers, not strings. */
export class TermDictionary {
  private readonly ids = new Map<string, number>();

  constructor(readonly terms: string[] = []) {
    terms.forEach((t, i) => this.ids.set(t, i));
  }

  intern(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.terms.length;
      const own = detached(term);
      this.terms.push(own);
      this.ids.set(own, id);
    }
    return id;
  }

  id(term: string): number | undefined {
    return this.ids.get(term);
  }

  get size(): number {
    return this.terms.length;
  }
}

/**
 * Document texts as UTF-8 in one byte array: half the memory of JavaScript's two-byte strings, which every
 * text with a curly quote or a dash becomes. Only the pieces asked for are decoded (a sentence, the few
 * sentences an excerpt is cut from), never a whole document.
 */
export class TextStore {
  private readonly decoder = new TextDecoder();

  constructor(readonly bytes: Uint8Array) {}

  /** The texts one after another; text i starts at byte `starts[i]`. */
  static fromTexts(texts: readonly string[]): { store: TextStore; starts: Int32Array } {
    // Corpus files are decoded as strict UTF-8, so texts are well-formed and come back unchanged
    // (a lone surrogate, which only a hand-made string can hold, would come back as U+FFFD).
    // Sized first and encoded in place: no buffer per text to free afterwards.
    const starts = new Int32Array(texts.length + 1);
    texts.forEach((t, i) => (starts[i + 1] = starts[i]! + Buffer.byteLength(t, 'utf8')));
    const bytes = new Uint8Array(starts[texts.length]!);
    const encoder = new TextEncoder();
    texts.forEach((t, i) => encoder.encodeInto(t, bytes.subarray(starts[i]!, starts[i + 1]!)));
    return { store: new TextStore(bytes), starts };
  }

  /** The text of bytes [from, to). */
  slice(from: number, to: number): string {
    return this.decoder.decode(this.bytes.subarray(from, to));
  }
}
