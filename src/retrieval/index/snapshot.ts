import { createHash, type Hash } from 'node:crypto';
import { closeSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stemmer } from '@orama/stemmers/english';
import { stopwords } from '@orama/stopwords/english';
import type { RawData } from '@orama/orama';
import { retrieverFromDatabase, type RetrieverOptions } from '../retriever.ts';
import { buildPassageDatabase, loadPassageDatabase, savePassageDatabase } from './database.ts';

/**
 * Startup from a saved index. Building splits and tokenizes every sentence; Orama's snapshot of the database
 * (`save`: our index and passage store save typed arrays) loads
 * several times faster (see bench/RESULTS.md). The snapshot is used only when it was made from exactly these
 * corpus files (content hash) by exactly this retrieval code (hash of src/retrieval and the stemmer and stop
 * words); anything else (missing, stale, truncated, corrupt, unreadable) silently means "build from Markdown",
 * and the fresh build is saved for next time.
 *
 * File layout: a fixed 80-byte prefix (magic, header length, key, SHA-256 of everything after the prefix),
 * a JSON header (documents, terms, vocabulary, and where each typed array is), then the typed arrays,
 * each aligned to 8 bytes so they are used in place.
 */

/** Bump when the layout of the file changes (changes to the code are caught by the code hash). */
const FORMAT = 3;
const MAGIC = Buffer.from('RQASNAP\n');
const PREFIX_BYTES = 80;

export interface LoadRetrieverOptions extends RetrieverOptions {
  /** The corpus directory (Markdown files). */
  corpusDir: string;
  /** Where snapshots are kept; relative paths are taken from the working directory. `null`: no snapshot, always build. */
  cacheDir?: string | null;
  /** Corpus warnings (skipped files); replayed when loading from a snapshot, so the log says the same either way. */
  onWarning?: (message: string) => void;
}

export interface LoadedRetriever {
  retriever: ReturnType<typeof retrieverFromDatabase>;
  /** `snapshot`: an up-to-date snapshot was loaded; `markdown`: the corpus was built from its files (and saved). */
  source: 'snapshot' | 'markdown';
  /** Where the snapshot is (or would be) kept; undefined without a cache directory. */
  snapshotFile: string | undefined;
  ms: number;
}

export const DEFAULT_CACHE_DIR = '.cache';

/**
 * The retriever for a corpus directory: from its snapshot when the corpus and the code are unchanged, otherwise
 * built from the Markdown files (rejecting with `CorpusError` for a bad corpus, as `loadCorpus` throws) and saved.
 * Both ways give the same answers. Async only so that the Markdown parser (yaml, zod: ~100 ms of imports) is
 * loaded when a build needs it; all the work is synchronous.
 */
export async function loadRetriever(options: LoadRetrieverOptions): Promise<LoadedRetriever> {
  const started = performance.now();
  const { corpusDir, cacheDir = DEFAULT_CACHE_DIR, onWarning, ...retrieverOptions } = options;
  let key: Buffer | null = null;
  let file: string | undefined;
  if (cacheDir !== null) {
    file = join(resolve(cacheDir), `retrieval-${sha256(resolve(corpusDir)).subarray(0, 8).toString('hex')}.snapshot`);
    key = snapshotKeyOrNull(corpusDir); // null for an unreadable corpus: loadCorpus below says what is wrong
  }

  const saved = key && file ? readSnapshot(file, key) : null;
  if (saved) {
    for (const warning of saved.warnings) onWarning?.(warning);
    return { retriever: retrieverFromDatabase(loadPassageDatabase(saved.data), retrieverOptions), source: 'snapshot', snapshotFile: file, ms: performance.now() - started };
  }

  const warnings: string[] = [];
  const { loadCorpus } = await import('../corpus/load.ts');
  const documents = loadCorpus(corpusDir, {
    onWarning: (message) => {
      warnings.push(message);
      onWarning?.(message);
    },
  });
  const db = buildPassageDatabase(documents);
  // Files changed while they were read (a reload during an edit) must not be saved under the key of the old ones.
  if (key && file && snapshotKeyOrNull(corpusDir)?.equals(key)) writeSnapshot(file, key, savePassageDatabase(db), warnings);
  return { retriever: retrieverFromDatabase(db, retrieverOptions), source: 'markdown', snapshotFile: file, ms: performance.now() - started };
}

