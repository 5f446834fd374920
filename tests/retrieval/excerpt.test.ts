import { describe, expect, it } from 'vitest';
import { buildExcerpt, MAX_EXCERPT_CHARS } from '../../src/retrieval/rank/excerpt.ts';
import { splitSentences } from '../../src/retrieval/corpus/sentences.ts';

const countMatches = (words: string[]) => (text: string) => words.filter((w) => text.toLowerCase().includes(w)).length;

describe('buildExcerpt', () => {
  it('is the answering sentence itself, not the start of the paragraph', () => {
    const body = 'The weather was fine. Many people came to the square. The vote was held on 5 June 2022 in all regions. Results followed.';
    const sentences = splitSentences(body);
    const e = buildExcerpt(body, sentences, 2, countMatches(['vote']));
    expect(e.text).toBe('The vote was held on 5 June 2022 in all regions.');
    expect(body.slice(e.start, e.end)).toBe(e.text);
    expect(e.text.slice(e.highlight.start, e.highlight.end)).toBe(e.text);
  });

  it('adds the previous sentence when the answer starts with a pronoun, and highlights the answer', () => {
    const body = 'The referendum is held in 10,012 polling places. This includes overseas, with 65 precincts in 52 countries.';
    const e = buildExcerpt(body, splitSentences(body), 1, countMatches(['precincts']));
    expect(e.text).toBe(body);
    expect(e.text.slice(e.highlight.start, e.highlight.end)).toBe('This includes overseas, with 65 precincts in 52 countries.');
  });

  it('never crosses a paragraph break for context', () => {
    const body = 'Earlier paragraph ends here.\n\nThis sentence starts a paragraph and is long enough to stand on its own in an excerpt.';
    const e = buildExcerpt(body, splitSentences(body), 1, countMatches(['sentence']));
    expect(e.text).toBe('This sentence starts a paragraph and is long enough to stand on its own in an excerpt.');
  });

  it('cuts an over-long sentence at clause boundaries around the matching part, within the limit', () => {
    const filler = Array.from({ length: 12 }, (_, i) => `the delegation of organisation number ${i} from a faraway land`).join(', ');
    const body = `The session was attended by ${filler}, and the mission led by Tamas Meseric, the UN Development Program and the USAID.`;
    expect(body.length).toBeGreaterThan(MAX_EXCERPT_CHARS);
    const e = buildExcerpt(body, splitSentences(body), 0, countMatches(['meseric', 'mission']));
    expect(e.text.length).toBeLessThanOrEqual(MAX_EXCERPT_CHARS);
    expect(e.text).toContain('Tamas Meseric');
    expect(body.slice(e.start, e.end)).toBe(e.text);
  });

  it('falls back to a word boundary when a long sentence has no clause breaks', () => {
    const body = `${'word '.repeat(150)}end.`;
    const e = buildExcerpt(body, splitSentences(body), 0, () => 0);
    expect(e.text.length).toBeLessThanOrEqual(MAX_EXCERPT_CHARS);
    expect(body.startsWith(e.text)).toBe(true);
  });
});
