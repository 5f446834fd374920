import { createSentenceMemo, type SentenceMemo } from '../rank/sentence-memo.ts';
import { IntList, type TermDictionary, type TextStore } from './compact.ts';
import { personIntroductions } from './persons.ts';
import { splitSentences, type SentenceSpan } from './sentences.ts';
import { textLanguage } from '../text/languages.ts';
import { CONCEPT_PREFIX, termsOfWords, words, type Word } from '../text/tokenizer.ts';
import type { CorpusDocument } from '../types.ts';
import { countSurfaces } from '../query/spelling.ts';

/** Membership of a term in a passage's sentence, neighbours or title. */
export interface TermLookup {
  has(term: string): boolean;
  /** The same by dictionary number (what ranking uses: no string hashing per candidate). */
  hasId(id: number): boolean;
}

/**
 * The unit of retrieval: one sentence of a document, with its neighbours as context.
 * Ranking works on sentences so the excerpt can be the sentence that answers, not a paragraph's first lines.
 * A passage is a light view over the compact arrays (see PassageArrays), made when ranking looks at it.
 */
export interface Passage {
  /** Index in the corpus' passage list. */
  readonly index: number;
  readonly documentIndex: number;
  readonly sentenceIndex: number;
  readonly sentence: SentenceSpan;
  /** The sentence's terms in order: `term(i)` at content-word position `position(i)`, for i < termCount. */
  readonly termCount: number;
  term(i: number): string;
  termId(i: number): number;
  position(i: number): number;
  /** Terms of the sentence. */
  readonly termSet: TermLookup;
  /**
   * Terms of the neighbouring sentences in the same paragraph, as ranges of the corpus' term ids written into
   * `into` (from1, to1, from2, to2: the previous sentence's and the next one's, empty when not in the paragraph;
   * then from3, to3, from4, to4: the sentences that say whose words a quotation's sentence is, or empty; then
   * from5, to5: the sentence that introduces a person it names by surname, or empty); returns the term id array
   * they index.
   */
  contextRanges(into: Int32Array): Int32Array;
  /**
   * Terms of the document's title (questions often name the event an article reports on), as contextRanges gives
   * the neighbours' (from, to, then empty ranges); returns the title term id array they index.
   */
  titleRanges(into: Int32Array): Int32Array;
  /** Number of content words, for length normalisation. */
  readonly length: number;
  /** The sentence opens by referring back to what came before ("The event was chaired by ..."): see REFERS_BACK. */
  readonly refersBack: boolean;
  /** Per-corpus memo of what the answer-type checks found in each sentence. */
  readonly memo: SentenceMemo;
}

export type UintArray = Uint8Array | Uint16Array | Int32Array;

/**
 * Every passage of the corpus in compact form: numbers in typed arrays, terms as dictionary ids, no object
 * per passage. 100k passages take tens of MB instead of hundreds; `PassageStore` makes `Passage` objects on demand.
 */
export interface PassageArrays {
  /** Per document: the index of its first passage (one more entry than documents). */
  documentStart: Int32Array;
  /** Per passage: its document, the sentence's span in the document body, its paragraph, its number of content words. */
  document: Int32Array;
  start: Int32Array;
  end: Int32Array;
  /** The same span as bytes of the corpus text (all bodies as UTF-8, one after another: see TextStore). */
  byteStart: Int32Array;
  byteEnd: Int32Array;
  paragraph: Int32Array;
  length: Int32Array;
  /** The sentence's terms in order (passage p: entries termStart[p] up to termStart[p + 1]). */
  termStart: Int32Array;
  termId: Int32Array;
  termPosition: UintArray;
  termSpan: UintArray;
  /** Per passage: 1 when the sentence opens by referring back ("The event was ...", "He said ..."): see REFERS_BACK. */
  refersBack: Uint8Array;
  /**
   * Per passage inside a quotation: the sentences that say whose words they are (the one that opens the quotation,
   * or the one before it when the quotation opens a sentence; the one that closes it), as passage numbers, else -1.
   */
  quoteLead: Int32Array;
  quoteTail: Int32Array;
  /** Per passage: the sentence that introduces a person it names by surname (see persons.ts), else -1. */
  personIntro: Int32Array;
  /** The distinct terms of each document's title (document d: titleStart[d] up to titleStart[d + 1]). */
  titleStart: Int32Array;
  titleTerm: Int32Array;
}

