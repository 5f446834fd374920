/**
 * Kazakh is agglutinative: "комиссиясының" is комиссия + сы (its) + ның (of). No stemmer package covers Kazakh, so
 * inflectional endings are stripped from the end in the order Kazakh stacks them (root + plural + possessive +
 * case + particle), at most one per slot, while at least MIN_STEM letters remain. It is deliberately simple:
 * questions and documents go through the same function, so what matters is that the inflected forms of one word
 * meet at one stem; lexicon lookups also try every intermediate form (kazakhStemCandidates).
 */

/** Kazakh letters as people type them on keyboards without them: ә→а, ғ→г, қ→к, ң→н, ө→о, ұ/ү→у, һ→х, і→и. */
const PLAIN: Record<string, string> = { ә: 'а', ғ: 'г', қ: 'к', ң: 'н', ө: 'о', ұ: 'у', ү: 'у', һ: 'х', і: 'и' };

export function plainKazakh(text: string): string {
  return text.replace(/[әғқңөұүһі]/g, (c) => PLAIN[c]!);
}

/** Outermost first. Each slot's endings are tried longest first. */
const SLOTS: string[][] = [
  // question particles and personal endings written together with the word
  ['ма', 'ме', 'ба', 'бе', 'па', 'пе', 'мын', 'мін', 'пын', 'пін', 'бын', 'бін', 'сың', 'сің', 'сыз', 'сіз', 'мыз', 'міз', 'пыз', 'піз', 'быз', 'біз'],
  // case endings, and the verb endings in the same position (past, participles, present, converb, conditional)
  [
    'ның', 'нің', 'дың', 'дің', 'тың', 'тің',
    'ны', 'ні', 'ды', 'ді', 'ты', 'ті',
    'ға', 'ге', 'қа', 'ке', 'на', 'не',
    'нда', 'нде', 'да', 'де', 'та', 'те',
    'ндан', 'нден', 'дан', 'ден', 'тан', 'тен', 'нан', 'нен',
    'менен', 'мен', 'бен', 'пен',
    'дағы', 'дегі', 'тағы', 'тегі', 'ндағы', 'ндегі',
    'ған', 'ген', 'қан', 'кен', 'атын', 'етін', 'йтын', 'йтін', 'ады', 'еді', 'йды', 'йді', 'ып', 'іп', 'са', 'се',
  ],
  // possessive
  ['ымыз', 'іміз', 'ыңыз', 'іңіз', 'ым', 'ім', 'ың', 'ің', 'сы', 'сі', 'ы', 'і'],
  // plural
  ['лар', 'лер', 'дар', 'дер', 'тар', 'тер'],
  // adjectives and abstract nouns made from nouns ("конституциялық", "мемлекеттік")
  ['лық', 'лік', 'дық', 'дік', 'тық', 'тік'],
].map((slot) => [...slot].sort((a, b) => b.length - a.length));

/** The same endings as typed without Kazakh letters, for words that have none ("комиссиясынын"). */
const PLAIN_SLOTS: string[][] = SLOTS.map((slot) => [...new Set(slot.map(plainKazakh))].sort((a, b) => b.length - a.length));
const HAS_KAZAKH_LETTER = /[әғқңөұүһі]/;

const MIN_STEM = 3;

/** The word and what is left after each stripped ending, longest first: "учаскелеріне" → …, учаскелері, учаскелер, учаске. */
export function kazakhStemCandidates(word: string): string[] {
  const out = [word];
  let current = word;
  const slots = HAS_KAZAKH_LETTER.test(word) ? SLOTS : PLAIN_SLOTS;
  for (const [i, slot] of slots.entries()) {
    const suffix = slot.find((s) => current.endsWith(s) && current.length - s.length >= MIN_STEM) ?? accusativeAfterPossessive(current, i);
    if (!suffix) continue;
    current = current.slice(0, -suffix.length);
    out.push(current);
  }
  return out;
}

/** "төрағасын" (its chairman, accusative) ends in a bare "н" after the possessive vowel. */
function accusativeAfterPossessive(word: string, slot: number): string | undefined {
  return slot === 1 && /[ыіи]н$/.test(word) && word.length - 1 >= MIN_STEM ? 'н' : undefined;
}

/** The stem Kazakh words are indexed and searched by. */
export function kazakhStem(word: string): string {
  return kazakhStemCandidates(word).at(-1)!;
}
