/** The bot's own words in the languages its users write: English, Russian and Kazakh. Quotes stay as the source wrote them. */
export type Lang = 'en' | 'ru' | 'kk';

const KAZAKH_LETTERS = /[әғқңөұүһіӘҒҚҢӨҰҮҺІ]/;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /\p{Script=Latin}/u;

/** The language a text is written in, as far as the script tells; undefined when it has no letters to go by. */
export function detectLanguage(text: string): Lang | undefined {
  if (KAZAKH_LETTERS.test(text)) return 'kk';
  if (CYRILLIC.test(text)) return 'ru';
  if (LATIN.test(text)) return 'en';
  return undefined;
}

/** Telegram's language_code of the user's app ("ru", "kk", "en-GB", ...). */
export function languageFromCode(code: string | undefined): Lang {
  const base = code?.toLowerCase().split('-')[0];
  return base === 'ru' ? 'ru' : base === 'kk' ? 'kk' : 'en';
}

/** Answers speak the language of the question; without letters to go by, the language of the user's app. */
export function chooseLanguage(text: string | undefined, languageCode: string | undefined): Lang {
  return (text ? detectLanguage(text) : undefined) ?? languageFromCode(languageCode);
}

export interface Messages {
  answerOf(n: number, total: number): string;
  moreAnswers: string;
  previous: string;
  source: string;
  notInSources(question: string, documents: number): string;
  longQuestion(max: number): string;
  askUsage: string;
  unknownCommand: string;
  emptyQuestion: string;
  rateLimited(seconds: number): string;
  questionGone: string;
  noMoreAnswers: string;
  buttonInactive: string;
  tryAgain: string;
  somethingWrong: string;
  inlineAskPrivately: string;
  inlineNotInSources: string;
  sourcesHeader(n: number): string;
  sourcesFooter: string;
  welcome(bot: string): string[];
  help(bot: string): string[];
  examples: string[];
  tryAsking: string;
}

const en: Messages = {
  answerOf: (n, total) => `Answer ${n} of ${total}`,
  moreAnswers: 'More answers ›',
  previous: '‹ Previous',
  source: 'Source',
  notInSources: (q, n) =>
    `🤷 <b>Not in my sources.</b> None of my ${n} documents answers “${q}”.\nI only quote articles about Kazakhstan’s constitutional referendum of 5 June 2022. See /sources for what I have, or rephrase the question.`,
  longQuestion: (max) => `Your question was long; I searched its first ${max} characters.`,
  askUsage: 'Usage: <code>/ask your question</code> — for example <code>/ask When was the referendum held?</code>',
  unknownCommand: 'I don’t know that command. Send a question as plain text, or see /help.',
  emptyQuestion: 'Send me a question about the 2022 constitutional referendum, e.g. “When was it held?”',
  rateLimited: (s) => `You are asking faster than I can keep up with. Please wait about ${s} seconds before your next question.`,
  questionGone: 'I can no longer see the question this answered. Please ask again.',
  noMoreAnswers: 'No more answers for this question.',
  buttonInactive: 'This button is no longer active.',
  tryAgain: 'Sorry, that did not work. Please try again.',
  somethingWrong: 'Sorry, something went wrong while answering. Please try again in a moment.',
  inlineAskPrivately: 'Ask me in a private chat',
  inlineNotInSources: 'Not in my sources — ask me in private',
  sourcesHeader: (n) => `<b>My sources</b> (${n} documents):`,
  sourcesFooter: 'Every answer I give is a quote from one of these.',
  tryAsking: 'Try asking:',
  examples: [
    'When was the referendum held?',
    'How many polling stations were opened abroad?',
    'Who is the chairman of the Central Election Commission?',
    'What share of Kazakhstanis supported the referendum?',
  ],
  welcome: (bot) => [
    '👋 I answer questions about <b>Kazakhstan’s constitutional referendum of 5 June 2022</b> and the reforms around it.',
    'Every answer is a quote from a source article, with its title, publisher and date — nothing invented.',
    `Just type a question here. In groups use /ask or mention @${bot}; in any chat type @${bot} and your question.`,
    'See /help for more and /sources for the documents I quote.',
  ],
  help: (bot) => [
    '<b>How to ask</b>',
    '• <b>Here, in private:</b> just send your question, e.g. <i>How many polling places were there?</i>',
    `• <b>In a group:</b> <code>/ask your question</code>, mention @${bot} in a message, or reply to one of my answers. I stay quiet otherwise.`,
    `• <b>In any chat (inline):</b> type <code>@${bot} your question</code> and pick an answer to share it.`,
    '• <b>In a channel</b> where I am an admin: a post starting with /ask or mentioning me gets a reply.',
    '',
    'Under an answer, <b>More answers</b> shows the next quotes and <b>Source</b> opens the article when it has a link.',
    'If my documents do not answer a question, I say so. /sources lists them. I understand English, Russian and Kazakh; the quotes are in the language of the source.',
  ],
};