export interface PassageBuild {
  arrays: PassageArrays;
  /** Corpus words (lowercase) and how often each occurs, in order of first appearance: the spelling vocabulary. */
  surfaces: Map<string, number>;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2022-05-30" → "30 May 2022"; "2022-06" → "June 2022"; anything else as it is. */
export function dateWords(date: string): string {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(date.trim());
  if (!m) return date;
  const month = m[2] ? MONTHS[Number(m[2]) - 1] : undefined;
  return [m[3] ? String(Number(m[3])) : '', month ?? '', m[1]].filter(Boolean).join(' ');
}

/**
 * A sentence that opens with a pronoun or a definite description ("The event was chaired by ...", "He noted ...",
 * "In his opening remarks, ...") is about what the article was just talking about, even across a paragraph break:
 * its previous sentence and the article's title count as its context.
 */
export const REFERS_BACK = /^(?:(?:The|This|That|These|Those|Such)\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)?\s+(?:was|were|is|are|has|have|had|will|would|also|[a-z]+ed)\b|(?:It|He|She|They|Its|His|Her|Their)\s|(?:In|At|During)\s+(?:his|her|their|its)\s|According to (?:him|her|them|the (?:head|director|expert|speaker))\b)/;

const OPENING_QUOTE = /[“«„]/g;
const CLOSING_QUOTE = /[”»]/g;

/**
 * The quotations of a document's sentences: for each sentence inside one (within a paragraph), the sentences that
 * say whose words they are. "X expressed the opinion that ... . “Statistics say ... . We must cultivate ...,” the
 * expert stressed." — every sentence of the quotation is X's, though only the first and last name X.
 */
export function quotations(sentences: readonly SentenceSpan[]): Array<{ lead: number; tail: number } | null> {
  const out: Array<{ lead: number; tail: number } | null> = sentences.map(() => null);
  let open = -1;
  let lead = -1;
  const close = (tail: number) => {
    for (let s = open; s <= tail; s++) out[s] = { lead, tail };
    open = -1;
  };
  sentences.forEach((sentence, i) => {
    if (open >= 0 && sentence.paragraph !== sentences[open]!.paragraph) close(i - 1);
    const opens = sentence.text.match(OPENING_QUOTE)?.length ?? 0;
    const closes = sentence.text.match(CLOSING_QUOTE)?.length ?? 0;
    if (open < 0 && opens > closes) {
      open = i;
      const before = sentences[i - 1];
      lead = /^\s*[“«„]/.test(sentence.text) && before && before.paragraph === sentence.paragraph ? i - 1 : i;
    } else if (open >= 0 && closes > opens) {
      close(i);
    }
  });
  if (open >= 0) close(sentences.length - 1);
  return out;
}

