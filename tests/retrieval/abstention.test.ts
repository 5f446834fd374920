import { describe, expect, it } from 'vitest';
import { holdsAnswerKind, untranslatedShare } from '../../src/retrieval/rank/abstention.ts';
import type { WeightedUnit } from '../../src/retrieval/rank/ranker.ts';

const unit = (term: string, weight: number, unknown: boolean): WeightedUnit => ({
  surface: term, term, alternatives: [], concepts: [], related: [], broader: [], similar: [], everyday: 0, position: 0, corrected: false, focus: false, ids: Int32Array.of(-1), credits: Float64Array.of(1), exact: 1, similarStart: 1, weight, generic: unknown, unknown, expandedOnly: false,
});
const sentence = (text: string, fit = 0) => ({ fit, passage: { sentence: { text } } });

describe('untranslatedShare', () => {
  it('is the weight share of words left in Cyrillic that the corpus does not know', () => {
    expect(untranslatedShare([unit('astana', 4, false), unit('доехать', 4, true), unit('аэропорта', 4, true), unit('citi', 4, false)])).toBe(0.5);
    // An English word the corpus lacks is not "untranslated": it is judged like any English question's word.
    expect(untranslatedShare([unit('born', 4, true), unit('tokayev', 4, false)])).toBe(0);
    expect(untranslatedShare([])).toBe(0);
  });
});

describe('holdsAnswerKind', () => {
  it('wants a date for "when": a full or partial date, a year, a month, in English, Russian or Kazakh', () => {
    expect(holdsAnswerKind('when', sentence('It happened, he said.'))).toBe(false);
    expect(holdsAnswerKind('when', sentence('Before the constitutional reform in 2007, ...'))).toBe(true);
    expect(holdsAnswerKind('when', sentence('in his March address'))).toBe(true);
    expect(holdsAnswerKind('when', sentence('Референдум прошёл 5 июня.'))).toBe(true);
    expect(holdsAnswerKind('when', sentence('Референдум 2022 жылғы маусымда өтті.'))).toBe(true);
    expect(holdsAnswerKind('when', sentence('Мажилис и Сенат'))).toBe(false);
    expect(holdsAnswerKind('when', sentence('no date here', 0.4))).toBe(true);
  });

  it('wants the counted thing for "how many", a share for "what percentage"; other questions take any sentence', () => {
    expect(holdsAnswerKind('how_many', sentence('No number here.'))).toBe(false);
    expect(holdsAnswerKind('how_many', sentence('65 precincts', 1))).toBe(true);
    expect(holdsAnswerKind('percent', sentence('most people'))).toBe(false);
    expect(holdsAnswerKind('who', sentence('anything'))).toBe(true);
    expect(holdsAnswerKind('other', sentence('anything'))).toBe(true);
  });
});