const ru: Messages = {
  answerOf: (n, total) => `Ответ ${n} из ${total}`,
  moreAnswers: 'Ещё ответы ›',
  previous: '‹ Назад',
  source: 'Источник',
  notInSources: (q, n) =>
    `🤷 <b>В моих источниках этого нет.</b> Ни один из ${n} документов не отвечает на «${q}».\nЯ цитирую только статьи о конституционном референдуме в Казахстане 5 июня 2022 года. Список — в /sources; можно переформулировать вопрос.`,
  longQuestion: (max) => `Вопрос длинный: я искал по первым ${max} символам.`,
  askUsage: 'Как спросить: <code>/ask ваш вопрос</code> — например, <code>/ask Когда прошёл референдум?</code>',
  unknownCommand: 'Такой команды нет. Отправьте вопрос обычным текстом или посмотрите /help.',
  emptyQuestion: 'Задайте вопрос о конституционном референдуме 2022 года, например: «Когда он прошёл?»',
  rateLimited: (s) => `Вы спрашиваете быстрее, чем я успеваю отвечать. Подождите около ${s} секунд перед следующим вопросом.`,
  questionGone: 'Я больше не вижу вопрос, на который был этот ответ. Спросите ещё раз.',
  noMoreAnswers: 'Других ответов на этот вопрос нет.',
  buttonInactive: 'Эта кнопка больше не работает.',
  tryAgain: 'Не получилось. Попробуйте ещё раз.',
  somethingWrong: 'Что-то пошло не так при поиске ответа. Попробуйте ещё раз чуть позже.',
  inlineAskPrivately: 'Спросить меня в личном чате',
  inlineNotInSources: 'В источниках нет — спросите в личном чате',
  sourcesHeader: (n) => `<b>Мои источники</b> (документов: ${n}):`,
  sourcesFooter: 'Каждый мой ответ — цитата из одного из них.',
  tryAsking: 'Спросите, например:',
  examples: ['Когда прошёл референдум?', 'Сколько участков открыли за рубежом?', 'Кто председатель Центральной избирательной комиссии?', 'Какой процент казахстанцев поддержал референдум?'],
  welcome: (bot) => [
    '👋 Я отвечаю на вопросы о <b>конституционном референдуме в Казахстане 5 июня 2022 года</b> и реформах вокруг него.',
    'Каждый ответ — цитата из статьи-источника с названием, изданием и датой; ничего не выдумываю.',
    `Просто напишите вопрос здесь. В группах — /ask или упоминание @${bot}; в любом чате наберите @${bot} и вопрос.`,
    'Подробнее — /help, список документов — /sources.',
  ],
  help: (bot) => [
    '<b>Как спросить</b>',
    '• <b>Здесь, в личном чате:</b> просто отправьте вопрос, например <i>Сколько было избирательных участков?</i>',
    `• <b>В группе:</b> <code>/ask ваш вопрос</code>, упоминание @${bot} или ответ на моё сообщение. Иначе я молчу.`,
    `• <b>В любом чате (inline):</b> наберите <code>@${bot} ваш вопрос</code> и выберите ответ, чтобы поделиться им.`,
    '• <b>В канале</b>, где я администратор: пост, который начинается с /ask или упоминает меня, получит ответ.',
    '',
    'Под ответом кнопка <b>Ещё ответы</b> показывает следующие цитаты, а <b>Источник</b> открывает статью, если у неё есть ссылка.',
    'Если в документах нет ответа, я так и скажу. /sources — их список. Я понимаю русский, казахский и английский; цитаты — на языке источника.',
  ],
};