/** Splits every document into sentences and tokenizes each sentence once; everything else is derived from that. */
export function buildPassages(documents: readonly CorpusDocument[], dictionary: TermDictionary): PassageBuild {
  const documentStart = new IntList(documents.length + 1);
  const [document, start, end, paragraph, length] = [new IntList(), new IntList(), new IntList(), new IntList(), new IntList()];
  const [byteStart, byteEnd] = [new IntList(), new IntList()];
  let bodyBytes = 0;
  const [termStart, termId, termPosition, termSpan] = [new IntList(), new IntList(), new IntList(), new IntList()];
  const [titleStart, titleTerm] = [new IntList(documents.length + 1), new IntList()];
  const refersBack: number[] = [];
  const quoteLead: number[] = [];
  const quoteTail: number[] = [];
  const personIntro: number[] = [];
  const surfaces = new Map<string, number>();

  documents.forEach((doc, documentIndex) => {
    documentStart.push(document.length);
    titleStart.push(titleTerm.length);
    const language = textLanguage(doc.language);
    // The article's date reads as part of its title: questions name a news event by its day ("the meeting on 30 May").
    const heading = `${doc.title} ${dateWords(doc.date)}`;
    for (const id of new Set(termsOfWords(words(heading, language)).map((t) => dictionary.intern(t.term)))) titleTerm.push(id);

    const sentences = splitSentences(doc.body);
    const wordLists: Word[][] = sentences.map((s) => words(s.text, language));
    for (const ws of wordLists) countSurfaces(ws, surfaces);
    // Byte offsets, counted along the body (sentences come in order).
    let chars = 0;
    let bytes = bodyBytes;
    const bytesAt = (offset: number) => {
      bytes += Buffer.byteLength(doc.body.slice(chars, offset), 'utf8');
      chars = offset;
      return bytes;
    };
    sentences.forEach((sentence, i) => {
      const own = termsOfWords(wordLists[i]!);
      document.push(documentIndex);
      start.push(sentence.start);
      end.push(sentence.end);
      byteStart.push(bytesAt(sentence.start));
      byteEnd.push(bytesAt(sentence.end));
      paragraph.push(sentence.paragraph);
      refersBack.push(i > 0 && REFERS_BACK.test(sentence.text) ? 1 : 0);
      length.push(own.filter((t) => t.span === 1 && !t.term.startsWith(CONCEPT_PREFIX)).length);
      termStart.push(termId.length);
      for (const t of own) {
        termId.push(dictionary.intern(t.term));
        termPosition.push(t.position);
        termSpan.push(t.span);
      }
    });
    const first = quoteLead.length;
    for (const ends of quotations(sentences)) {
      quoteLead.push(ends ? first + ends.lead : -1);
      quoteTail.push(ends ? first + ends.tail : -1);
    }
    for (const introduction of personIntroductions(sentences.map((s) => s.text), wordLists)) personIntro.push(introduction >= 0 ? first + introduction : -1);
    bodyBytes += Buffer.byteLength(doc.body, 'utf8');
  });
  documentStart.push(document.length);
  titleStart.push(titleTerm.length);
  termStart.push(termId.length);

  return {
    arrays: {
      documentStart: documentStart.toArray(),
      document: document.toArray(),
      start: start.toArray(),
      end: end.toArray(),
      byteStart: byteStart.toArray(),
      byteEnd: byteEnd.toArray(),
      paragraph: paragraph.toArray(),
      length: length.toArray(),
      termStart: termStart.toArray(),
      termId: termId.toArray(),
      termPosition: termPosition.toUnsigned(),
      termSpan: termSpan.toUnsigned(),
      refersBack: Uint8Array.from(refersBack),
      quoteLead: Int32Array.from(quoteLead),
      quoteTail: Int32Array.from(quoteTail),
      personIntro: Int32Array.from(personIntro),
      titleStart: titleStart.toArray(),
      titleTerm: titleTerm.toArray(),
    },
    surfaces,
  };
}

/** How many passage views are kept for reuse (a power of two). */
const VIEW_SLOTS = 4096;

/** The text around a passage an excerpt is cut from (see PassageStore.region). */
export interface Region {
  readonly text: string;
  readonly offset: number;
  readonly sentences: readonly SentenceSpan[];
}

/**
 * Passages for ranking, as views over the compact arrays. The views of recently ranked passages are kept in a
 * small direct-mapped table (a slot per passage number modulo its size), so that the same sentences ranked again
 * make no new objects: a query ranks 32 candidates, and the garbage every query leaves is what makes the garbage
 * collector pause. Memory stays bounded however many passages queries touch.
 */
export class PassageStore {
  readonly memo: SentenceMemo;
  private readonly views: Array<PassageView | undefined> = new Array<PassageView | undefined>(VIEW_SLOTS).fill(undefined);
  private readonly termSets: Array<Set<string> | undefined> = new Array<Set<string> | undefined>(VIEW_SLOTS).fill(undefined);
  private readonly termSetOwners = new Int32Array(VIEW_SLOTS).fill(-1);
  // Excerpts are cut from the same sentences question after question: their regions are kept like the views.
  private readonly regions: Array<Region | undefined> = new Array<Region | undefined>(VIEW_SLOTS).fill(undefined);
  private readonly regionOwners = new Int32Array(VIEW_SLOTS).fill(-1);

