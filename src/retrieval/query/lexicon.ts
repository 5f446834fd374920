import { readFileSync } from 'node:fs';
import { KAZAKH_LETTER, kazakhStemChain, plainKazakh } from '../text/kazakh-stemmer.ts';
import { isStopWord, lookupForms } from '../text/languages.ts';
import { ClosestKey } from './kazakh-spelling.ts';

/**
 * A bilingual domain lexicon (src/retrieval/query/lexicon/ru-en.tsv, kk-en.tsv): one entry per line,
 * `form | form | ...<TAB>English words`, forms in dictionary spelling, single words or phrases. Words are matched
 * through the language's stemmer (lookupForms), so a form covers its inflections.
 */
export type LexiconLanguage = 'ru' | 'kk';

interface FormWord {
  surface: string;
  /** The forms it is reached by: the word, its stem after one stemming step, its final stem when that is long enough to be safe. */
  keys: string[];
}

/** An entry reached by a key of its first word, and how many letters were stripped from that word to get the key. */
interface Keyed {
  entry: LexiconEntry;
  stripped: number;
}

interface LexiconEntry {
  words: FormWord[];
  english: string;
}

export interface LexiconMatch {
  /** How many words of the text the entry covers. */
  length: number;
  english: string;
}

export interface MatchOptions {
  /** The text is Kazakh typed without its letters (default: none of `words` has one). */
  plain?: boolean;
}

export class LexiconError extends Error {
  readonly code = 'LEXICON_INVALID';
}

export class Lexicon {
  readonly language: LexiconLanguage;
  readonly size: number;
  private readonly byKey = new Map<string, Keyed[]>();
  /** Every key of every word of every form, and a form word it stands for (its own word first). */
  private readonly wordOfKey = new Map<string, string>();
  private closestKey?: ClosestKey;

  constructor(language: LexiconLanguage, entries: ReadonlyArray<{ forms: string[]; english: string }>) {
    this.language = language;
    this.size = entries.length;
    for (const { forms, english } of entries) {
      for (const form of forms) {
        const words = form.split(/\s+/).map((surface) => ({ surface, keys: keysOf(formStems(surface, language), language) }));
        const entry = { words, english };
        for (const word of words) {
          const own = plainKazakh(word.surface);
          for (const key of word.keys) if (key === own || !this.wordOfKey.has(key)) this.wordOfKey.set(key, word.surface);
        }
        const first = words[0]!;
        // A verb's stem is as good as the verbal noun it is listed by ("талқылау" is "талқыла").
        const lemmas = new Set(keysOf([first.surface], language));
        for (const key of first.keys) {
          const list = this.byKey.get(key) ?? [];
          list.push({ entry, stripped: lemmas.has(key) ? 0 : first.surface.length - key.length });
          this.byKey.set(key, list);
        }
      }
    }
    for (const list of this.byKey.values()) list.sort((a, b) => b.entry.words.length - a.entry.words.length);
  }

  /** The forms and stems the entries' words are reached by (see keysOf). */
  keys(): IterableIterator<string> {
    return this.wordOfKey.keys();
  }

  /** The longest entry that matches the words starting at `at` (lowercase Cyrillic words), if any. */
  match(words: readonly string[], at: number, options: MatchOptions = {}): LexiconMatch | undefined {
    return this.matches(words, at, options)[0];
  }

  /** Every length of entry that matches the words starting at `at`, longest first (one entry per length). */
  matches(words: readonly string[], at: number, { plain = !words.some((w) => KAZAKH_LETTER.test(w)) }: MatchOptions = {}): LexiconMatch[] {
    if (words[at] === undefined) return [];
    const keys = new Map<number, string[]>();
    const keysAt = (i: number): string[] => {
      let k = keys.get(i);
      if (!k) keys.set(i, (k = keysOf(lookupForms(words[i]!, this.language, plain), this.language)));
      return k;
    };
    const byLength = new Map<number, LexiconMatch & { exact: number }>();
    for (const { entry } of this.reachedBy(keysAt(at), words[at]!)) {
      const length = entry.words.length;
      // A function word ("тем") is not read as a stem of a content word ("тема"): only its exact spelling counts.
      // Question words are function words too, and meet their own forms ("скольких" is "сколько").
      const form = entry.words[0]!.surface;
      if (length === 1 && isStopWord(words[at]!) && !isStopWord(form) && form !== words[at]) continue;
      const covered = phraseLength(entry.words, words, at, keysAt);
      if (covered === undefined) continue;
      // Of phrases that stem alike, the one spelled as the question's words: "сыртқы істер министрі" is the minister,
      // "... министрлігі" the ministry, though both stem to "министр".
      const exact = length > 1 ? exactWords(entry.words, words, at) : 0;
      const kept = byLength.get(covered);
      if (!kept || exact > kept.exact) byLength.set(covered, { length: covered, english: entry.english, exact });
    }
    return [...byLength.values()].sort((a, b) => b.length - a.length).map(({ length, english }) => ({ length, english }));
  }

