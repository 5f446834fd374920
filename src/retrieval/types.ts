/** A validated corpus document: front matter plus the cleaned article body. */
export interface CorpusDocument {
  id: string;
  title: string;
  publisher: string;
  date: string;
  url?: string;
  language: string;
  author?: string;
  body: string;
  file: string;
}

/** Where an excerpt comes from, as shown in a citation. */
export interface Source {
  id: string;
  title: string;
  publisher: string;
  date: string;
  url?: string;
  /** The language the document is written in ("en", "ru", "kk"), from its front matter. */
  language: string;
}

/** One ranked answer: a verbatim excerpt of a source, whole sentences, at most 400 characters. */
export interface Answer {
  excerpt: string;
  /** The part of `excerpt` that answers (a sentence or clause), for emphasis. */
  highlight: { start: number; end: number };
  /** The excerpt starts or ends inside a sentence (an over-long one, cut at clause boundaries): show "…" there. */
  cut?: { start: boolean; end: boolean };
  source: Source;
  score: number;
}

export interface SearchOptions {
  limit?: number;
  offset?: number;
}

/** The whole contract between retrieval and its users (the bot, the CLI, the benchmarks). */
export interface Retriever {
  search(question: string, options?: SearchOptions): Answer[];
  /** Greetings, thanks and command-like words ("hi", "help"): not searched (search returns nothing for them). */
  isSmallTalk(message: string): boolean;
  readonly documents: readonly Source[];
  readonly passageCount: number;
}
