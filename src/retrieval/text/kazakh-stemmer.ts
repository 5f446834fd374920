/**
 * Kazakh is agglutinative: "комиссиясының" is комиссия + сы (its) + ның (of), "өткізілмеген" is өткіз + іл (passive)
 * + ме (not) + ген (past participle). No stemmer package covers Kazakh, so endings are stripped from the end in the
 * order Kazakh stacks them, and only where Kazakh grammar would have put that form of the ending:
 * - each ending has its variants for what it follows ("-ның" after a vowel or м/н/ң, "-дың" after р/й/у/л/з/ж,
 *   "-тың" after a voiceless consonant; "-сы" after a vowel, "-ы" after a consonant), so "қарсы" keeps its "сы" and
 *   "қаңтар" its "тар";
 * - vowel harmony: a back-vowel word takes back-vowel endings ("-лар"), a front-vowel word front ones ("-лер");
 * - what is left keeps a vowel and two letters (three when a one-letter ending goes);
 * - endings that only follow another ending (accusative "-н", dative "-на" after the possessive "-ы"; person endings
 *   "-м", "-қ" after the past "-ды") are only stripped together with it.
 * Where Kazakh itself is ambiguous ("жұмысы" is жұмыс + ы, "комиссиясы" is комиссия + сы) every reading is a
 * candidate (kazakhStemCandidates) and the lexicon takes the entry it knows whose word is closest; the index and
 * the lexicon's own forms use the most likely reading (kazakhStem, kazakhStemChain).
 */

/** Kazakh letters as people type them on keyboards without them: ә→а, ғ→г, қ→к, ң→н, ө→о, ұ/ү→у, һ→х, і→и. */
const PLAIN: Record<string, string> = { ә: 'а', ғ: 'г', қ: 'к', ң: 'н', ө: 'о', ұ: 'у', ү: 'у', һ: 'х', і: 'и' };

export function plainKazakh(text: string): string {
  return text.replace(/[әғқңөұүһі]/g, (c) => PLAIN[c]!);
}

export const KAZAKH_LETTER = /[әғқңөұүһі]/;

/**
 * What an ending may follow, by the last sound of the word before it: V vowel, R р/й/у, L л, Z з/ж, N м/н/ң,
 * K voiceless consonant (and б/в/г/д, which end words voiceless), P the 3rd-person possessive "-ы/-і/-сы/-сі".
 */
type Sound = 'V' | 'R' | 'L' | 'Z' | 'N' | 'K';
const CONSONANT = 'RLZNK';

type Slot = 'particle' | 'person' | 'shortPerson' | 'case' | 'possessive' | 'plural' | 'derivation' | 'participle' | 'tense' | 'present' | 'presentAlone' | 'negation' | 'voice';

interface Ending {
  text: string;
  /** The sounds it may follow ("P": only the 3rd-person possessive). */
  after: string;
  /** Tags what it is, for an ending that may only follow it ("possessive3", "past"). */
  tag?: 'possessive3' | 'past';
  /** The ending that must come before it. */
  requires?: 'possessive3' | 'past';
  /** Ending with no harmony ("мен"). */
  invariant?: boolean;
  /** A letter the stem must have, and how it must end (the passive "-н" follows verbs in -ла/-да: сайла-н). */
  stemHas?: string;
  stemEnds?: RegExp;
  /** Fewest letters the stem keeps, when more than two. */
  minStem?: number;
  /** Too often the end of a root to be the most likely reading ("есеп", "белгі", "ересек"): only tried as a candidate. */
  unlikely?: boolean;
  /** Something else must go after it ("реформа" is not рефор + ма, "заңсыз" not заң + сыз). */
  needsMore?: boolean;
  /** As typed without Kazakh letters (filled in below). */
  plain?: string;
}

/** Back and front variants of an ending that follow the same sounds. */
function pair(back: string, front: string, after: string, extra: Partial<Ending> = {}): Ending[] {
  return [
    { text: back, after, ...extra },
    { text: front, after, ...extra },
  ];
}

