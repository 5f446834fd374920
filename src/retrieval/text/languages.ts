import { stemmer as russianStemmer } from '@orama/stemmers/russian';
import { stopwords as russianStopwords } from '@orama/stopwords/russian';
import { cyrillicLanguage, hasCyrillic } from '../../language.ts';
import { kazakhStem, kazakhStemCandidates } from './kazakh-stemmer.ts';

/** The languages retrieval tokenizes differently. Any other document language is read as English. */
export type TextLanguage = 'en' | 'ru' | 'kk';

export function textLanguage(code: string): TextLanguage {
  const base = code.toLowerCase().split('-')[0];
  return base === 'ru' ? 'ru' : base === 'kk' ? 'kk' : 'en';
}

/** The language of a question: any Cyrillic is Russian or Kazakh (see src/language.ts), else English. */
export function detectQuestionLanguage(text: string): TextLanguage {
  return hasCyrillic(text) ? cyrillicLanguage(text) : 'en';
}


/**
 * Kazakh function words (Orama has no Kazakh list), and question words: the lexicon reads those first when a
 * question is translated; in a Kazakh document or a Kazakh reading of a question they are not content.
 */
export const KAZAKH_STOP_WORDS = new Set([
  'кім', 'кімнің', 'кімді', 'кімге', 'қашан', 'қанша', 'неше', 'қандай', 'қай', 'қайда', 'неге', 'не', 'нені', 'ненің', 'қалай', 'неліктен',
  'және', 'мен', 'пен', 'бен', 'да', 'де', 'та', 'те', 'ма', 'ме', 'ба', 'бе', 'па', 'пе', 'бұл', 'сол', 'осы', 'ол', 'олар', 'оның',
  'үшін', 'туралы', 'бойынша', 'болады', 'болды', 'болған', 'болып', 'бар', 'жоқ', 'ғана', 'ше', 'ғой', 'екен', 'еді', 'деп', 'дейін',
  'кейін', 'арқылы', 'сияқты', 'тағы', 'әр', 'барлық', 'біз', 'сіз', 'мен', 'сен', 'ал', 'бірақ', 'немесе', 'егер', 'яғни', 'қазір',
  'өтінемін', 'қысқасы', 'қысқаша', 'айтыңызшы', 'айтыңыз', 'айтшы', 'білесіз', 'сұрақ', 'рахмет', 'сәлем', 'сәлеметсіз', 'сонымен', 'сонда',
  // Postpositions and particles ("... жөніндегі", "... жанындағы", "тек", "өз", "болып табылады").
  'жөніндегі', 'жөнінде', 'жанындағы', 'жанында', 'атындағы', 'ретінде', 'кезінде', 'бұдан', 'әрі', 'өз', 'тек', 'табылады', 'рет',
  'ету', 'етеді', 'етті', 'етіп', 'етілді', 'етілген', 'ала', 'алады', 'алды', 'алмайды', 'бола', 'болу', 'ең', 'өте', 'тиіс', 'керек',
  // Light verbs ("не істеуге" what to do, "шетелде жүрген" living abroad).
  'істеу', 'істеуге', 'істейді', 'істеді', 'істеп', 'жүр', 'жүрген', 'жүргендер', 'өзі', 'өзіміз', 'өздері',
  // The progressive and other auxiliaries ("жазып жатырмын", "болып жатқан"), "not", "something", "to it".
  'жатыр', 'жатырмын', 'жатқан', 'болуы', 'емес', 'бірдеңе', 'оған', 'барысында', 'істеліп',
  // Possessive pronouns ("біздің елде"), "that (it is)" clauses ("... екенін"), "about" (жайлы, like туралы), "when", "many".
  'біздің', 'сіздің', 'олардың', 'менің', 'сенің', 'екенін', 'екені', 'жайлы', 'кезде', 'көп',
]);
/** Orama's Russian stop words, and question words it lacks. */
export const RUSSIAN_STOP_WORDS = new Set([
  ...russianStopwords.map((w) => w.replace(/ё/g, 'е')),
  ...['сколько', 'скольких', 'скольким', 'каков', 'какова', 'каково', 'каковы', 'какие', 'каких', 'каким', 'какими', 'какую', 'каком', 'какого', 'какому', 'какое'],
  ...['пожалуйста', 'подскажите', 'скажите', 'подскажи', 'скажи', 'знаете', 'интересно', 'вопрос', 'спасибо', 'привет', 'здравствуйте'],
  // "Не подскажете, кто это был?", "Расскажите, ...": asking politely, not what is asked about.
  ...['подскажете', 'скажете', 'расскажете', 'поясните', 'уточните'],
  ...['среди', 'чему', 'чьему', 'нужен', 'нужна', 'нужны', 'является', 'являются', 'был', 'была', 'будет'],
  ...['собой', 'всеми', 'всем', 'весь', 'всё', 'всего'],
  ...['мог', 'могла', 'могло', 'могли', 'могут', 'может', 'можно', 'нужно', 'надо', 'должен', 'должна', 'должно', 'должны', 'стоит', 'было', 'были', 'будут'],
  ...['который', 'которая', 'которое', 'которые', 'которых', 'котором', 'почему', 'зачем', 'чей', 'чья', 'чье', 'чьи', 'ли', 'также', 'это', 'эта'],
  // Pronoun and determiner forms Orama's list lacks ("направили своих наблюдателей": their own observers).
  ...['свой', 'своя', 'свое', 'свои', 'своего', 'своей', 'своему', 'своим', 'своими', 'своих', 'своем', 'своею', 'сама', 'само', 'сами', 'самого', 'самой', 'самим', 'самих'],
  ...['ими', 'нему', 'нем', 'этому', 'этим', 'этих', 'та', 'те', 'той', 'тому', 'тех', 'такая', 'такое', 'такие', 'такого', 'таких', 'вся', 'всей', 'всему', 'которого', 'которой', 'которым', 'которыми'],
  // Conjunctions, and the chat fillers and request verbs of casual questions ("слушай, а ...", "короче", "расскажи").
  ...['хотя', 'либо', 'зато', 'поэтому', 'вообще', 'вроде', 'типа', 'короче', 'короч', 'блин', 'слушай', 'слушайте', 'расскажи', 'расскажите', 'объясни', 'объясните', 'насколько'],
  // "..., не помнишь?", "не знаешь, ...?", "напомни": asking someone to remember, not what is asked about.
  ...['помнишь', 'помните', 'знаешь', 'напомни', 'напомните'],
  // Possessives ("наша жизнь"), and indefinite pronouns written with a hyphen ("что-то подписал").
  ...['наш', 'наша', 'наше', 'наши', 'нашей', 'нашего', 'нашему', 'нашим', 'нашими', 'наших', 'нашу', 'ваш', 'ваша', 'ваше', 'ваши', 'вашей', 'вашего', 'вашим', 'ваших', 'вашу'],
  ...['мое', 'мои', 'моей', 'моего', 'моим', 'моих', 'мою', 'твой', 'твоя', 'твои'],
  ...['что-то', 'кто-то', 'где-то', 'когда-то', 'как-то', 'какой-то', 'какая-то', 'какое-то', 'какие-то', 'кое-что', 'кое-кто', 'что-нибудь', 'кто-нибудь', 'что-либо'],
]);