/** What a snapshot must have been made from: this format, this code, these corpus files (names and bytes). */
export function snapshotKey(corpusDir: string): Buffer {
  return hashCorpusFiles(createHash('sha256').update(`format ${FORMAT}\n`).update(codeVersion()), corpusDir).digest();
}

function snapshotKeyOrNull(corpusDir: string): Buffer | null {
  try {
    return snapshotKey(corpusDir);
  } catch {
    return null;
  }
}

/**
 * The version of the corpus alone (not of the code): the first 12 hex digits of a SHA-256 over its files' names and
 * bytes. Equal versions mean the same files; shown in /healthz so replicas can be compared.
 */
export function corpusVersion(corpusDir: string): string {
  return hashCorpusFiles(createHash('sha256'), corpusDir).digest('hex').slice(0, 12);
}

function hashCorpusFiles(hash: Hash, corpusDir: string): Hash {
  const root = resolve(corpusDir);
  for (const name of readdirSync(root).sort()) {
    if (name.startsWith('.')) continue;
    const path = join(root, name);
    if (!statSync(path).isFile()) continue;
    const bytes = readFileSync(path);
    hash.update(`\0${name}\0${bytes.length}\0`).update(bytes);
  }
  return hash;
}

let cachedCodeVersion: Buffer | undefined;

/** A hash of the code that builds the index: every source file of src/retrieval, the stemmer and the stop words. */
function codeVersion(): Buffer {
  if (cachedCodeVersion) return cachedCodeVersion;
  const here = fileURLToPath(import.meta.url);
  const root = dirname(dirname(here));
  const sources = readdirSync(root, { recursive: true, encoding: 'utf8' })
    // The general Russian dictionary (3.5 MB) and the English word-vector neighbours (3 MB) are read only by
    // questions, never while indexing: hashing them at every start would cost more than it guards.
    .filter((name) => (name.endsWith(extname(here)) || name.endsWith('.tsv')) && !name.endsWith('.dictionary.tsv') && !name.endsWith('.neighbours.tsv'))
    .sort();
  const hash = createHash('sha256');
  for (const name of sources) hash.update(`\0${name}\0`).update(readFileSync(join(root, name)));
  hash.update(String(stemmer)).update(JSON.stringify(stopwords));
  cachedCodeVersion = hash.digest();
  return cachedCodeVersion;
}

type TypedArray = Int32Array | Uint16Array | Uint8Array | Float64Array;
const ARRAY_TYPES = { Int32Array, Uint16Array, Uint8Array, Float64Array } as const;
type ArrayType = keyof typeof ARRAY_TYPES;

interface Header {
  format: number;
  warnings: string[];
  arrays: Array<{ type: ArrayType; offset: number; length: number }>;
  /** RetrievalData with each typed array replaced by {"$array": index into `arrays`}. */
  data: unknown;
}

const align8 = (n: number) => Math.ceil(n / 8) * 8;

export function writeSnapshot(file: string, key: Buffer, data: RawData, warnings: readonly string[]): boolean {
  const arrays: TypedArray[] = [];
  const descriptors: Header['arrays'] = [];
  let offset = 0;
  const dataJson = JSON.stringify(data, (_key, value: unknown) => {
    if (!ArrayBuffer.isView(value)) return value;
    const array = value as TypedArray;
    const type = array.constructor.name as ArrayType;
    if (!(type in ARRAY_TYPES)) throw new Error(`cannot store a ${type} in a snapshot`);
    descriptors.push({ type, offset, length: array.length });
    arrays.push(array);
    offset = align8(offset + array.byteLength);
    return { $array: arrays.length - 1 };
  });
  const header = Buffer.from(`{"format":${FORMAT},"warnings":${JSON.stringify(warnings)},"arrays":${JSON.stringify(descriptors)},"data":${dataJson}}`);
  const body = new Uint8Array(offset);
  arrays.forEach((array, i) => body.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), descriptors[i]!.offset));
  const padding = new Uint8Array(align8(PREFIX_BYTES + header.length) - PREFIX_BYTES - header.length);

  const prefix = Buffer.alloc(PREFIX_BYTES);
  MAGIC.copy(prefix, 0);
  prefix.writeUInt32LE(header.length, 8);
  key.copy(prefix, 12);
  createHash('sha256').update(header).update(padding).update(body).digest().copy(prefix, 44);

  const temporary = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    const fd = openSync(temporary, 'w');
    try {
      for (const part of [prefix, header, padding, body]) writeAll(fd, part);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, file);
    return true;
  } catch {
    // A read-only or full disk only costs the next start its speed.
    rmSync(temporary, { force: true });
    return false;
  }
}