const ENDINGS: Record<Slot, Ending[]> = {
  // Interrogative particles written together with the word ("болдыма").
  particle: [...pair('ма', 'ме', 'VRL'), ...pair('ба', 'бе', 'ZN'), ...pair('па', 'пе', 'K')].map((e) => ({ ...e, needsMore: true })),
  // Person endings after the present "-а/-й", participles and the future "-мақ" (барамын, келгенбіз, бармақпыз), and
  // after a noun ("кімсің"); "-сыз" after a noun is "without" (заңсыз), so it only goes after a verb.
  person: [
    ...pair('сыңдар', 'сіңдер', 'VRLZNK'), ...pair('сыздар', 'сіздер', 'VRLZNK', { needsMore: true }),
    ...pair('мын', 'мін', 'VRL'), ...pair('бын', 'бін', 'ZN'), ...pair('пын', 'пін', 'K'),
    ...pair('мыз', 'міз', 'VRL'), ...pair('быз', 'біз', 'ZN'), ...pair('пыз', 'піз', 'K'),
    ...pair('сың', 'сің', 'VRLZNK'), ...pair('сыз', 'сіз', 'VRLZNK', { needsMore: true }),
  ],
  // Person endings after the past "-ды" and the conditional "-са": бардым, бардық, айттыңыз.
  shortPerson: [...pair('ңдар', 'ңдер', 'V'), ...pair('ңыз', 'ңіз', 'V'), ...pair('м', 'ң', 'V', { unlikely: true }), ...pair('қ', 'к', 'V', { unlikely: true })].map((e) => ({ ...e, requires: 'past' as const })),
  case: [
    ...pair('ндағы', 'ндегі', 'P', { requires: 'possessive3' }), ...pair('дағы', 'дегі', 'VRLZN'), ...pair('тағы', 'тегі', 'K'),
    ...pair('нда', 'нде', 'P', { requires: 'possessive3' }), ...pair('нша', 'нше', 'P', { requires: 'possessive3' }),
    ...pair('ның', 'нің', 'VN'), ...pair('дың', 'дің', 'RLZ'), ...pair('тың', 'тің', 'K'),
    ...pair('нан', 'нен', 'N'), ...pair('нан', 'нен', 'P', { requires: 'possessive3' }), ...pair('дан', 'ден', 'VRLZ'), ...pair('тан', 'тен', 'K'),
    { text: 'менен', after: 'VRLN', invariant: true }, { text: 'бенен', after: 'ZN', invariant: true }, { text: 'пенен', after: 'K', invariant: true },
    { text: 'мен', after: 'VRLN', invariant: true }, { text: 'бен', after: 'ZN', invariant: true }, { text: 'пен', after: 'K', invariant: true },
    ...pair('ны', 'ні', 'V'), ...pair('ды', 'ді', 'RLZN'), ...pair('ты', 'ті', 'K'),
    ...pair('ға', 'ге', 'VRLZN'), ...pair('қа', 'ке', 'K'), ...pair('на', 'не', 'P', { requires: 'possessive3' }),
    ...pair('да', 'де', 'VRLZN'), ...pair('та', 'те', 'K'),
    { text: 'н', after: 'P', requires: 'possessive3' },
  ],
  possessive: [
    ...pair('ымыз', 'іміз', CONSONANT), ...pair('ыңыз', 'іңіз', CONSONANT), ...pair('мыз', 'міз', 'V'), ...pair('ңыз', 'ңіз', 'V'),
    ...pair('сы', 'сі', 'V', { tag: 'possessive3' }),
    // "my", "your": rare in questions, and the end of many roots (әкім, ұйым, өлім).
    ...[...pair('ым', 'ім', CONSONANT), ...pair('ың', 'ің', CONSONANT)].map((e) => ({ ...e, unlikely: true, minStem: 3 })),
    ...pair('ы', 'і', CONSONANT, { tag: 'possessive3' }),
  ],
  plural: [...pair('лар', 'лер', 'VR'), ...pair('дар', 'дер', 'LZN'), ...pair('тар', 'тер', 'K')],
  // Adjectives and abstract nouns made from nouns ("конституциялық", "мемлекеттік"), and adjectives of time and
  // place ("жылғы", "алғашқы").
  derivation: [...pair('лық', 'лік', 'VR'), ...pair('дық', 'дік', 'LZN'), ...pair('тық', 'тік', 'K'), ...pair('ғы', 'гі', 'RLZN', { unlikely: true }), ...pair('қы', 'кі', 'K', { unlikely: true })],
  // Participles, which take case and possessive endings too: кіріскенде, дегеніміз, өтетін, катыспақ.
  participle: [
    ...pair('мақшы', 'мекші', 'VRL'), ...pair('бақшы', 'бекші', 'ZN'), ...pair('пақшы', 'пекші', 'K'),
    ...pair('йтын', 'йтін', 'V'), ...pair('атын', 'етін', CONSONANT),
    ...pair('ған', 'ген', 'VRLZN'), ...pair('қан', 'кен', 'K'),
    // The future "-мақ" is also the end of many nouns (аймақ, тармақ, еңбек).
    ...[...pair('мақ', 'мек', 'VRL'), ...pair('бақ', 'бек', 'ZN'), ...pair('пақ', 'пек', 'K')].map((e) => ({ ...e, minStem: 3, unlikely: true })),
  ],
  // Finite verb endings: past "-ды", present 3rd person "-ады/-йды", conditional "-са", converb "-ып/-п", hearsay "-ыпты".
  tense: [
    ...pair('ды', 'ді', 'VRLZN', { tag: 'past' }), ...pair('ты', 'ті', 'K', { tag: 'past' }),
    ...pair('йды', 'йді', 'V'), ...pair('ады', 'еді', CONSONANT),
    ...pair('са', 'се', 'VRLZNK', { tag: 'past' }),
    ...pair('ып', 'іп', CONSONANT), { text: 'п', after: 'V', unlikely: true },
    // The hearsay past "-ыпты/-пты" (қолдапты, айтыпты: "it is said to have ...").
    ...pair('ыпты', 'іпті', CONSONANT, { tag: 'past' }), ...pair('пты', 'пті', 'V', { tag: 'past' }),
  ],
  // The present "-а/-е/-й" before a person ending ("барамын"); on its own (the question "сақтай ма?") only "-й", and
  // only as a candidate: "-а/-е" and "-й" end too many other words.
  present: [...pair('а', 'е', CONSONANT), { text: 'й', after: 'V' }],
  presentAlone: [{ text: 'й', after: 'V', unlikely: true }],
  negation: [...pair('ма', 'ме', 'VRL'), ...pair('ба', 'бе', 'ZN'), ...pair('па', 'пе', 'K')],
  // Passive: -ыл after a consonant, -л after a vowel, -ын after л, -н after a vowel when the stem has an л (сайлан).
  voice: [
    ...[...pair('ыл', 'іл', 'RZNK'), ...pair('ын', 'ін', 'L')].map((e) => ({ ...e, minStem: 3 })), // not ау-ыл, өк-іл
    { text: 'л', after: 'V', unlikely: true },
    { text: 'н', after: 'V', stemHas: 'л', stemEnds: /[аеә]$/ }, // сайла-н, қабылда-н, әзірле-н; not алы-н
  ],
};

