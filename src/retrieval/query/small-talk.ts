import { plainKazakh } from '../text/kazakh-stemmer.ts';

/**
 * Greetings, thanks and the command-like words a newcomer types ("hi", "спасибо", "help", "menu") are not
 * questions about the sources: they are not searched, and the bot answers them with a short friendly reply.
 * A message is small talk when nothing is left of it once such phrases and filler are taken away.
 */
const PHRASES = [
  // English
  'hi', 'hello', 'hey', 'hiya', 'howdy', 'yo', 'sup', 'greetings', 'good morning', 'good afternoon', 'good evening', 'good night', 'good day',
  "what's up", 'whats up', 'how are you', 'how are you doing', 'how is it going', "how's it going", 'nice to meet you',
  'thanks', 'thank you', 'thank you very much', 'thanks a lot', 'many thanks', 'thx', 'ty', 'cheers', 'appreciate it', 'much appreciated',
  'ok', 'okay', 'k', 'cool', 'great', 'nice', 'good', 'fine', 'awesome', 'perfect', 'got it', 'i see', 'understood', 'clear', 'makes sense', 'that makes sense', 'that helps', 'that helped', 'alright', 'all right', 'yes', 'no', 'yep', 'nope', 'sure',
  'bye', 'goodbye', 'good bye', 'see you', 'see ya', 'later', 'take care',
  'help', 'help me', 'start', 'menu', 'commands', 'command', 'settings', 'options', 'info', 'about', 'test', 'testing', 'ping', 'stop', 'cancel', 'back', 'home',
  "what's new", 'whats new', 'morning', 'evening', 'gm', 'thank u', 'thanks u', 'np', 'no problem', 'lol', 'haha', 'wow', 'hello there', 'welcome', 'how r u', 'how are u',
  'for helping', 'for your help', 'for the help', 'for the answer', 'for the answers', 'for the info', 'for the information', 'for that',
  'you helped', 'you helped me', 'you have been helpful', "you've been helpful", 'helpful', 'that was helpful', 'you are the best', "you're the best",
  'who are you', 'what are you', 'what can you do', 'what do you do', 'what can i ask', 'what can i ask you', 'how does this work', 'how do you work', 'how to use', 'how do i use this', 'are you a bot', 'are you human', 'are you real',
  'what can you help with', 'what can you help me with', 'what do you help with', 'how can you help', 'how can you help me', 'can you help', 'can you help me', 'what can you tell me', 'what do you know',
  'who made you', 'who created you', 'who built you', 'who developed you', 'who wrote you', 'who programmed you', 'who owns you', "what's your name", 'whats your name', 'what is your name', 'your name',
  // Russian
  'привет', 'приветик', 'здравствуй', 'здравствуйте', 'здрасте', 'добрый день', 'доброе утро', 'добрый вечер', 'доброй ночи', 'хай', 'салют', 'салам',
  'как дела', 'как ты', 'как поживаешь', 'спасибо', 'спс', 'благодарю', 'большое спасибо', 'спасибо большое', 'пасиб',
  'ок', 'окей', 'хорошо', 'ладно', 'понятно', 'ясно', 'отлично', 'супер', 'класс', 'да', 'нет', 'ага',
  'пока', 'до свидания', 'до встречи', 'всего доброго',
  'помощь', 'помоги', 'помогите', 'помоги мне', 'старт', 'начать', 'меню', 'команды', 'настройки', 'тест', 'стоп', 'отмена',
  'здорово', 'прив', 'хелло', 'алло', 'всем привет', 'доброго дня', 'доброго времени суток', 'что нового', 'как жизнь', 'как сам', 'как вы', 'мерси', 'спасибо огромное', 'огромное спасибо',
  'за помощь', 'за ответ', 'за ответы', 'за информацию', 'что помогаешь', 'что помог', 'что помогли', 'что ответил',
  'ты помог', 'ты помогла', 'вы помогли', 'вы мне помогли', 'ты мне помог', 'ты мне помогла', 'помог', 'помогли', 'полезно', 'было полезно', 'ты лучший', 'ты лучшая',
  'круто', 'понял', 'поняла', 'понятно спасибо', 'до завтра', 'счастливо', 'кто ты такой', 'ты кто такой', 'чем занимаешься', 'что ты делаешь',
  'кто ты', 'ты кто', 'что ты умеешь', 'что ты можешь', 'что умеешь', 'что можно спросить', 'как пользоваться', 'ты бот', 'ты человек',
  'чем можешь помочь', 'чем ты можешь помочь', 'чем вы можете помочь', 'чем поможешь', 'чем помочь', 'что ты знаешь', 'можешь помочь', 'можете помочь',
  'кто тебя создал', 'кто тебя сделал', 'кто тебя написал', 'кто тебя разработал', 'кто твой создатель', 'как тебя зовут', 'как тебя звать',
  // Kazakh
  'сәлем', 'салем', 'сәлеметсіз бе', 'салеметсиз бе', 'сәлеметсіздер ме', 'қайырлы таң', 'кайырлы тан', 'қайырлы күн', 'кайырлы кун', 'қайырлы кеш', 'кайырлы кеш', 'армысыз', 'армысың',
  'қалайсың', 'калайсын', 'қалайсыз', 'калайсыз', 'жағдай қалай', 'жагдай калай', 'рахмет', 'рахмет сізге', 'көп рахмет', 'коп рахмет', 'рақмет', 'ракмет', 'алғыс',
  'жақсы', 'жаксы', 'түсінікті', 'тусиникти', 'иә', 'ия', 'жоқ', 'жок', 'болды', 'сау бол', 'сау болыңыз', 'саубол', 'көріскенше', 'кездескенше',
  'көмек', 'комек', 'көмектес', 'көмектесші', 'комектесши', 'бастау', 'мәзір', 'мазир', 'баптаулар',
  'сәлеметсіз', 'салеметсиз', 'саламатсыз ба', 'амансыз ба', 'қал қалай', 'кал калай', 'халің қалай', 'халин калай', 'не жаңалық', 'не жаналык', 'хош', 'жарайды', 'керемет', 'түсіндім', 'тусиндим', 'сау болыңдар', 'сау болындар',
  'көмегің үшін', 'комегин ушин', 'көмегіңіз үшін', 'комегиниз ушин', 'жауабың үшін', 'жауабын ушин', 'жауабыңыз үшін', 'жауабыныз ушин',
  'көмектескенің үшін', 'комектескенин ушин', 'көмектескеніңіз үшін', 'комектескениниз ушин', 'көмектескеніңе', 'көмектескеніңізге',
  'сен кімсің', 'сен кимсин', 'кімсің', 'кимсин', 'не істей аласың', 'не истей аласын', 'не білесің', 'не билесин', 'сен ботсың ба',
  'немен көмектесе аласың', 'немен комектесе аласын', 'қалай көмектесе аласың', 'калай комектесе аласын', 'немен көмектесесің', 'немен комектесесин',
  'сені кім жасады', 'сени ким жасады', 'сені кім жасаған', 'сени ким жасаган', 'атың кім', 'атын ким', 'сенің атың кім', 'сенин атын ким', 'есімің кім', 'есимин ким',
  'көмектестің', 'көмектестіңіз', 'көмегіңізге', 'көмегіңе', 'жауабың', 'жауабыңыз', 'пайдалы болды', 'пайдалы', 'жауабың үшін рахмет',
  // Kazakh and Russian greetings and thanks typed in Latin letters
  'salem', 'sälem', "sa'lem", 'salemetsiz be', 'salemetsiz', 'sälemetsiz be', 'rahmet', 'rakhmet', 'raqmet', 'rahmet sizge', 'kop rahmet', 'köp rahmet', 'sau bol', 'sau bolynyz',
  'privet', 'spasibo', 'spasibo bolshoe', 'bolshoe spasibo', 'zdravstvuyte', 'zdravstvuite', 'dobryi den', 'dobryy den', 'poka',
];
/** Words that add nothing to a greeting ("hi there bot", "thanks so much!"). */
const FILLER = new Set(['there', 'bot', 'so', 'much', 'very', 'again', 'everyone', 'all', 'guys', 'friend', 'please', 'pls', 'plz', 'me', 'you', 'a', 'lot', 'just', 'oh', 'ah', 'hmm', 'well', 'and', 'бот', 'ботик', 'тебе', 'вам', 'очень', 'ещё', 'еще', 'всем', 'друг', 'пожалуйста', 'пж', 'и', 'ну', 'всё', 'все', 'теперь', 'now', 'everything', 'бәрі', 'бари', 'енді', 'енди', 'саған', 'сізге', 'бәріне', 'барине', 'досым', 'өтінемін', 'отинемин', 'және', 'көп', 'өте', 'вообще', 'короче', 'слушай', 'типа', 'блин', 'actually', 'really', 'anyway']);
const MAX_WORDS = 8;

