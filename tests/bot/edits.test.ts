import { GrammyError } from 'grammy';
import type { Message, Update } from 'grammy/types';
import { beforeEach, describe, expect, it } from 'vitest';
import { AnswerMemory } from '../../src/bot/answer-memory.ts';
import { BOT_INFO, createTestBot, type ApiCall } from '../support/bot-harness.ts';
import { DEFAULT_GROUP, DEFAULT_USER, UpdateBuilder } from '../support/update-builders.ts';

const EN = { from: { ...DEFAULT_USER, language_code: 'en' } };
const BOT = BOT_INFO.username;

let t: ReturnType<typeof createTestBot>;
let b: UpdateBuilder;
beforeEach(() => {
  t = createTestBot();
  b = new UpdateBuilder();
});

const edits = () => t.calls.filter((c) => c.method === 'editMessageText');
const methods = () => t.calls.map((c) => c.method);
const buttons = (payload: Record<string, unknown>) => ((payload.reply_markup as { inline_keyboard?: Array<Array<Record<string, string>>> } | undefined)?.inline_keyboard ?? []).flat();

/** The bot's answer message as Telegram would hold it: the sendMessage result, replying to the question. */
async function askAndGetAnswer(update: Update): Promise<{ question: Message; answerId: number }> {
  await t.handle(update);
  const question = (update.message ?? update.edited_message)!;
  const sent = t.sent().at(-1)!;
  expect((sent.payload.reply_parameters as { message_id: number }).message_id).toBe(question.message_id);
  const answerId = 1000 + t.sent().length; // the harness numbers sent messages from 1001
  return { question, answerId };
}

function edited(question: Message, text: string, entities?: Message['entities']): Update {
  const u = b.editedPrivateText(question, text);
  if (entities) u.edited_message!.entities = entities;
  return u;
}

