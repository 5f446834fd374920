import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/retrieval/corpus/sentences.ts';

const texts = (body: string) => splitSentences(body).map((s) => s.text);

describe('splitSentences', () => {
  it('keeps decimals, thousands separators and percentages inside sentences', () => {
    expect(texts('Support is 76.4% among 1,200 respondents. There are 10,012 polling places.')).toEqual([
      'Support is 76.4% among 1,200 respondents.',
      'There are 10,012 polling places.',
    ]);
  });

  it('does not split after initials, titles and month abbreviations', () => {
    expect(texts('President K.K. Tokayev spoke. Mr. Vassilenko and Dr. Smith met on Dec. 7 in Astana. The L.N. Gumilev ENU hosted it.')).toEqual([
      'President K.K. Tokayev spoke.',
      'Mr. Vassilenko and Dr. Smith met on Dec. 7 in Astana.',
      'The L.N. Gumilev ENU hosted it.',
    ]);
  });

  it('treats "No." as an abbreviation only before a number', () => {
    expect(texts('See No. 5 for details. The answer was No. Then we left.')).toEqual(['See No. 5 for details.', 'The answer was No.', 'Then we left.']);
  });

  it('splits after closing quotes and at paragraph breaks, and keeps ".." endings', () => {
    expect(texts('“We vote today.” The expert said so.. Next one?\n\nNew paragraph without a stop')).toEqual([
      '“We vote today.”',
      'The expert said so..',
      'Next one?',
      'New paragraph without a stop',
    ]);
  });

  it('returns spans that are verbatim slices of the body, with paragraph numbers', () => {
    const body = 'First one. Second one.\n\nThird one.';
    const spans = splitSentences(body);
    for (const s of spans) expect(body.slice(s.start, s.end)).toBe(s.text);
    expect(spans.map((s) => s.paragraph)).toEqual([0, 0, 1]);
  });

  it('does not split inside lowercase continuations such as "U.S. and"', () => {
    expect(texts('the U.S. and Canadian Embassies attended.')).toEqual(['the U.S. and Canadian Embassies attended.']);
  });
});
