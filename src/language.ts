/**
 * Which of the users' languages a text is written in, as far as its letters tell. Shared by retrieval (how to read a
 * question) and the bot (which language to reply in), so both always agree. Pure, no dependencies.
 */
export type Lang = 'en' | 'ru' | 'kk';

const KAZAKH_LETTERS = /[әғқңөұүһі]/iu;
/** Frequent Kazakh words without Kazakh-only letters (also as typed without them), for telling Kazakh questions from Russian ones. */
const KAZAKH_WORDS = /(?:^|[^\p{L}])(?:ма|ме|ба|бе|па|пе|кім|ким|неше|мен|және|жане|туралы|бойынша|болады|болды|жыл|жылы|жоқ|жок|бар|канша|кашан|кайда|калай|кандай|кайсы|ушин|неге)(?=$|[^\p{L}])/iu;
const CYRILLIC_LETTERS = /\p{Script=Cyrillic}/gu;
const LATIN_LETTERS = /\p{Script=Latin}/gu;

/** Kazakh or Russian, for a text that has Cyrillic letters: Kazakh-only letters or frequent Kazakh words → kk. */
export function cyrillicLanguage(text: string): 'ru' | 'kk' {
  return KAZAKH_LETTERS.test(text) || KAZAKH_WORDS.test(text) ? 'kk' : 'ru';
}

/** The language of a text written mostly in Cyrillic (more Cyrillic letters than Latin ones), else undefined. */
export function mostlyCyrillicLanguage(text: string): 'ru' | 'kk' | undefined {
  const cyrillic = text.match(CYRILLIC_LETTERS)?.length ?? 0;
  if (cyrillic === 0 || cyrillic <= (text.match(LATIN_LETTERS)?.length ?? 0)) return undefined;
  return cyrillicLanguage(text);
}

const CYRILLIC = /\p{Script=Cyrillic}/u;

export function hasCyrillic(text: string): boolean {
  return CYRILLIC.test(text);
}

/**
 * Kazakh typed in Latin letters, as many do on phones and as the Latin alphabet writes it ("referendum qai kuni
 * otti?", "Saylau qashan boldy?", "qazaqstan jastarynyn", "jäne", "boiynsha"): the question words, particles and
 * postpositions that only Kazakh has. Words English shares ("me", "be", "ne", "sol") count less, and any English
 * function word makes the text English.
 */