for (const list of Object.values(ENDINGS)) for (const ending of list) ending.plain = plainKazakh(ending.text);
const lastLetters = (plain: boolean) =>
  Object.fromEntries(Object.entries(ENDINGS).map(([slot, list]) => [slot, new Set(list.map((e) => (plain ? e.plain! : e.text).at(-1)!))])) as Record<Slot, Set<string>>;
/** The letters each slot's endings end in: most words skip most slots at the first letter. */
const LAST_LETTERS = lastLetters(false);
const PLAIN_LAST_LETTERS = lastLetters(true);

/** What may stand before each slot's ending, outermost first. */
const BEFORE: Record<Slot | 'word', Slot[]> = {
  word: ['particle', 'person', 'shortPerson', 'case', 'tense', 'possessive', 'plural', 'derivation', 'participle', 'presentAlone'],
  // Written together mostly after verbs ("болдыма"); after a noun it would split "баяндама" into баян + да + ма.
  particle: ['person', 'shortPerson', 'tense', 'participle'],
  person: ['present', 'participle'],
  shortPerson: ['tense'],
  case: ['possessive', 'plural', 'derivation', 'participle'],
  possessive: ['plural', 'derivation', 'participle'],
  plural: ['derivation', 'participle'],
  derivation: ['participle'],
  participle: ['negation', 'voice'],
  tense: ['negation', 'voice'],
  present: ['negation', 'voice'],
  presentAlone: ['negation', 'voice'],
  negation: ['voice'],
  voice: [],
};