  constructor(
    /** The documents' bodies, as UTF-8 (excerpts are slices of them). */
    readonly bodies: TextStore,
    private readonly dictionary: TermDictionary,
    readonly arrays: PassageArrays,
  ) {
    this.memo = createSentenceMemo(arrays.document.length, dictionary.size);
  }

  get count(): number {
    return this.arrays.document.length;
  }

  passage(p: number): Passage {
    const slot = p & (VIEW_SLOTS - 1);
    const kept = this.views[slot];
    if (kept !== undefined && kept.index === p) return kept;
    const view = new PassageView(this, this.dictionary, p);
    this.views[slot] = view;
    return view;
  }

  /** The distinct terms of a passage's sentence as a set (for comparing excerpts), kept in the passage's view slot. */
  termSetOf(p: number): ReadonlySet<string> {
    const slot = p & (VIEW_SLOTS - 1);
    const kept = this.termSets[slot];
    if (kept !== undefined && this.termSetOwners[slot] === p) return kept;
    const a = this.arrays;
    const set = new Set<string>();
    for (let i = a.termStart[p]!; i < a.termStart[p + 1]!; i++) set.add(this.dictionary.terms[a.termId[i]!]!);
    this.termSets[slot] = set;
    this.termSetOwners[slot] = p;
    return set;
  }

  /**
   * What an excerpt around passage p can be cut from: the text from the previous sentence to the next (same
   * document), where it starts in the body, and those sentences as spans of that text, at their sentence index
   * in the document (the others are holes). One small decode instead of the whole document.
   */
  region(p: number): Region {
    const slot = p & (VIEW_SLOTS - 1);
    const kept = this.regions[slot];
    if (kept !== undefined && this.regionOwners[slot] === p) return kept;
    const region = this.cutRegion(p);
    this.regions[slot] = region;
    this.regionOwners[slot] = p;
    return region;
  }

  private cutRegion(p: number): Region {
    const a = this.arrays;
    const documentIndex = a.document[p]!;
    const first = a.documentStart[documentIndex]!;
    const from = Math.max(first, p - 1);
    const to = Math.min(a.documentStart[documentIndex + 1]! - 1, p + 1);
    const text = this.bodies.slice(a.byteStart[from]!, a.byteEnd[to]!);
    const offset = a.start[from]!;
    const sentences: SentenceSpan[] = [];
    for (let q = from; q <= to; q++) {
      const s = a.start[q]! - offset;
      const e = a.end[q]! - offset;
      sentences[q - first] = { start: s, end: e, text: text.slice(s, e), paragraph: a.paragraph[q]! };
    }
    return { text, offset, sentences };
  }

  /** The previous and next sentence of the same paragraph, as one text: a passage's context. */
  neighbours(p: number): string {
    const a = this.arrays;
    const d = a.document[p]!;
    const texts: string[] = [];
    if (p > a.documentStart[d]! && (a.paragraph[p - 1] === a.paragraph[p] || a.refersBack[p] === 1)) texts.push(this.span(p - 1).text);
    if (p + 1 < a.documentStart[d + 1]! && a.paragraph[p + 1] === a.paragraph[p]) texts.push(this.span(p + 1).text);
    for (const end of ['lead', 'tail'] as const) {
      const q = quoteSpeaker(a, p, end);
      if (q >= 0) texts.push(this.span(q).text);
    }
    const intro = personIntro(a, p);
    if (intro >= 0) texts.push(this.span(intro).text);
    return texts.join(' ');
  }

  span(p: number): SentenceSpan {
    const a = this.arrays;
    return { start: a.start[p]!, end: a.end[p]!, text: this.bodies.slice(a.byteStart[p]!, a.byteEnd[p]!), paragraph: a.paragraph[p]! };
  }
}

/**
 * The sentence of p's quotation that says whose words they are, at its opening ('lead') or its close ('tail'),
 * or -1 when there is none beyond p and its neighbours (see quotations). No array per call: ranking asks for most
 * candidates of every question.
 */
function quoteSpeaker(a: PassageArrays, p: number, end: 'lead' | 'tail'): number {
  const lead = a.quoteLead[p]!;
  const q = end === 'lead' ? lead : a.quoteTail[p]!;
  if (q < 0 || Math.abs(q - p) <= 1 || (end === 'tail' && q === lead)) return -1;
  return q;
}

