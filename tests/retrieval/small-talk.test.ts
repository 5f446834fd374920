import { describe, expect, it } from 'vitest';
import { isSmallTalk } from '../../src/retrieval/query/small-talk.ts';

describe('isSmallTalk', () => {
  it.each(['hi', 'Hello!', 'hey there bot', 'thanks', 'Thank you very much!', 'ok', 'bye', 'help', '/start', '/help@referendum_bot', 'what can you do?', 'привет', 'Спасибо большое!', 'что ты умеешь', 'сәлем', 'Рахмет!', 'салеметсиз бе', 'good morning', 'что нового?', 'здорово, бот', 'Саламатсыз ба!', 'кал калай', 'thank u', 'how r u', 'Привет! Спасибо, что помогаешь', 'thanks for your help!', 'Рахмет, көмегің үшін', 'Спасибо, всё понятно!', 'ok that makes sense', 'Рахмет, енді бәрі түсінікті', 'Кто тебя создал?', 'who made you?', "What's your name?", 'Сені кім жасады?', 'как тебя зовут', 'Сәлем! Қалайсың? Көмектескенің үшін рахмет', 'Hi! How can you help me?', 'Привет! Чем можешь помочь?', 'Сәлем! Немен көмектесе аласың?', 'salem!', 'Rakhmet', 'spasibo bolshoe', 'privet bot', 'Привет! Как дела, ты вообще кто?', 'hi, who are you actually', 'Рахмет, көп көмектестің!', 'Сәлеметсіз бе! Көп рахмет, жауабыңыз өте пайдалы болды.', 'Привет! Спасибо, ты очень помог.', 'Спасибо, вы мне очень помогли!', 'thanks, you helped a lot', 'that was helpful, thanks'])(
    'knows %s is not a question about the sources',
    (message) => expect(isSmallTalk(message)).toBe(true),
  );

  it.each(['What do you know about the referendum?', 'Can you help me find when the referendum was held?', 'hi, when was the referendum held?', 'thanks, and who chaired the meeting?', 'help me find the turnout', 'привет, сколько было участков?', 'referendum', 'ok so how many precincts abroad', '', '   ', '🗳️', 'thanks for the answer, who chaired the meeting?', 'спасибо за ответ, а кто председатель ЦИК?', 'всё понятно, а кто вёл заседание?', 'who made the amendments?', 'кто создал ЦИК?', 'Salem, referendum qai kuni otti?', 'Кто помог провести референдум?', 'Who helped organise the referendum?'])(
    'leaves %j to be searched',
    (message) => expect(isSmallTalk(message)).toBe(false),
  );
});