describe('an edited question in a private chat', () => {
  it('gets its earlier answer edited in place, once, with the new answer and buttons; nothing new is sent', async () => {
    const { question, answerId } = await askAndGetAnswer(b.privateText('What is the capital of France?', EN));
    expect(t.sent()[0]!.payload.text).toMatch(/Not in my sources/);
    t.clear();
    await t.handle(edited(question, 'How many polling places were there?'));
    expect(methods()).toEqual(['editMessageText']);
    const p = edits()[0]!.payload;
    expect(p).toMatchObject({ chat_id: question.chat.id, message_id: answerId, parse_mode: 'HTML', link_preview_options: { is_disabled: true } });
    expect(p.text).toMatch(/^<i>Answer 1 of \d<\/i>\n<blockquote>.*10,012/s);
    expect(buttons(p)).toEqual([{ text: 'More answers ›', callback_data: 'more:1' }, { text: 'Source', url: expect.stringMatching(/^https:\/\/kisi\.kz\//) }]);
  });

  it('each further edit edits the same answer again; an answer that becomes "not in my sources" loses its buttons', async () => {
    const { question, answerId } = await askAndGetAnswer(b.privateText('How many polling places were there?', EN));
    t.clear();
    await t.handle(edited(question, 'Who is the Secretary of the Central Election Commission?'));
    await t.handle(edited(question, 'What is the capital of France?'));
    expect(methods()).toEqual(['editMessageText', 'editMessageText']);
    expect(edits().map((c) => c.payload.message_id)).toEqual([answerId, answerId]);
    expect(edits()[0]!.payload.text).toContain('Mukhtar Yerman');
    expect(edits()[1]!.payload.text).toMatch(/Not in my sources/);
    expect(edits()[1]!.payload.reply_markup).toBeUndefined(); // Telegram removes the keyboard when none is sent
  });

  it('is answered in the edited question’s language', async () => {
    const { question } = await askAndGetAnswer(b.privateText('How many polling places were there?', EN));
    t.clear();
    await t.handle(edited(question, 'Сколько было избирательных участков на референдуме?'));
    expect(edits()[0]!.payload.text).toMatch(/^<i>Ответ 1 из \d<\/i>/);
  });

  it('a question the bot never answered (or no longer remembers) gets a fresh answer, and later edits edit that one', async () => {
    const question = b.privateText('placeholder', EN).message!;
    await t.handle(edited(question, 'How many polling places were there?'));
    expect(methods()).toEqual(['sendMessage']);
    expect(t.sent()[0]!.payload.reply_parameters).toEqual({ message_id: question.message_id, allow_sending_without_reply: true });
    t.clear();
    await t.handle(edited(question, 'Who is the Deputy Minister of Foreign Affairs?'));
    expect(methods()).toEqual(['editMessageText']);
    expect(edits()[0]!.payload.text).toContain('Roman Vassilenko');
  });

  it('an answer that is gone (deleted, too old to edit) is replaced by a fresh answer', async () => {
    for (const description of ['Bad Request: message to edit not found', "Bad Request: message can't be edited"]) {
      t = createTestBot({ failWith: (call: ApiCall) => (call.method === 'editMessageText' ? new GrammyError('edit failed', { ok: false, error_code: 400, description }, 'editMessageText', call.payload) : undefined) });
      const { question } = await askAndGetAnswer(b.privateText('What is the capital of France?', EN));
      t.clear();
      await t.handle(edited(question, 'How many polling places were there?'));
      expect(methods(), description).toEqual(['editMessageText', 'sendMessage']);
      expect(t.sent()[0]!.payload.text).toContain('10,012');
      t.clear();
      // The new answer is the one remembered now.
      await t.handle(edited(question, 'Who is the Deputy Minister of Foreign Affairs?'));
      expect(edits()[0]!.payload.message_id).toBe(1002);
    }
  });

  it('an edit that leaves the answer the same ("message is not modified") sends nothing more', async () => {
    t = createTestBot({ failWith: (call) => (call.method === 'editMessageText' ? new GrammyError('edit failed', { ok: false, error_code: 400, description: 'Bad Request: message is not modified: specified new message content and reply markup are exactly the same' }, 'editMessageText', call.payload) : undefined) });
    const { question } = await askAndGetAnswer(b.privateText('How many polling places were there?', EN));
    t.clear();
    await t.handle(edited(question, 'How many polling places were there??'));
    expect(methods()).toEqual(['editMessageText']);
  });

  it('edited commands, and edits that leave no question, are left alone', async () => {
    const { question } = await askAndGetAnswer(b.privateText('How many polling places were there?', EN));
    t.clear();
    await t.handle(edited(question, '/help'));
    await t.handle(edited(question, '   '));
    expect(methods()).toEqual([]);
    await t.handle(edited(question, '/ask Who is the Deputy Minister of Foreign Affairs?'));
    expect(methods()).toEqual(['editMessageText']);
    expect(edits()[0]!.payload.text).toContain('Roman Vassilenko');
  });

  it('counts against the per-user question limit like a new question', async () => {
    t = createTestBot({ rateLimit: { limit: 1, windowMs: 60_000 } });
    const { question } = await askAndGetAnswer(b.privateText('How many polling places were there?', EN));
    t.clear();
    await t.handle(edited(question, 'Who is the Deputy Minister of Foreign Affairs?'));
    expect(methods()).not.toContain('editMessageText');
  });
});

describe('an edited question in a group', () => {
  const groupEdit = (question: Message, text: string, entities?: Message['entities']): Update => {
    const u = b.editedPrivateText(question, text); // keeps the chat: the builder copies the original message
    if (entities) u.edited_message!.entities = entities;
    return u;
  };

  it('an edited /ask edits the answer in place', async () => {
    const { question, answerId } = await askAndGetAnswer(b.groupText('/ask How many polling places were there?', EN));
    t.clear();
    await t.handle(groupEdit(question, '/ask Who is the Deputy Minister of Foreign Affairs?'));
    expect(methods()).toEqual(['editMessageText']);
    expect(edits()[0]!.payload).toMatchObject({ chat_id: DEFAULT_GROUP.id, message_id: answerId });
    expect(edits()[0]!.payload.text).toContain('Roman Vassilenko');
  });

  it('so does an edited mention of the bot; an /ask@bot edited without a question, or into chatter, is left alone', async () => {
    const text = `@${BOT} How many polling places were there?`;
    const { question } = await askAndGetAnswer(b.groupText(text, { ...EN, entities: [{ type: 'mention', offset: 0, length: BOT.length + 1 }] }));
    t.clear();
    const newText = `@${BOT} Who moderated the KazISS expert platform meeting?`;
    await t.handle(groupEdit(question, newText, [{ type: 'mention', offset: 0, length: BOT.length + 1 }]));
    expect(methods()).toEqual(['editMessageText']);
    expect(edits()[0]!.payload.text).toContain('Yerkin Tukumov');
    t.clear();
    await t.handle(groupEdit(question, 'never mind, just chatting'));
    await t.handle(groupEdit(question, `/ask@${BOT}`));
    await t.handle(groupEdit(question, '/ask@other_bot How many polling places were there?'));
    expect(methods()).toEqual([]);
  });

  it('group chatter edited into /ask gets a fresh answer as a reply', async () => {
    const chatter = b.groupText('lunch at noon?', EN).message!;
    await t.handle(groupEdit(chatter, '/ask How many polling places were there?'));
    expect(methods()).toEqual(['sendMessage']);
    expect(t.sent()[0]!.payload).toMatchObject({ chat_id: DEFAULT_GROUP.id, reply_parameters: { message_id: chatter.message_id, allow_sending_without_reply: true } });
  });
});

describe('"More answers" after the question was edited', () => {
  it('pages the new answer from its first page, even when the old one had been paged to the same page number', async () => {
    const { question, answerId } = await askAndGetAnswer(b.privateText('How many polling places were there?', EN));
    const answer = (text: string, editDate?: number) => ({ message_id: answerId, date: 1, chat: question.chat, from: BOT_INFO, text, reply_to_message: question, ...(editDate ? { edit_date: editDate } : {}) }) as unknown as Message;
    await t.handle(b.callbackQuery('more:1', { message: answer('Answer 1 of 5\n…'), from: EN.from }));
    expect(edits()).toHaveLength(1);
    t.clear();
    const newQuestion = { ...question, text: 'Who is the Secretary of the Central Election Commission?' } as Message;
    await t.handle(edited(question, newQuestion.text!));
    expect(edits()).toHaveLength(1);
    t.clear();
    // The edited answer shows page 1 of the new question again; "More answers" on it must go to page 2.
    await t.handle(b.callbackQuery('more:1', { message: { ...answer('Answer 1 of 5\n…', 1_800_000_000), reply_to_message: newQuestion } as Message, from: EN.from }));
    expect(edits()).toHaveLength(1);
    expect(edits()[0]!.payload.text).toMatch(/^<i>Answer 2 of/);
  });
});

describe('AnswerMemory', () => {
  it('is bounded: the least recently used question is forgotten first', () => {
    const memory = new AnswerMemory(3);
    memory.remember(1, 10, 100);
    memory.remember(1, 11, 101);
    memory.remember(2, 10, 200);
    expect(memory.answerTo(1, 10)).toBe(100); // now the most recently used
    memory.remember(2, 11, 201);
    expect(memory.size).toBe(3);
    expect(memory.answerTo(1, 11)).toBeUndefined();
    expect(memory.answerTo(1, 10)).toBe(100);
    expect(memory.answerTo(2, 10)).toBe(200);
    memory.forget(2, 10);
    expect(memory.answerTo(2, 10)).toBeUndefined();
    expect(() => new AnswerMemory(0)).toThrow();
  });
});
