/**
 * Writes src/retrieval/query/lexicon/ru-en.dictionary.tsv, the general Russian → English dictionary read after the
 * domain lexicon (ru-en.tsv), from the English → Russian dictionary of the npm package enru-dict 1.1.5 (MIT; its
 * English words are Kevin Atkinson's SCOWL lists): every English word WordNet knows, under the Russian word it
 * translates to, the most everyday English words first (at most three per Russian word).
 *
 * `npm pack enru-dict@1.1.5 && tar xzf enru-dict-1.1.5.tgz && npx tsx scripts/build-ru-dictionary.ts package/data/enru.dict.json`
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { russianKeys } from '../src/retrieval/query/lexicon.ts';
import { everydayUse, knowsWord } from '../src/retrieval/query/wordnet.ts';
import { RUSSIAN_STOP_WORDS } from '../src/retrieval/text/languages.ts';

const source = process.argv[2];
if (!source) {
  console.error('usage: npx tsx scripts/build-ru-dictionary.ts path/to/enru.dict.json');
  process.exit(2);
}
const PER_WORD = 3;
const englishToRussian = JSON.parse(readFileSync(source, 'utf8')) as Record<string, string>;
const byRussian = new Map<string, Set<string>>();
for (const [rawEnglish, rawRussian] of Object.entries(englishToRussian)) {
  const english = rawEnglish.toLowerCase();
  const russian = String(rawRussian).toLowerCase().replace(/ё/g, 'е').trim();
  if (!/^[a-z]{3,}$/.test(english) || !/^[а-я]{3,}$/.test(russian) || RUSSIAN_STOP_WORDS.has(russian)) continue;
  if (!knowsWord(english)) continue;
  const set = byRussian.get(russian) ?? new Set<string>();
  set.add(english);
  byRussian.set(russian, set);
}
const lines = [...byRussian.entries()]
  .sort(([a], [b]) => a.localeCompare(b, 'ru'))
  .map(([russian, english]) => `${russian}\t${[...english].sort((a, b) => everydayUse(b) - everydayUse(a) || a.localeCompare(b)).slice(0, PER_WORD).join(' ')}\t${russianKeys(russian).join(' ')}`);
writeFileSync(
  'src/retrieval/query/lexicon/ru-en.dictionary.tsv',
  [
    '# General Russian → English dictionary, read after the domain lexicon ru-en.tsv: written by scripts/build-ru-dictionary.ts',
    '# from enru-dict 1.1.5 (https://github.com/trean/enru-dict, MIT, Copyright (c) 2017 Liudmila Vasnetsova; word lists',
    '# Copyright 2000-2015 Kevin Atkinson, SCOWL). Do not edit by hand.',
    ...lines,
    '',
  ].join('\n'),
);
console.log(`${lines.length} Russian words`);
