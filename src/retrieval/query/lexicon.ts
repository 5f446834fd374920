import { readFileSync } from 'node:fs';
import { plainKazakh } from '../text/kazakh-stemmer.ts';
import { isStopWord, lookupForms } from '../text/languages.ts';

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

interface LexiconEntry {
  words: FormWord[];
  english: string;
}

export interface LexiconMatch {
  /** How many words of the text the entry covers. */
  length: number;
  english: string;
}

export class LexiconError extends Error {
  readonly code = 'LEXICON_INVALID';
}

export class Lexicon {
  readonly language: LexiconLanguage;
  readonly size: number;
  private readonly byKey = new Map<string, LexiconEntry[]>();
  /** The keys of every word of every form, phrases' later words too. */
  private readonly wordKeys = new Set<string>();

  constructor(language: LexiconLanguage, entries: ReadonlyArray<{ forms: string[]; english: string }>) {
    this.language = language;
    this.size = entries.length;
    for (const { forms, english } of entries) {
      for (const form of forms) {
        const words = form.split(/\s+/).map((surface) => ({ surface, keys: keysOf(lookupForms(surface, language), language) }));
        const entry = { words, english };
        for (const word of words) for (const key of word.keys) this.wordKeys.add(key);
        for (const key of words[0]!.keys) {
          const list = this.byKey.get(key) ?? [];
          list.push(entry);
          this.byKey.set(key, list);
        }
      }
    }
    for (const list of this.byKey.values()) list.sort((a, b) => b.words.length - a.words.length);
  }

  /** Does some entry have this word (lowercase, ё as е) in one of its forms, as any of its words? */
  knows(word: string): boolean {
    return keysOf(lookupForms(word, this.language), this.language).some((key) => this.wordKeys.has(key));
  }

  /** The forms and stems the entries' words are reached by (see keysOf). */
  keys(): IterableIterator<string> {
    return this.wordKeys.values();
  }

  /** The longest entry that matches the words starting at `at` (lowercase Cyrillic words), if any. */
  match(words: readonly string[], at: number): LexiconMatch | undefined {
    return this.matches(words, at)[0];
  }

  /** Every length of entry that matches the words starting at `at`, longest first (one entry per length). */
  matches(words: readonly string[], at: number): LexiconMatch[] {
    if (words[at] === undefined) return [];
    const keys = new Map<number, string[]>();
    const keysAt = (i: number): string[] => {
      let k = keys.get(i);
      if (!k) keys.set(i, (k = keysOf(lookupForms(words[i]!, this.language), this.language)));
      return k;
    };
    const byLength = new Map<number, LexiconMatch>();
    for (const key of keysAt(at)) {
      for (const entry of this.byKey.get(key) ?? []) {
        const length = entry.words.length;
        // A function word ("тем") is not read as a stem of a content word ("тема"): only its exact spelling counts.
        // Question words are function words too, and meet their own forms ("скольких" is "сколько").
        const form = entry.words[0]!.surface;
        if (length === 1 && isStopWord(words[at]!) && !isStopWord(form) && form !== words[at]) continue;
        const covered = phraseLength(entry.words, words, at, keysAt);
        if (covered !== undefined && !byLength.has(covered)) byLength.set(covered, { length: covered, english: entry.english });
      }
    }
    return [...byLength.values()].sort((a, b) => b.length - a.length);
  }
}

/**
 * A form's keys: the word, and for Russian its Snowball stem ("миде" → "мид") and the further stems along its
 * stemming chain that keep 4+ letters (stemming again can cut "заявил" down to "за"); for Kazakh every form left
 * after stripping an ending (the endings are stripped in Kazakh's own order).
 */
function keysOf(chain: readonly string[], language: LexiconLanguage): string[] {
  if (language === 'kk') {
    // Verbs are listed as verbal nouns ("талқылау"); their finite forms strip down to the bare stem ("талқылаған" → "талқыла").
    const verbStem = /[^аеыіоөұүуэюя]у$/.test(chain[0]!) && chain[0]!.length >= 5 ? [chain[0]!.slice(0, -1)] : [];
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
      if (n === 0 || skipped || !isStopWord(words[i]!) || i + 1 >= words.length || !wordMatches(w, keysAt(i + 1))) return undefined;
      skipped = true;
      i += 1;
    }
    i += 1;
  }
  return i - at;
}

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
}

let loaded: Lexicons | undefined;

/** The lexicons shipped with the code (read once). */
export function defaultLexicons(): Lexicons {
  if (!loaded) {
    const read = (language: LexiconLanguage) => {
      const url = new URL(`./lexicon/${language}-en.tsv`, import.meta.url);
      return parseLexicon(readFileSync(url, 'utf8'), language, `src/retrieval/query/lexicon/${language}-en.tsv`);
    };
    loaded = { ru: read('ru'), kk: read('kk') };
  }
  return loaded;
}
