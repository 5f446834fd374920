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

  it('adds the next sentence of the paragraph when it holds question words the answer lacks', () => {
    const weights: Record<string, number> = { 'rights defenders': 3, legislation: 2, events: 2, amend: 2 };
    const relevance = (text: string) => Object.entries(weights).reduce((sum, [w, n]) => sum + (text.toLowerCase().includes(w) ? n : 0), 0);
    const body = 'According to rights defenders, the events revealed gaps in applying legislation. Specific recommendations were made to amend laws.\n\nThe count went on all night.';
    const e = buildExcerpt(body, splitSentences(body), 0, relevance);
    expect(e.text).toBe('According to rights defenders, the events revealed gaps in applying legislation. Specific recommendations were made to amend laws.');
    expect(e.text.slice(e.highlight.start, e.highlight.end)).toBe('According to rights defenders, the events revealed gaps in applying legislation.');
    // A next sentence adding none of the question's words is not shown; nor is one in the next paragraph.
    const unrelated = 'According to rights defenders, the events revealed gaps in applying legislation. The meeting then closed.';
    expect(buildExcerpt(unrelated, splitSentences(unrelated), 0, relevance).text).toBe('According to rights defenders, the events revealed gaps in applying legislation.');
    const nextParagraph = 'According to rights defenders, the events revealed gaps in applying legislation.\n\nSpecific recommendations were made to amend laws.';
    expect(buildExcerpt(nextParagraph, splitSentences(nextParagraph), 0, relevance).text).toBe('According to rights defenders, the events revealed gaps in applying legislation.');
  });

  it('adds the previous sentence to one whose purpose clause points back at it ("To fulfill this task, ...")', () => {
    const body = 'Special attention is given to improving electoral law. To fulfill this complex task, it is important to work with experts. Lunch followed.';
    const e = buildExcerpt(body, splitSentences(body), 1, countMatches(['experts']));
    expect(e.text).toBe('Special attention is given to improving electoral law. To fulfill this complex task, it is important to work with experts.');
    const plain = 'Special attention is given to improving electoral law. To work with experts is important. Lunch followed.';
    expect(buildExcerpt(plain, splitSentences(plain), 1, countMatches(['experts'])).text).toBe('To work with experts is important.');
  });

  it('cuts an over-long sentence to keep its end when windows match equally (a list\'s last item is part of the answer)', () => {
    const clauses = Array.from({ length: 12 }, (_, i) => `the delegation number ${i + 1} of a partner body`);
    const body = `The session was attended by members of parliament, ${clauses.join(', ')}, the Canadian embassy, and the development aid agency of the second partner government in the region.`;
    const e = buildExcerpt(body, splitSentences(body), 0, (t) => (t.toLowerCase().includes('canadian') ? 1 : 0));
    expect(e.text).toContain('the Canadian embassy');
    expect(e.text.endsWith('in the region.')).toBe(true);
    expect(e.cut).toEqual({ start: true, end: false });
  });

  it('adds the next sentence to one that only restates the question, as the answer follows it', () => {
    const body = 'The establishment of the Court is very important. Sometimes laws infringe on rights, and the Court will restore them. Lunch followed.';
    const relevance = countMatches(['court', 'important']);
    expect(buildExcerpt(body, splitSentences(body), 0, relevance, undefined, [], undefined, false, undefined, true).text).toBe(
      'The establishment of the Court is very important. Sometimes laws infringe on rights, and the Court will restore them.',
    );
    expect(buildExcerpt(body, splitSentences(body), 0, relevance).text).toBe('The establishment of the Court is very important.');
  });

  it('adds the quotation a sentence introducing a speaker leads into, and a next sentence naming "the latter"', () => {
    const body = 'The analyst noted that the reform matters for the youth. “The values of the youth are liberal and open.” Lunch followed.';
    expect(buildExcerpt(body, splitSentences(body), 0, countMatches(['youth'])).text).toBe('The analyst noted that the reform matters for the youth. “The values of the youth are liberal and open.”');
    const plain = 'The reform matters for the youth. “The values of the youth are liberal and open.” Lunch followed.';
    expect(buildExcerpt(plain, splitSentences(plain), 0, countMatches(['youth'])).text).toBe('The reform matters for the youth.');
    const latter = 'He condemned the abuse of detained citizens. Strict observance of the rights of the latter is indispensable. Lunch followed.';
    expect(buildExcerpt(latter, splitSentences(latter), 0, countMatches(['rights', 'detained'])).text).toContain('rights of the latter');
  });

  it('shows an answering neighbour with the sentence, in text order, within the limit', () => {
    const body = 'The platform met online on 30 May. The event was chaired by Usen Suleimen. Lunch followed.';
    const sentences = splitSentences(body);
    const withNext = buildExcerpt(body, sentences, 0, countMatches(['platform']), MAX_EXCERPT_CHARS, [], 1);
    expect(withNext.text).toBe('The platform met online on 30 May. The event was chaired by Usen Suleimen.');
    expect(buildExcerpt(body, sentences, 1, countMatches(['chaired']), MAX_EXCERPT_CHARS, [], 0).text).toBe(withNext.text);
    expect(buildExcerpt(body, sentences, 0, countMatches(['platform']), 40, [], 1).text).toBe('The platform met online on 30 May.');
  });

  it('adds the previous sentence to one that refers back to it ("The event was chaired by ...")', () => {
    const body = 'The platform met online on 30 May. The event was chaired by Usen Suleimen.';
    const sentences = splitSentences(body);
    expect(buildExcerpt(body, sentences, 1, countMatches(['chaired']), MAX_EXCERPT_CHARS, [], undefined, true).text).toBe(body);
    expect(buildExcerpt(body, sentences, 1, countMatches(['chaired'])).text).toBe('The event was chaired by Usen Suleimen.');
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

  it('says where an over-long sentence was cut, and a whole sentence is not marked', () => {
    const filler = Array.from({ length: 12 }, (_, i) => `the delegation of organisation number ${i} from a faraway land`).join(', ');
    const body = `The session was attended by ${filler}, and the mission led by Tamas Meseric, the UN Development Program and the USAID.`;
    const e = buildExcerpt(body, splitSentences(body), 0, countMatches(['meseric']));
    expect(e.cut).toEqual({ start: e.start > 0, end: e.end < body.length - 1 });
    expect(e.cut.start || e.cut.end).toBe(true);
    const short = 'The vote was held on 5 June 2022.';
    expect(buildExcerpt(short, splitSentences(short), 0, countMatches(['vote'])).cut).toEqual({ start: false, end: false });
  });

  it('cuts a 1 MB run-on sentence in time linear in its length, finding the part the question is about', () => {
    const clause = (i: number) => `the committee of district number ${i} reviewed the budget`;
    const sentenceOf = (clauses: number) => `${Array.from({ length: clauses }, (_, i) => (i === Math.floor(clauses * 0.7) ? 'the mission was led by Tamas Meseric' : clause(i))).join(', ')}.`;
    const relevance = countMatches(['meseric', 'mission']);
    const time = (body: string) => {
      const sentences = splitSentences(body);
      const runs: number[] = [];
      let e = buildExcerpt(body, sentences, 0, relevance, MAX_EXCERPT_CHARS, ['meseric', 'mission']);
      for (let i = 0; i < 3; i++) {
        const started = performance.now();
        e = buildExcerpt(body, sentences, 0, relevance, MAX_EXCERPT_CHARS, ['meseric', 'mission']);
        runs.push(performance.now() - started);
      }
      return { e, ms: runs.sort((a, b) => a - b)[1]! };
    };
    const big = sentenceOf(20_000);
    expect(big.length).toBeGreaterThan(1_000_000);
    const { e, ms } = time(big);
    expect(e.text).toContain('Tamas Meseric');
    expect(e.text.length).toBeLessThanOrEqual(MAX_EXCERPT_CHARS);
    expect(big.slice(e.start, e.end)).toBe(e.text);
    // Quadratic work on 1 MB took seconds; linear work takes a few milliseconds (generous for a loaded machine).
    expect(ms).toBeLessThan(200);
  });

  it("keeps an over-long sentence's reason for a why question, even at the cost of the speaker's name", () => {
    const body =
      'Jane Doe, the head of the regional office of the Association of Independent Analysts of Somewhere and editor-in-chief of a large and very well known national news portal based in the capital city of the country, ' +
      'noted that the reforms put to the vote and aimed at sharing power would increase the stability of the state through a quicker, in some cases preventive, reaction by the government to what people need.';
    const sentences = splitSentences(body);
    expect(body.length).toBeGreaterThan(MAX_EXCERPT_CHARS);
    const relevance = countMatches(['jane', 'doe', 'power', 'stability', 'state']);
    const plain = buildExcerpt(body, sentences, 0, relevance);
    expect(plain.text.startsWith('Jane Doe')).toBe(true);
    expect(plain.text).not.toContain('reaction by the government');
    const why = buildExcerpt(body, sentences, 0, relevance, MAX_EXCERPT_CHARS, [], undefined, false, /\bthrough\b/);
    expect(why.text).toContain('through a quicker, in some cases preventive, reaction by the government to what people need.');
    expect(body.slice(why.start, why.end)).toBe(why.text);
    expect(why.text.length).toBeLessThanOrEqual(MAX_EXCERPT_CHARS);
  });
});
