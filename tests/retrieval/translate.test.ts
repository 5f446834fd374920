import { describe, expect, it } from 'vitest';
import { translateQuestion } from '../../src/retrieval/translate.ts';

describe('translateQuestion', () => {
  it('leaves English alone', () => {
    expect(translateQuestion('How many polling stations?')).toBe('How many polling stations?');
  });

  it('turns Russian and Kazakh domain words and question words into English, whatever their endings', () => {
    expect(translateQuestion('Сколько участков открыли за рубежом?')).toBe('how many precincts opened abroad?');
    expect(translateQuestion('Кто председатель Центральной избирательной комиссии?')).toBe('who chairman central election commission?');
    expect(translateQuestion('Орталық сайлау комиссиясының төрағасы кім?')).toBe('central election commission chairman who?');
  });

  it('drops function words but keeps unknown content words, so off-topic questions stay off-topic', () => {
    expect(translateQuestion('Как испечь хлеб на закваске?')).toBe('bake bread sourdough?');
    expect(translateQuestion('Кто выиграл чемпионат мира по хоккею?')).toContain('выиграл');
  });
});