/** Kazakh letters as people type them without a Kazakh layout, so "рақмет" and "рахмет" are one word. */
const plain = (text: string) => plainKazakh(text).replace(/ё/g, 'е');

/** The phrases as words, longest first, listed under their first word (a message's word is looked up, not every phrase tried). */
const PHRASES_BY_FIRST_WORD = new Map<string, string[][]>();
for (const phrase of PHRASES.map((p) => plain(p).split(' ')).sort((a, b) => b.length - a.length)) {
  const list = PHRASES_BY_FIRST_WORD.get(phrase[0]!);
  if (list) list.push(phrase);
  else PHRASES_BY_FIRST_WORD.set(phrase[0]!, [phrase]);
}
const FILLER_WORDS = new Set([...FILLER].map(plain));

export function isSmallTalk(message: string): boolean {
  const words = plain(message.toLowerCase())
    .replace(/^\/\w+(@\w+)?/, (command) => command.slice(1).replace(/@\w+$/, ''))
    .replace(/[’`]/g, "'")
    .split(/[^\p{L}\p{N}']+/u)
    .filter(Boolean);
  if (words.length === 0 || words.length > MAX_WORDS) return false;
  let matchedPhrase = false;
  for (let i = 0; i < words.length; ) {
    let consumed = 0;
    for (const phrase of PHRASES_BY_FIRST_WORD.get(words[i]!) ?? []) if ((consumed = phraseAt(words, i, phrase)) > 0) break;
    if (consumed > 0) {
      matchedPhrase = true;
      i += consumed;
    } else if (FILLER_WORDS.has(words[i]!)) {
      i += 1;
    } else {
      return false;
    }
  }
  return matchedPhrase;
}

/** How many words from `at` the phrase takes up, filler between its words included ("ты вообще кто"), or 0. */
function phraseAt(words: readonly string[], at: number, phrase: readonly string[]): number {
  let j = at;
  for (const w of phrase) {
    while (j < words.length && words[j] !== w && FILLER_WORDS.has(words[j]!)) j += 1;
    if (words[j] !== w) return 0;
    j += 1;
  }
  return j - at;
}