const VOWELS = 'аәеёиоөұүыіэюяу';
const BACK = 'аоұыяё';
const FRONT = 'әеөүіэ';
/** Typed without Kazakh letters, а/о/у/и may stand for ә/ө/ү/і: only these still tell back from front. */
const PLAIN_BACK = 'ыяё';
const PLAIN_FRONT = 'еэ';

const isVowel = (c: string | undefined) => c !== undefined && VOWELS.includes(c);

function soundsOf(word: string): string {
  const last = word.at(-1)!;
  if (last === 'у') return isVowel(word.at(-2)) ? 'R' : 'VR';
  if (last === 'и' && isVowel(word.at(-2))) return 'R';
  if (isVowel(last)) return 'V';
  if ('рй'.includes(last)) return 'R';
  if (last === 'л') return 'L';
  if ('зж'.includes(last)) return 'Z';
  if ('мнң'.includes(last)) return 'N';
  if ('ьъ'.includes(last)) return 'VRLZNK';
  return 'K';
}

function endingHarmony(text: string): 'back' | 'front' | null {
  if (/[аоұы]/.test(text)) return 'back';
  if (/[еіәөүи]/.test(text)) return 'front';
  return null;
}

const RUSSIAN_SURNAME_EV = /[^\s]{2,}(?:ев|ева)$/u;

/** The harmony of a stem by its last vowel, or null when that vowel does not tell (у, и, ю; а/о/у typed plainly). */
function stemHarmony(stem: string, plain: boolean): 'back' | 'front' | null {
  // A Russian surname's "-ев" takes either ("Қорабоевтың", "Тоқаевтың" and "Тоқаевтің" are all written).
  if (RUSSIAN_SURNAME_EV.test(stem)) return null;
  for (let i = stem.length - 1; i >= 0; i--) {
    const c = stem[i]!;
    if (!isVowel(c)) continue;
    if ((c === 'у' || c === 'и') && isVowel(stem[i - 1])) continue; // a glide after a vowel: сайлау, ми
    if ((plain ? PLAIN_BACK : BACK).includes(c)) return 'back';
    if ((plain ? PLAIN_FRONT : FRONT).includes(c)) return 'front';
    return null;
  }
  return null;
}

function syllables(stem: string): number {
  let n = 0;
  for (let i = 0; i < stem.length; i++) {
    const c = stem[i]!;
    if (isVowel(c) && !((c === 'у' || c === 'и') && isVowel(stem[i - 1]))) n += 1;
  }
  return n;
}

/** Two-letter roots are a vowel and a consonant (ел, ай, үй, ат); the few a consonant and a vowel are listed. */
const SHORT_OPEN_ROOTS = new Set(['де', 'же', 'жу', 'қу', 'су', 'ту', 'бу', 'ми', 'ки']);

/**
 * What is left must still be a root: a vowel and two letters (three when a one-letter ending goes); a verb that
 * loses a passive "-л/-н" after a vowel keeps two syllables (жаса-л, сайла-н; not бо-л, ке-л).
 */
function longEnough(stem: string, ending: Ending): boolean {
  const n = syllables(stem);
  if (n === 0 || stem.length < (ending.text.length === 1 ? 3 : 2)) return false;
  if (stem.length === 2 && (!isVowel(stem[0]) || stem[0] === 'у') && !SHORT_OPEN_ROOTS.has(stem) && !SHORT_OPEN_ROOTS.has(plainKazakh(stem))) return false;
  if ((ending.text === 'л' || ending.text === 'н') && n < 2) return false;
  if (ending.minStem && stem.length < ending.minStem) return false;
  return true;
}

interface Option {
  stem: string;
  slot: Slot;
  ending: Ending;
}