/** The data saved under `key` in `file`, or null when there is none, it is stale, or it is damaged in any way. */
export function readSnapshot(file: string, key: Buffer): { data: RawData; warnings: string[] } | null {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return null;
  }
  try {
    const size = fstatSync(fd).size;
    const prefix = readAt(fd, new Uint8Array(PREFIX_BYTES), 0);
    const view = Buffer.from(prefix.buffer);
    if (!view.subarray(0, 8).equals(MAGIC) || !view.subarray(12, 44).equals(key)) return null;
    const headerLength = view.readUInt32LE(8);
    const bodyStart = align8(PREFIX_BYTES + headerLength);
    if (bodyStart > size) return null;
    const header = readAt(fd, new Uint8Array(bodyStart - PREFIX_BYTES), PREFIX_BYTES);
    const body = readAt(fd, new Uint8Array(size - bodyStart), bodyStart);
    if (!createHash('sha256').update(header).update(body).digest().equals(view.subarray(44, 76))) return null;

    const parsed = JSON.parse(Buffer.from(header.buffer, 0, headerLength).toString('utf8')) as Header;
    if (parsed.format !== FORMAT) return null;
    const arrays = parsed.arrays.map(({ type, offset, length }) => {
      const Type = ARRAY_TYPES[type];
      if (!Type || offset % 8 !== 0 || offset + length * Type.BYTES_PER_ELEMENT > body.byteLength) throw new Error('bad array');
      return new Type(body.buffer, offset, length);
    });
    const data = revive(parsed.data, arrays) as RawData;
    checkShape(data);
    return { data, warnings: parsed.warnings };
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

function revive(value: unknown, arrays: readonly TypedArray[]): unknown {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (typeof value[i] === 'object' && value[i] !== null) value[i] = revive(value[i], arrays);
    return value;
  }
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    if (typeof record.$array === 'number') {
      const array = arrays[record.$array];
      if (!array) throw new Error('bad array reference');
      return array;
    }
    for (const k of Object.keys(record)) if (typeof record[k] === 'object' && record[k] !== null) record[k] = revive(record[k], arrays);
  }
  return value;
}

/** The checksum rules out damage; this rules out a snapshot that is whole but not what this code expects. */
function checkShape(data: RawData): void {
  const index = data.index as { terms?: unknown; internalIds?: unknown; fields?: Record<string, { postingStart?: unknown; fieldLength?: unknown }> };
  const docs = data.docs as { corpus?: { documents?: unknown; bodies?: unknown; passages?: { document?: unknown; byteEnd?: unknown; termStart?: unknown } }; passageOf?: unknown };
  const passages = docs.corpus?.passages;
  const count = passages?.document instanceof Int32Array ? passages.document.length : -1;
  const ok =
    Array.isArray(index.terms) &&
    index.internalIds instanceof Int32Array &&
    index.internalIds.length === count &&
    Object.values(index.fields ?? {}).every((f) => f.postingStart instanceof Int32Array && f.postingStart.length === (index.terms as unknown[]).length + 1 && f.fieldLength instanceof Int32Array && f.fieldLength.length === count) &&
    Array.isArray(docs.corpus?.documents) &&
    docs.corpus?.bodies instanceof Uint8Array &&
    passages?.byteEnd instanceof Int32Array &&
    (count === 0 || passages.byteEnd[count - 1]! <= docs.corpus.bodies.length) &&
    passages.termStart instanceof Int32Array &&
    passages.termStart.length === count + 1 &&
    docs.passageOf instanceof Int32Array;
  if (!ok) throw new Error('snapshot does not match the expected shape');
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

function readAt(fd: number, into: Uint8Array<ArrayBuffer>, position: number): Uint8Array<ArrayBuffer> {
  let done = 0;
  while (done < into.length) {
    const n = readSync(fd, into, done, into.length - done, position + done);
    if (n === 0) throw new Error('snapshot is truncated');
    done += n;
  }
  return into;
}

function writeAll(fd: number, bytes: Uint8Array): void {
  let done = 0;
  while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
}