  /** Whether any form has a word that `word` is a form of. */
  knows(word: string, { plain = !KAZAKH_LETTER.test(word) }: MatchOptions = {}): boolean {
    return this.hasKeyOf(lookupForms(word, this.language, plain));
  }

  /** Whether a form has the word itself or its first stem, not only a stem further down its chain ("голосавания" only through "голоса"). */
  knowsClosely(word: string, { plain = !KAZAKH_LETTER.test(word) }: MatchOptions = {}): boolean {
    return this.hasKeyOf(lookupForms(word, this.language, plain).slice(0, 2));
  }

  private hasKeyOf(chain: readonly string[]): boolean {
    return keysOf(chain, this.language).some((key) => this.wordOfKey.has(key));
  }

  /**
   * For a Kazakh word no form knows, the form word it is most likely a misspelling of (see ClosestKey), if any.
   * The index of words by letters is made at the first misspelling: only Kazakh questions pay for it.
   */
  correction(word: string, options: MatchOptions = {}): string | undefined {
    if (this.language !== 'kk' || this.knows(word, options)) return undefined;
    this.closestKey ??= new ClosestKey(this.wordOfKey.keys());
    const plain = options.plain ?? !KAZAKH_LETTER.test(word);
    const key = this.closestKey.closest(keysOf(lookupForms(word, this.language, plain), this.language));
    return key === undefined ? undefined : this.wordOfKey.get(key);
  }

  /**
   * The entries a word's keys reach, best first. Russian: by the word's keys, longest first. Kazakh: by how little of
   * the word and of the entry's word was stripped to meet, so the two closest forms meet first: "келеді" (кел-еді)
   * is "келу" (arrive), not "келесі" (next, келе-сі), though "келе" is the longer key; "қазақстандағы" is
   * "қазақстан" before "қазақстандық". Ties go to the longer key. In both, a form spelled as the word goes first.
   */
  private reachedBy(keys: readonly string[], word: string): Keyed[] {
    // A form spelled exactly as the word goes first: "ел" is the country, though the number "елу" stems to it too.
    const plainWord = plainKazakh(word);
    const reached = keys.flatMap((key) =>
      (this.byKey.get(key) ?? []).map((k) => ({ ...k, stripped: k.stripped + Math.max(0, word.length - key.length), respelled: plainKazakh(k.entry.words[0]!.surface) === plainWord ? 0 : 1 })),
    );
    const kazakh = this.language === 'kk';
    return reached.sort((a, b) => a.respelled - b.respelled || (kazakh ? a.stripped - b.stripped : 0));
  }
}

/** How many of a phrase's words are spelled exactly as the question's words from `at` (Kazakh letters or not). */
function exactWords(phrase: ReadonlyArray<{ surface: string }>, words: readonly string[], at: number): number {
  let n = 0;
  for (let i = 0; i < phrase.length; i++) if (words[at + i] !== undefined && plainKazakh(phrase[i]!.surface) === plainKazakh(words[at + i]!)) n += 1;
  return n;
}

/** A form's stems: for Kazakh, those of its most likely reading only (a dictionary form is rarely inflected). */
function formStems(surface: string, language: LexiconLanguage): string[] {
  return language === 'kk' ? kazakhStemChain(surface) : lookupForms(surface, language);
}

/**
 * A form's keys: the word, and for Russian its Snowball stem ("миде" → "мид") and the further stems along its
 * stemming chain that keep 4+ letters (stemming again can cut "заявил" down to "за"); for Kazakh every stem left
 * after stripping endings (a lexicon form's most likely reading; a question word's every reading), and a verb's stem.
 */
function keysOf(chain: readonly string[], language: LexiconLanguage): string[] {
  if (language === 'kk') {
    // Verbs are listed as verbal nouns ("талқылау"); their finite forms strip down to the bare stem ("талқылаған" → "талқыла").
    // Nouns end in a vowel and у too, but short ones (тау, дау, жау).
    const word = chain[0]!;
    const verbStem = (/[^аәеыіоөұүуэюя]у$/.test(word) && word.length >= 3) || (/[аәе]у$/.test(word) && word.length >= 5) ? [word.slice(0, -1)] : [];
    // Keys without Kazakh letters: "комиссиясынын", typed on a Russian keyboard, meets "комиссиясының".
    return [...new Set([...chain, ...verbStem].map(plainKazakh))];
  }
  return [...new Set([chain[0]!, ...chain.slice(1, 2), ...chain.slice(2).filter((stem) => stem.length >= 4)])];
}

/**
 * How many words of the text from `at` a phrase covers, or undefined when it does not match. One function word may
 * stand between two words of a phrase ("по чьему представлению" still reads as "по представлению").
 */