/** Whether `stem` + `ending` is a form Kazakh would write. */
function fits(stem: string, ending: Ending, plain: boolean): boolean {
  if (!longEnough(stem, ending)) return false;
  const sounds = soundsOf(stem);
  if (ending.after !== 'P' && ![...sounds].some((s) => ending.after.includes(s as Sound))) return false;
  if (ending.after === 'P' && !(plain ? /[ыи]$/ : /[ыі]$/).test(stem)) return false;
  if ((ending.stemHas && !stem.includes(ending.stemHas)) || (ending.stemEnds && !ending.stemEnds.test(stem))) return false;
  if (!ending.invariant) {
    const harmony = stemHarmony(stem, plain);
    const wanted = endingHarmony(plain ? ending.plain! : ending.text);
    if (harmony && wanted && harmony !== wanted) return false;
  }
  if (isVowel(ending.text[0])) {
    // Before a vowel a final қ/к is voiced (заңдылық → заңдылығы): an unvoiced one does not take the ending.
    if (!plain && /[аәеоөұүыі][қ]$/.test(stem) && syllables(stem) > 1) return false;
    // "-шы" after a consonant or у makes nouns of agents (басшы, бақылаушы; but күш-і), "-ғы" adjectives (жоғарғы;
    // but мониторинг-і): not a possessive "-ы".
    if (ending.tag === 'possessive3' && (/[^аәеёиоөұүыіэюя]ш$/.test(stem) || (/[^аәеёиоөұүыіэюяу][ғг]$/.test(stem) && !/инг$/.test(stem)))) return false;
  }
  return true;
}

/** A stem as it is looked up: before a vowel, қ/к/п are written ғ/г/б (құқық → құқығы, кітап → кітабы). */
function unvoiced(stem: string, ending: Ending, plain: boolean): string | undefined {
  if (!isVowel(ending.text[0])) return undefined;
  if (/[аәеоөұүыіяи]ғ$/.test(stem)) return stem.slice(0, -1) + 'қ';
  if ((plain ? /[аеоыиуя]г$/ : /[әеөүі]г$/).test(stem)) return stem.slice(0, -1) + 'к';
  if (/[аәеыі]б$/.test(stem)) return stem.slice(0, -1) + 'п';
  return undefined;
}

/** The endings the word may lose next, most likely first. */
function optionsAfter(word: string, slot: Slot | 'word', plain: boolean, requires: Ending['requires'], likelyOnly = false): Option[] {
  const out: Option[] = [];
  const last = word.at(-1)!;
  for (const next of BEFORE[slot]) {
    if (!(plain ? PLAIN_LAST_LETTERS : LAST_LETTERS)[next].has(last)) continue;
    for (const ending of ENDINGS[next]) {
      if ((requires && ending.tag !== requires) || (likelyOnly && ending.unlikely)) continue;
      const written = plain ? ending.plain! : ending.text;
      if (!word.endsWith(written)) continue;
      const stem = word.slice(0, -written.length);
      if (!fits(stem, ending, plain)) continue;
      const alternative = unvoiced(stem, ending, plain);
      if (alternative) out.push({ stem: alternative, slot: next, ending });
      out.push({ stem, slot: next, ending });
    }
  }
  return out.sort((a, b) => demoted(a, plain) - demoted(b, plain) || b.ending.text.length - a.ending.text.length);
}

/**
 * Readings that are grammatical but less likely than another one of the same word, tried last:
 * - "-сы" leaving one syllable or a stem ending in ы/і (бас-ы, жұмыс-ы rather than ба-сы, жұмы-сы), except after
 *   an agent noun (басшы-сы);
 * - the present "-ады" after a consonant cluster ending in л/д/т, which is mostly a verb in -ла/-да/-та and the past
 *   "-ды" (қабылда-ды, баста-ды; but айт-ады), or after м/п/б, mostly the negation "-ма" and the past
 *   (қабылда-ма-ды, қатыс-па-ды);
 * - a vowel after a doubled consonant, which roots do not end in (айт-ты-ңыз, not айтт-ыңыз);
 * - typed without Kazakh letters, "you are" "-сың" reads like the far more frequent "-сын" (төраға-сы-н).
 */