/** The sentence introducing a person p names, unless it is already p's context as a quotation's speaker. */
function personIntro(a: PassageArrays, p: number): number {
  const q = a.personIntro[p]!;
  return q >= 0 && q !== quoteSpeaker(a, p, 'lead') && q !== quoteSpeaker(a, p, 'tail') ? q : -1;
}

/** Is a term's id among ids[from, to)? Sentences have a few dozen terms: a scan beats a Set. */
class TermRange implements TermLookup {
  constructor(
    private readonly dictionary: TermDictionary,
    private readonly ids: Int32Array,
    private readonly from: number,
    private readonly to: number,
  ) {}

  has(term: string): boolean {
    return this.hasId(this.dictionary.id(term) ?? -1);
  }

  hasId(id: number): boolean {
    const ids = this.ids;
    for (let i = this.from; i < this.to; i++) if (ids[i] === id) return true;
    return false;
  }
}

class PassageView implements Passage {
  readonly documentIndex: number;
  private readonly first: number;
  private readonly termFrom: number;
  private spanCache: SentenceSpan | undefined;
  private sentenceLookup: TermLookup | undefined;

  constructor(
    private readonly store: PassageStore,
    private readonly dictionary: TermDictionary,
    readonly index: number,
  ) {
    const a = store.arrays;
    this.documentIndex = a.document[index]!;
    this.first = a.documentStart[this.documentIndex]!;
    this.termFrom = a.termStart[index]!;
  }

  get sentenceIndex(): number {
    return this.index - this.first;
  }

  get sentence(): SentenceSpan {
    return (this.spanCache ??= this.store.span(this.index));
  }

  get length(): number {
    return this.store.arrays.length[this.index]!;
  }

  get refersBack(): boolean {
    return this.store.arrays.refersBack[this.index] === 1;
  }

  get memo(): SentenceMemo {
    return this.store.memo;
  }

  get termCount(): number {
    return this.store.arrays.termStart[this.index + 1]! - this.termFrom;
  }

  term(i: number): string {
    return this.dictionary.terms[this.store.arrays.termId[this.termFrom + i]!]!;
  }

  termId(i: number): number {
    return this.store.arrays.termId[this.termFrom + i]!;
  }

  position(i: number): number {
    return this.store.arrays.termPosition[this.termFrom + i]!;
  }

  get termSet(): TermLookup {
    return (this.sentenceLookup ??= new TermRange(this.dictionary, this.store.arrays.termId, this.termFrom, this.store.arrays.termStart[this.index + 1]!));
  }

  contextRanges(into: Int32Array): Int32Array {
    const a = this.store.arrays;
    const p = this.index;
    const last = a.documentStart[this.documentIndex + 1]! - 1;
    const prev = p > this.first && (a.paragraph[p - 1] === a.paragraph[p] || a.refersBack[p] === 1);
    const next = p < last && a.paragraph[p + 1] === a.paragraph[p];
    into[0] = prev ? a.termStart[p - 1]! : 0;
    into[1] = prev ? a.termStart[p]! : 0;
    into[2] = next ? a.termStart[p + 1]! : 0;
    into[3] = next ? a.termStart[p + 2]! : 0;
    const lead = quoteSpeaker(a, p, 'lead');
    const tail = quoteSpeaker(a, p, 'tail');
    into[4] = lead >= 0 ? a.termStart[lead]! : 0;
    into[5] = lead >= 0 ? a.termStart[lead + 1]! : 0;
    into[6] = tail >= 0 ? a.termStart[tail]! : 0;
    into[7] = tail >= 0 ? a.termStart[tail + 1]! : 0;
    const intro = personIntro(a, p);
    into[8] = intro >= 0 ? a.termStart[intro]! : 0;
    into[9] = intro >= 0 ? a.termStart[intro + 1]! : 0;
    return a.termId;
  }

  titleRanges(into: Int32Array): Int32Array {
    const a = this.store.arrays;
    into[0] = a.titleStart[this.documentIndex]!;
    into[1] = a.titleStart[this.documentIndex + 1]!;
    into.fill(0, 2);
    return a.titleTerm;
  }
}
