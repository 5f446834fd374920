/**
 * Questions in Russian and Kazakh against an English corpus: a small domain lexicon turns the words that matter
 * (institutions, election terms, question words) into English before the question is read. Words are matched by
 * their beginning, which covers Russian endings and Kazakh suffixes ("комиссиясының" → "комиссия").
 * Words the lexicon does not know stay as they are, so an off-topic question stays off-topic.
 */

import { stopwords as russianStopwords } from '@orama/stopwords/russian';

/** Phrases first (lowercase, "ё" as "е"); each maps to English text. */
const PHRASES: Array<[RegExp, string]> = [
  [/центральн[\p{L}\p{M}-]* избирательн[\p{L}\p{M}-]* комисси[\p{L}\p{M}-]*/gu, 'central election commission'],
  [/орталық сайлау комиссия[\p{L}\p{M}-]*/gu, 'central election commission'],
  [/избирательн[\p{L}\p{M}-]* участ(?:ок|ка|ки|ков|ке|ках)[\p{L}\p{M}-]*/gu, 'polling stations'],
  [/сайлау учаске[\p{L}\p{M}-]*/gu, 'polling stations'],
  [/за (?:рубеж|границ)[\p{L}\p{M}-]*/gu, 'abroad'],
  [/по правам человека/gu, 'for human rights'],
  [/прав[\p{L}\p{M}-]* человека/gu, 'human rights'],
  [/адам құқық[\p{L}\p{M}-]*/gu, 'human rights'],
  [/иностранн[\p{L}\p{M}-]* дел/gu, 'foreign affairs'],
  [/сыртқы істер/gu, 'foreign affairs'],
  [/человеческ[\p{L}\p{M}-]* измерени[\p{L}\p{M}-]*/gu, 'human dimension'],
  [/на как[\p{L}\p{M}-]* срок/gu, 'how long term'],
  [/как[\p{L}\p{M}-]* процент[\p{L}\p{M}-]*/gu, 'what percentage'],
  [/какая доля/gu, 'what share'],
  [/қанша пайыз[\p{L}\p{M}-]*/gu, 'what percentage'],
  [/по телефону/gu, 'telephone'],
  [/ауа райы/gu, 'weather'],
];

