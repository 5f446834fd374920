import { describe, expect, it } from 'vitest';
import { corpusRetriever } from '../support/bot-harness.ts';

/**
 * Each starting document cites the public page its seed article was taken from: the seed text matches the
 * stored page word for word, page furniture included. A reader can check every quote, and the Source button appears.
 */
const URLS: Record<string, string> = {
  'astana-2023-12-07-cec-30th-anniversary-conference': 'https://astanatimes.com/2023/12/kazakhstans-central-election-commission-marks-30-years-with-international-conference/',
  'kazinform-2022-05-30-dialogue-platform-referendum': 'https://en.inform.kz/news/kazakh-mfa-s-dialogue-platform-on-human-dimension-discusses-national-referendum_a3938533/',
  'kazinform-2022-dialogue-platform-first-meeting': 'https://www.inform.kz/en/dialogue-platform-on-human-dimension-holds-1st-meeting-in-2022_a3898152/amp',
  'kaziss-2022-05-17-constitutional-rights-expert-platform': 'https://kisi.kz/en/kaziss-gps-experts-have-discussed-the-constitutional-rights-of-citizens-2/',
  'kaziss-2022-06-referendum-observation': 'https://kisi.kz/en/blogs/kazakhstan-ensured-all-conditions-for-the-observation-of-the-referendum/',
};

describe('the corpus cites its sources', () => {
  it('every starting document has the public https address of its article', () => {
    const documents = corpusRetriever().documents;
    expect(Object.fromEntries(documents.filter((d) => d.id in URLS).map((d) => [d.id, d.url]))).toEqual(URLS);
  });
});
