import { splitSentences, type SentenceSpan } from './sentences.ts';
import { termsOfWords, words, type Term } from './tokenizer.ts';
import type { CorpusDocument } from './types.ts';

/**
 * The unit of retrieval: one sentence of a document, with its neighbours as context.
 * Ranking works on sentences so the excerpt can be the sentence that answers, not a paragraph's first lines.
 */
export interface Passage {
  documentIndex: number;
  sentenceIndex: number;
  sentence: SentenceSpan;
  /** Terms of the sentence, with positions counted in content words. */
  terms: Term[];
  termSet: ReadonlySet<string>;
  /** Terms of the neighbouring sentences in the same paragraph. */
  contextTerms: ReadonlySet<string>;
  /** Terms of the document's title: questions often name the event an article reports on. */
  titleTerms: ReadonlySet<string>;
  /** Number of content words, for length normalisation. */
  length: number;
}

export interface DocumentSentences {
  document: CorpusDocument;
  sentences: SentenceSpan[];
}

export function buildPassages(documents: readonly CorpusDocument[]): { passages: Passage[]; sentencesByDocument: DocumentSentences[] } {
  const passages: Passage[] = [];
  const sentencesByDocument: DocumentSentences[] = [];
  documents.forEach((document, documentIndex) => {
    const sentences = splitSentences(document.body);
    sentencesByDocument.push({ document, sentences });
    const termLists = sentences.map((s) => termsOfWords(words(s.text)));
    const titleTerms = new Set(termsOfWords(words(document.title)).map((t) => t.term));
    sentences.forEach((sentence, sentenceIndex) => {
      const own = termLists[sentenceIndex]!;
      const context = new Set<string>();
      for (const neighbour of [sentenceIndex - 1, sentenceIndex + 1]) {
        const other = sentences[neighbour];
        if (other && other.paragraph === sentence.paragraph) for (const t of termLists[neighbour]!) context.add(t.term);
      }
      passages.push({
        documentIndex,
        sentenceIndex,
        sentence,
        terms: own,
        termSet: new Set(own.map((t) => t.term)),
        contextTerms: context,
        titleTerms,
        length: own.filter((t) => t.span === 1 && !t.term.startsWith('~')).length,
      });
    });
  });
  return { passages, sentencesByDocument };
}