/** Word beginnings (longest match wins) → English. Short keys only where they are unambiguous. */
const WORDS: Record<string, string> = {
  // question words
  когда: 'when', сколько: 'how many', скольк: 'how many', мог: 'could', кто: 'who', кого: 'who', какой: 'which', какая: 'which', какое: 'which', какие: 'which', каких: 'which', каким: 'which', почему: 'why', где: 'where', что: 'what',
  қашан: 'when', қанша: 'how many', кім: 'who', қандай: 'which', қай: 'which', неше: 'how many', неге: 'why', қайда: 'where',
  // the referendum and voting
  референдум: 'referendum', плебисцит: 'plebiscite', голосова: 'vote', проголосова: 'vote', голос: 'vote', выбор: 'elections', избирател: 'voters',
  участок: 'precinct', участк: 'precincts', участии: 'participation', участи: 'participate', участв: 'participate', участник: 'participants',
  учаске: 'precinct', сайлау: 'election', дауыс: 'vote', қатыс: 'participate',
  рубеж: 'abroad', зарубеж: 'abroad', границ: 'abroad', шетел: 'abroad', стран: 'countries', мемлекет: 'state',
  открыл: 'opened', открыт: 'opened', ашыл: 'opened', ашт: 'opened',
  прош: 'held', провел: 'held chaired', провёл: 'held chaired', проведен: 'held', проход: 'held', өтт: 'held', өткіз: 'held', өте: 'held',
  наблюдател: 'observers', байқаушы: 'observers', принцип: 'principles', қағид: 'principles',
  // the constitution and reform
  конституцион: 'constitutional', конституц: 'constitution', ата: 'constitution', поправ: 'amendments', измен: 'changes', түзет: 'amendments', өзгеріс: 'changes',
  статья: 'articles', статьи: 'articles', статей: 'articles', статью: 'articles', статьях: 'articles', бап: 'articles', затрагива: 'affected', касают: 'affected', реформ: 'reform', енгізіл: 'proposed', внес: 'proposed', предлож: 'proposed', ұсын: 'proposed',
  суд: 'court', сот: 'court', совет: 'council', кеңес: 'council', орган: 'body', орна: 'replace', замен: 'replace', замени: 'replace',
  ценност: 'values', құндылық: 'values', легитимн: 'legitimacy', аспект: 'aspects',
  // institutions and people
  комисси: 'commission', комиссия: 'commission', цик: 'CEC', оск: 'CEC', бдипч: 'ODIHR', обсе: 'OSCE', еқыұ: 'OSCE', мисси: 'mission', миссия: 'mission', оценк: 'assessment', бағала: 'assessment',
  председател: 'chairman', төраға: 'chairman', секретар: 'secretary', хатшы: 'secretary', заместител: 'deputy', орынбасар: 'deputy',
  министерств: 'ministry', министр: 'minister', министрлі: 'ministry', иностранн: 'foreign', сыртқы: 'foreign',
  возглав: 'led head', руковод: 'led head', басқар: 'led head',
  уполномоченн: 'commissioner', уәкіл: 'commissioner', омбудсмен: 'ombudsman', прав: 'rights', құқық: 'rights',
  президент: 'president', президенттің: 'president', токаев: 'Tokayev', тоқаев: 'Tokayev', парламент: 'parliament', мажилис: 'Mazhilis', мәжіліс: 'Mazhilis', сенат: 'Senate', палат: 'chamber',
  член: 'members', мүше: 'members', назнача: 'appoints', назначени: 'appointment', тағайында: 'appoints', срок: 'term', мерзім: 'term',
  меморандум: 'memorandums', сотрудничеств: 'cooperation', ынтымақтаст: 'cooperation', подписа: 'signed', қол: 'signed',
  диалогов: 'dialogue', диалог: 'dialogue', площадк: 'platform', алаң: 'platform', измерени: 'dimension', заседани: 'meeting', отырыс: 'meeting', встреч: 'meeting', конференц: 'conference', годовщин: 'anniversary', мерейтой: 'anniversary',
  конвенц: 'convention', дискриминац: 'discrimination', события: 'events', январск: 'January',
  // surveys and numbers
  опрос: 'surveyed', сауалнама: 'survey', телефон: 'telephone', респондент: 'respondents', процент: 'percent', пайыз: 'percent', доля: 'share',
  взросл: 'adults', ересек: 'adults', намерен: 'intend', ниет: 'intend', поддерж: 'support', қолда: 'support', знал: 'knew', знают: 'know', осведомл: 'aware', біл: 'know',
  лет: 'years', год: 'year', жыл: 'years', предыдущ: 'previous', прошл: 'previous', алдыңғы: 'previous', последн: 'last',
  человек: 'people', граждан: 'citizens', азамат: 'citizens', казахстанц: 'Kazakhstanis', қазақстандық: 'Kazakhstanis', казахстан: 'Kazakhstan', қазақстан: 'Kazakhstan',
  астан: 'Astana', алмат: 'Almaty', нур: 'Nur-Sultan',
  // everyday words, so that off-topic questions are recognised as such
  погод: 'weather', завтра: 'tomorrow', ертең: 'tomorrow', хлеб: 'bread', нан: 'bread', закваск: 'sourdough', испеч: 'bake', пеш: 'bake', цена: 'price', баға: 'price', биткоин: 'bitcoin', футбол: 'football', столиц: 'capital', франц: 'France',
};

const KEYS = Object.keys(WORDS).sort((a, b) => b.length - a.length);

/** Kazakh function words (Orama has Russian stop words, not Kazakh ones). */
const KAZAKH_STOP_WORDS = new Set(['және', 'мен', 'пен', 'бен', 'да', 'де', 'та', 'те', 'ма', 'ме', 'ба', 'бе', 'па', 'пе', 'бұл', 'сол', 'осы', 'ол', 'не', 'үшін', 'туралы', 'бойынша', 'болады', 'болды', 'бар', 'жоқ', 'ғана', 'ше', 'ғой', 'екен']);
const STOP_WORDS = new Set([...russianStopwords.map((w) => w.replace(/ё/g, 'е')), ...KAZAKH_STOP_WORDS]);
const CYRILLIC_WORD = /[\p{Script=Cyrillic}][\p{Script=Cyrillic}\p{M}-]*/gu;

/** True when the text has Cyrillic letters (Russian or Kazakh). */
export function hasCyrillic(text: string): boolean {
  return /\p{Script=Cyrillic}/u.test(text);
}

/** The question with the Russian and Kazakh words the lexicon knows replaced by English ones. */
export function translateQuestion(text: string): string {
  if (!hasCyrillic(text)) return text;
  let out = text.toLowerCase().replace(/ё/g, 'е');
  for (const [pattern, english] of PHRASES) out = out.replace(pattern, ` ${english} `);
  out = out.replace(CYRILLIC_WORD, (word) => {
    const key = KEYS.find((k) => word.startsWith(k) && (k.length >= 4 || word.length - k.length <= 4));
    if (key) return WORDS[key]!;
    return STOP_WORDS.has(word) ? ' ' : word;
  });
  return out.replace(/\s+/g, ' ').replace(/ ([?!.,;:])/g, '$1').trim();
}