function phraseLength(form: readonly FormWord[], words: readonly string[], at: number, keysAt: (i: number) => string[]): number | undefined {
  let i = at;
  let skipped = false;
  for (const [n, w] of form.entries()) {
    if (i >= words.length) return undefined;
    if (!wordMatches(w, keysAt(i))) {
      if (n === 0 || skipped || !isStopWord(words[i]!) || QUESTION_WORDS.has(words[i]!) || i + 1 >= words.length || !wordMatches(w, keysAt(i + 1))) return undefined;
      skipped = true;
      i += 1;
    }
    i += 1;
  }
  return i - at;
}

/** Question words are function words a phrase never skips: "қызметін кім атқарды" asks who served. */
const QUESTION_WORDS = new Set(['кім', 'кімді', 'кімге', 'не', 'нені', 'қай', 'қашан', 'қайда', 'неге', 'неше', 'қанша', 'қалай', 'кто', 'кого', 'кому', 'что', 'чего', 'какой', 'какая', 'какое', 'какие', 'когда', 'где', 'почему', 'зачем', 'сколько', 'как']);

/** A word of the text matches a form when one of its keys is one of the form's keys. */
function wordMatches(form: FormWord, keys: readonly string[]): boolean {
  return keys.some((k) => form.keys.includes(k));
}

/** Parses a lexicon file; every problem names the file and line. */
export function parseLexicon(text: string, language: LexiconLanguage, file: string): Lexicon {
  const entries: Array<{ forms: string[]; english: string }> = [];
  const seen = new Map<string, number>();
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const parts = raw.split('\t');
    const where = `${file}:${i + 1}`;
    if (parts.length !== 2) return void problems.push(`${where}: expected "forms<TAB>English", found ${parts.length - 1} tabs`);
    const forms = parts[0]!.split('|').map((f) => f.trim().toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ')).filter((f) => f.length > 0);
    const english = parts[1]!.trim();
    if (forms.length === 0 || english === '') return void problems.push(`${where}: empty ${forms.length === 0 ? 'forms' : 'English side'}`);
    for (const form of forms) {
      const earlier = seen.get(form);
      if (earlier !== undefined) problems.push(`${where}: "${form}" is already on line ${earlier}`);
      seen.set(form, i + 1);
    }
    entries.push({ forms, english });
  });
  if (problems.length > 0) throw new LexiconError(`Invalid lexicon:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return new Lexicon(language, entries);
}

export interface Lexicons {
  ru: Lexicon;
  kk: Lexicon;
  /** A general Russian dictionary (ru-en.dictionary.tsv) for the words the domain lexicons do not list. */
  ruGeneral?: WordDictionary;
}

let loaded: Lexicons | undefined;

/** The lexicons shipped with the code (read once). */
export function defaultLexicons(): Lexicons {
  if (!loaded) {
    const read = (language: LexiconLanguage) => {
      const url = new URL(`./lexicon/${language}-en.tsv`, import.meta.url);
      return parseLexicon(readFileSync(url, 'utf8'), language, `src/retrieval/query/lexicon/${language}-en.tsv`);
    };
    const general = new URL('./lexicon/ru-en.dictionary.tsv', import.meta.url);
    loaded = { ru: read('ru'), kk: read('kk'), ruGeneral: parseWordDictionary(readFileSync(general, 'utf8'), 'src/retrieval/query/lexicon/ru-en.dictionary.tsv') };
  }
  return loaded;
}

/**
 * A general one-word-to-English dictionary (ru-en.dictionary.tsv: `word<TAB>English words<TAB>keys`, the keys being
 * the word's lookup keys as `russianKeys` gives them, worked out when the file was written): tens of thousands of
 * words, so it is a plain map from key to English instead of a Lexicon (which would stem every form at load).
 */
export class WordDictionary {
  readonly size: number;
  private readonly byKey: Map<string, string>;

  constructor(byKey: Map<string, string>, size: number) {
    this.byKey = byKey;
    this.size = size;
  }

  /** Is this word (lowercase, ё as е) or one of its stems in the dictionary? */
  knows(word: string): boolean {
    return russianKeys(word).some((key) => this.byKey.has(key));
  }

  matches(words: readonly string[], at: number): LexiconMatch[] {
    const word = words[at];
    if (word === undefined || isStopWord(word)) return [];
    for (const key of russianKeys(word)) {
      const english = this.byKey.get(key);
      if (english !== undefined) return [{ length: 1, english }];
    }
    return [];
  }
}

/** The keys a Russian word is looked up by (see keysOf). */
export function russianKeys(word: string): string[] {
  return keysOf(lookupForms(word, 'ru'), 'ru');
}

export function parseWordDictionary(text: string, file: string): WordDictionary {
  const byKey = new Map<string, string>();
  let size = 0;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '' || line.startsWith('#')) continue;
    const [word, english, keys, extra] = line.split('\t');
    if (!word || !english || !keys || extra !== undefined) throw new LexiconError(`Invalid dictionary: ${file}:${i + 1}: expected "word<TAB>English<TAB>keys"`);
    size += 1;
    for (const key of keys.split(' ')) if (!byKey.has(key)) byKey.set(key, english);
  }
  return new WordDictionary(byKey, size);
}