const LATIN_KAZAKH_WORDS = new Set([
  'kim', 'kimnin', 'kimnyn', 'kimge', 'kimdi', 'neni', 'nege', 'neshe', 'nelikten', 'qansha', 'kansha', 'qanşa', 'qashan', 'kashan', 'qaşan',
  'qandai', 'qanday', 'kandai', 'kanday', 'qai', 'qay', 'kai', 'kay', 'qaisy', 'qaysy', 'kaisy', 'kaysy', 'qaida', 'qayda', 'kaida', 'kayda',
  'qalai', 'qalay', 'kalai', 'kalay', 'jane', 'jäne', 'zhane', 'turaly', 'boiynsha', 'boyynsha', 'boiinsha', 'boyinsha', 'ushin', 'üşin',
  'arqyly', 'arkyly', 'dep', 'degen', 'degenimiz', 'boldy', 'bolady', 'bolgan', 'bolğan', 'qazir', 'kazir', 'eken', 'edi', 'osy', 'bul',
]);
const LATIN_KAZAKH_PARTICLES = new Set(['ma', 'me', 'ba', 'be', 'pa', 'pe', 'ne', 'sol', 'ol', 'men', 'bar', 'jok', 'joq', 'zhok', 'ozi', 'özi']);
const ENGLISH_FUNCTION_WORDS = new Set([
  'the', 'is', 'are', 'was', 'were', 'what', 'who', 'whom', 'whose', 'when', 'where', 'why', 'how', 'which', 'did', 'does', 'do', 'of', 'to',
  'in', 'for', 'and', 'with', 'about', 'at', 'by', 'from', 'a', 'an', 'can', 'could', 'will', 'would', 'has', 'have', 'had', 'it', 'this',
  'that', 'there', 'you', 'i', 'my', 'your', 'please', 'tell', 'any', 'all', 'not', 'or', 'if', 'as',
]);
/** Letters of the Kazakh Latin alphabets that English does not use (q, and the accented ones). */
const KAZAKH_LATIN_LETTER = /[qäöüūığñş]/u;
/** Kazakh endings English words do not have (-ынша/-інше, -лық, the genitive -ның, -дағы, the locative -сында/-інде, -лары, -ымыз) and the ж of phone Latin. */
const KAZAKH_LATIN_SHAPE = /(?:ynsha|inshe|ynshe|insha|lyk|lik|dyk|dik|tyk|tik|lyq|dyq|tyq|nyn|nyñ|dyn|tyn|dagy|dagi|degi|tagy|tegi|synda|sinde|ynda|inde|lary|leri|dary|deri|tary|teri|ymyz|imiz)$|zh/u;
const LATIN_WORD = /[\p{Script=Latin}']+/gu;

/**
 * The text in Cyrillic when it is Kazakh written in Latin letters (see LATIN_KAZAKH_WORDS), else undefined. The
 * rendering uses only the letters a Russian keyboard has where the Latin spelling does not say which Kazakh letter
 * is meant (i → и, u → у, o → о, g → г, n → н): Kazakh typed without its letters is read as such anyway.
 */
export function kazakhFromLatin(text: string): string | undefined {
  if (hasCyrillic(text)) return undefined;
  const words = (text.toLowerCase().match(LATIN_WORD) ?? []).map((w) => w.replace(/^'+|'+$/g, ''));
  if (words.length < 2) return undefined;
  let score = 0;
  for (const w of words) {
    if (ENGLISH_FUNCTION_WORDS.has(w)) return undefined;
    if (LATIN_KAZAKH_WORDS.has(w)) score += 2;
    else if (LATIN_KAZAKH_PARTICLES.has(w)) score += 1;
    if (KAZAKH_LATIN_LETTER.test(w)) score += 1;
    else if (KAZAKH_LATIN_SHAPE.test(w)) score += 1;
  }
  // "Ombudsmen kim?": a Kazakh question ends with its question word.
  const endsAsking = LATIN_KAZAKH_WORDS.has(words.at(-1)!);
  return score >= 3 || (score >= 2 && endsAsking) ? latinToCyrillic(text) : undefined;
}

const DIGRAPHS: ReadonlyArray<[string, string]> = [
  ['shch', 'щ'], ['sh', 'ш'], ['ch', 'ч'], ['zh', 'ж'], ['kh', 'х'], ['gh', 'ғ'], ['ts', 'ц'], ['ya', 'я'], ['yu', 'ю'], ['yo', 'ё'],
  // The 2017 alphabet's apostrophes: a' = ә, o' = ө, u' = ү, g' = ғ, n' = ң, s' = ш, c' = ч.
  ["a'", 'ә'], ["o'", 'ө'], ["u'", 'ү'], ["g'", 'ғ'], ["n'", 'ң'], ["s'", 'ш'], ["c'", 'ч'],
];
const LETTERS: Readonly<Record<string, string>> = {
  a: 'а', ä: 'ә', b: 'б', c: 'с', ç: 'ч', d: 'д', e: 'е', f: 'ф', g: 'г', ğ: 'ғ', h: 'х', ı: 'ы', j: 'ж', k: 'к', l: 'л', m: 'м',
  n: 'н', ñ: 'ң', o: 'о', ö: 'ө', p: 'п', q: 'қ', r: 'р', s: 'с', ş: 'ш', t: 'т', u: 'у', ū: 'ұ', ü: 'ү', v: 'в', w: 'у', x: 'х', z: 'з',
};
const LATIN_VOWELS = new Set([...'aeiouyäöüūı']);

function latinToCyrillic(text: string): string {
  let out = '';
  const lower = text.toLowerCase();
  for (let i = 0; i < lower.length; ) {
    const digraph = DIGRAPHS.find(([latin]) => lower.startsWith(latin, i));
    if (digraph) {
      out += matchCase(text.slice(i, i + digraph[0].length), digraph[1]);
      i += digraph[0].length;
      continue;
    }
    const ch = lower[i]!;
    // "qai", "boiynsha", "aitty": i or y after a vowel is й; otherwise i is и (or і, read alike) and y is ы. After
    // that й the next one is a vowel again ("payyzy": пайызы, "qaiyrly": қайырлы).
    // Nor is a u after a vowel, which is a consonant there ("dauys": дауыс).
    const afterVowel = i > 0 && LATIN_VOWELS.has(lower[i - 1]!) && !out.endsWith('й') && !(lower[i - 1] === 'u' && i > 1 && LATIN_VOWELS.has(lower[i - 2]!));
    const cyrillic = ch === 'i' ? (afterVowel ? 'й' : 'и') : ch === 'y' ? (afterVowel ? 'й' : 'ы') : LETTERS[ch];
    out += cyrillic === undefined ? text[i] : matchCase(text[i]!, cyrillic);
    i += 1;
  }
  return out;
}

function matchCase(latin: string, cyrillic: string): string {
  return latin[0] !== latin[0]!.toLowerCase() ? cyrillic.toUpperCase() : cyrillic;
}