function demoted(option: Option, plain: boolean): number {
  const { stem, ending } = option;
  if (plain && option.slot === 'person' && ending.text.includes('ң')) return 1;
  if (/^с[ыі]$/.test(ending.text) && (syllables(stem) < 2 || /[^ш][ыі]$/.test(stem))) return 1;
  if (/^(?:ады|еді)$/.test(ending.text) && (/[^аәеёиоөұүыіэюяуйр][лдт]$/.test(stem) || /[мпб]$/.test(stem))) return 1;
  if (isVowel(ending.text[0]) && /([^аәеёиоөұүыіэюяу])\1$/.test(stem)) return 1;
  return 0;
}

/** Every way to strip the word: each path is the list of stems it leaves, outermost first. */
function analyses(word: string, plain: boolean): string[][] {
  const paths: string[][] = [];
  const walk = (current: string, slot: Slot | 'word', last: Ending | undefined, stems: string[]) => {
    if (paths.length >= MAX_PATHS) return;
    if (!mustContinue(last)) paths.push(stems);
    for (const o of optionsAfter(current, slot, plain, last?.requires)) walk(o.stem, o.slot, o.ending, [...stems, o.stem]);
  };
  walk(word, 'word', undefined, []);
  return paths;
}

const MAX_PATHS = 64;

const mustContinue = (last: Ending | undefined) => last !== undefined && (last.needsMore === true || last.requires !== undefined);

/** The most likely reading: the first option at each step that leads somewhere. */
function preferredStems(word: string, plain: boolean): string[] {
  const walk = (current: string, slot: Slot | 'word', last: Ending | undefined): string[] | undefined => {
    let best: string[] | undefined;
    for (const o of optionsAfter(current, slot, plain, last?.requires, true)) {
      // The same letters may be two endings ("өткізілді": the past, after which the passive goes too, or the
      // accusative): of readings that leave the same stem, the one that explains more of the word.
      if (best && o.stem !== best[0]) break;
      const rest = walk(o.stem, o.slot, o.ending);
      if (rest && (!best || rest.length + 1 > best.length)) best = [o.stem, ...rest];
    }
    return best ?? (mustContinue(last) ? undefined : []);
  };
  return walk(word, 'word', undefined) ?? [];
}

const ALL_ENDINGS = new Set(Object.values(ENDINGS).flatMap((list) => list.flatMap((e) => [e.text, e.plain!])));

function isEndingChain(text: string, depth = 0): boolean {
  if (text === '') return depth > 0;
  if (depth >= 3) return false;
  for (let n = 1; n <= Math.min(6, text.length); n++) if (ALL_ENDINGS.has(text.slice(-n)) && isEndingChain(text.slice(0, -n), depth + 1)) return true;
  return false;
}

/** Abbreviations take their endings after a hyphen ("ОСК-ны", "ҮЕҰ-лар"); "нұр-сұлтан" is one word. */
function abbreviation(word: string): string | undefined {
  const hyphen = word.lastIndexOf('-');
  return hyphen > 0 && isEndingChain(word.slice(hyphen + 1)) ? word.slice(0, hyphen) : undefined;
}

export interface KazakhStemOptions {
  /** The text is typed without Kazakh letters (ә→а, қ→к, ...): endings are matched as typed that way too. */
  plain?: boolean;
}

/**
 * The word and the stems it may have, longest first: "учаскелеріне" → учаскелеріне, учаскелері, учаскелер, учаске.
 * The preferred reading's stems come first among stems of one length.
 */
export function kazakhStemCandidates(word: string, { plain = false }: KazakhStemOptions = {}): string[] {
  const short = abbreviation(word);
  if (short) return [word, short];
  const preferred = preferredStems(word, plain);
  const all = new Set([word, ...preferred]);
  for (const path of analyses(word, plain)) for (const stem of path) all.add(stem);
  return [...all].sort((a, b) => b.length - a.length);
}

/** The word and the stems of its most likely reading, longest first: "учаскелері" → учаскелері, учаскелер, учаске. */
export function kazakhStemChain(word: string, { plain = false }: KazakhStemOptions = {}): string[] {
  const short = abbreviation(word);
  return short ? [word, short] : [word, ...preferredStems(word, plain)];
}

/** The stem Kazakh words are indexed and searched by: the end of the most likely reading. */
export function kazakhStem(word: string, options: KazakhStemOptions = {}): string {
  return kazakhStemChain(word, options).at(-1)!;
}
