import { describe, expect, it } from 'vitest';
import { detectAnswerType } from '../../src/retrieval/query/question.ts';

describe('the kind of answer a question asks for', () => {
  it.each([
    ['When was the vote held?', 'when'],
    ['How many polling stations opened abroad?', 'how_many'],
    ['What percentage of voters backed the amendments?', 'percent'],
    ['What part of the population supports the reform?', 'percent'],
    ['Which part of parliament appointed the commission?', 'other'],
    ['Who chaired the meeting?', 'who'],
    ['What is the Senate?', 'define'],
    ['How long is the term of the commission?', 'how_long'],
    ['What position does he hold?', 'role'],
  ])('%s → %s', (question, type) => {
    expect(detectAnswerType(question)).toBe(type);
  });
});
