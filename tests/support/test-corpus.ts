import type { CorpusDocument } from '../../src/retrieval/types.ts';

/** An English document for a test corpus, its metadata made up. */
export const testDocument = (id: string, body: string, { title = 'News', date = '2022' }: { title?: string; date?: string } = {}): CorpusDocument => ({
  id,
  title,
  publisher: 'Test',
  date,
  language: 'en',
  body,
  file: `${id}.md`,
});

/** Sentences about nothing asked in these tests: with them a tiny corpus has word statistics a real one would. */
export const FILLER = 'Voters went to the polls. Some 20 observers and 30 journalists watched the count. The commission published the lists. Parties campaigned in the regions. ';