const FLEETING_VOWEL = /([бвгджзклмнпрстфхцчшщ])[ое]([кц])$/;

/**
 * Russian forms meet at one stem by stemming until nothing changes ("токаева" → "токаев" → "тока"), then dropping
 * a fleeting vowel the stemmer leaves in ("поправок" → "поправк", like "поправки").
 */
export function russianStemChain(word: string): string[] {
  const chain = [word];
  for (let i = 0; i < 4; i++) {
    const next = russianStemmer(chain.at(-1)!);
    if (next === chain.at(-1) || next.length < 2) break;
    chain.push(next);
  }
  const last = chain.at(-1)!;
  const withoutVowel = last.length > 4 ? last.replace(FLEETING_VOWEL, '$1$2') : last;
  if (withoutVowel !== last) chain.push(withoutVowel);
  return chain;
}

/** A Cyrillic word's index term in a Russian or Kazakh text: null for a function word. */
export function cyrillicTerm(word: string, language: 'ru' | 'kk'): string | null {
  const w = word.replace(/ё/g, 'е');
  if (language === 'kk') return KAZAKH_STOP_WORDS.has(w) ? null : kazakhStem(w);
  return RUSSIAN_STOP_WORDS.has(w) ? null : russianStemChain(w).at(-1)!;
}

const FORMS_CACHE = { ru: new Map<string, string[]>(), kk: new Map<string, string[]>() };
const FORMS_CACHE_SIZE = 50_000;

/**
 * The forms a word may be looked up by, most specific first (the word, then shorter and shorter stems). Remembered:
 * stemming is the slow part of a lookup. `plain`: Kazakh typed without its letters (see kazakhStemCandidates).
 */
export function lookupForms(word: string, language: 'ru' | 'kk', plain = false): string[] {
  const cache = FORMS_CACHE[language];
  const key = plain && language === 'kk' ? `~${word}` : word;
  let forms = cache.get(key);
  if (!forms) {
    const w = word.replace(/ё/g, 'е');
    forms = language === 'kk' ? kazakhForms(w, plain) : withNounStem(russianStemChain(w), w);
    if (cache.size >= FORMS_CACHE_SIZE) cache.clear();
    cache.set(key, forms);
  }
  return forms;
}

/**
 * A Kazakh word's stems; a word with Kazakh letters may still end as typed on a Russian keyboard ("қатысуга" for
 * қатысуға, from Latin "qatysuga"), so its plain reading's stems are tried after its own.
 */
function kazakhForms(word: string, plain: boolean): string[] {
  const own = kazakhStemCandidates(word, { plain });
  if (plain) return own;
  const more = kazakhStemCandidates(word, { plain: true }).filter((f) => !own.includes(f));
  return more.length > 0 ? [...own, ...more] : own;
}

/** A Russian noun's case ending ("защите", "встрече", "поправками"). */
const NOUN_ENDING = /(?:ами|ями|ого|его|ому|ему|ой|ей|ом|ем|ам|ям|ах|ях|ую|ою|ею|ия|ии|ие|ью|е|у|ю|ы|и|а|я|о)$/;

/**
 * Snowball reads some nouns as verbs and strips too much ("защите", of защита, as the imperative "-ите" → "защ"):
 * the word without its noun case ending is one more form to look it up by ("защит").
 */
function withNounStem(chain: string[], word: string): string[] {
  const stem = word.replace(NOUN_ENDING, '');
  return stem.length >= 4 && stem !== word && !chain.includes(stem) ? [...chain, stem] : chain;
}

export function isStopWord(word: string): boolean {
  return RUSSIAN_STOP_WORDS.has(word) || KAZAKH_STOP_WORDS.has(word);
}