const kk: Messages = {
  answerOf: (n, total) => `Жауап ${n} / ${total}`,
  moreAnswers: 'Тағы жауаптар ›',
  previous: '‹ Артқа',
  source: 'Дереккөз',
  notInSources: (q, n) =>
    `🤷 <b>Менің дереккөздерімде бұл жоқ.</b> ${n} құжаттың ешқайсысы «${q}» сұрағына жауап бермейді.\nМен тек 2022 жылғы 5 маусымдағы Қазақстанның конституциялық референдумы туралы мақалаларды дәйексөз етемін. Тізім — /sources; сұрақты басқаша қойып көріңіз.`,
  longQuestion: (max) => `Сұрақ ұзын: алғашқы ${max} таңба бойынша іздедім.`,
  askUsage: 'Қалай сұрау керек: <code>/ask сұрағыңыз</code> — мысалы, <code>/ask Референдум қашан өтті?</code>',
  unknownCommand: 'Мұндай команда жоқ. Сұрақты қарапайым мәтінмен жіберіңіз немесе /help қараңыз.',
  emptyQuestion: '2022 жылғы конституциялық референдум туралы сұрақ қойыңыз, мысалы: «Ол қашан өтті?»',
  rateLimited: (s) => `Сіз мен жауап беріп үлгергеннен жылдам сұрап жатырсыз. Келесі сұраққа дейін шамамен ${s} секунд күтіңіз.`,
  questionGone: 'Бұл жауап берілген сұрақты енді көрмеймін. Қайта сұраңыз.',
  noMoreAnswers: 'Бұл сұраққа басқа жауап жоқ.',
  buttonInactive: 'Бұл батырма енді жұмыс істемейді.',
  tryAgain: 'Болмады. Қайталап көріңіз.',
  somethingWrong: 'Жауап іздеу кезінде қате шықты. Сәлден соң қайталап көріңіз.',
  inlineAskPrivately: 'Маған жеке чатта сұрақ қойыңыз',
  inlineNotInSources: 'Дереккөздерде жоқ — жеке чатта сұраңыз',
  sourcesHeader: (n) => `<b>Менің дереккөздерім</b> (${n} құжат):`,
  sourcesFooter: 'Әр жауабым — осылардың біреуінен алынған дәйексөз.',
  tryAsking: 'Мысалы, сұраңыз:',
  examples: ['Референдум қашан өтті?', 'Шетелде қанша сайлау учаскесі ашылды?', 'Орталық сайлау комиссиясының төрағасы кім?', 'Қазақстандықтардың қанша пайызы референдумды қолдайды?'],
  welcome: (bot) => [
    '👋 Мен <b>2022 жылғы 5 маусымдағы Қазақстанның конституциялық референдумы</b> және оған байланысты реформалар туралы сұрақтарға жауап беремін.',
    'Әр жауап — атауы, басылымы және күні көрсетілген дереккөз мақаласынан алынған дәйексөз; ештеңе ойдан шығарылмайды.',
    `Сұрағыңызды осында жаза беріңіз. Топтарда — /ask немесе @${bot} деп атаңыз; кез келген чатта @${bot} деп теріп, сұрағыңызды жазыңыз.`,
    'Толығырақ — /help, құжаттар тізімі — /sources.',
  ],
  help: (bot) => [
    '<b>Қалай сұрауға болады</b>',
    '• <b>Осында, жеке чатта:</b> сұрағыңызды жіберіңіз, мысалы <i>Қанша сайлау учаскесі болды?</i>',
    `• <b>Топта:</b> <code>/ask сұрағыңыз</code>, хабарламада @${bot} деп атау немесе менің жауабыма жауап жазу. Әйтпесе үндемеймін.`,
    `• <b>Кез келген чатта (inline):</b> <code>@${bot} сұрағыңыз</code> деп теріп, бөлісу үшін жауапты таңдаңыз.`,
    '• Мен әкімші болған <b>арнада</b>: /ask деп басталатын немесе мені атаған жазбаға жауап беремін.',
    '',
    'Жауаптың астындағы <b>Тағы жауаптар</b> келесі дәйексөздерді көрсетеді, ал <b>Дереккөз</b> сілтемесі бар мақаланы ашады.',
    'Құжаттарда жауап болмаса, солай деймін. /sources — олардың тізімі. Қазақ, орыс және ағылшын тілдерін түсінемін; дәйексөздер дереккөз тілінде.',
  ],
};

const MESSAGES: Record<Lang, Messages> = { en, ru, kk };

export function t(lang: Lang): Messages {
  return MESSAGES[lang];
}

/** "Answer 2 of 5" in any language → 1 (0-based page), or undefined. */
export function pageShown(text: string | undefined): number | undefined {
  const m = /^\D*?(\d+)\D+\d+\s*(?:\n|$)/.exec(text ?? '');
  return m ? Number(m[1]) - 1 : undefined;
}
