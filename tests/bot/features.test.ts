import type { Message, MessageEntity } from 'grammy/types';
import { beforeEach, describe, expect, it } from 'vitest';
import { BOT_INFO, createTestBot } from '../support/bot-harness.ts';
import { DEFAULT_GROUP, DEFAULT_SUPERGROUP, DEFAULT_USER, UpdateBuilder } from '../support/update-builders.ts';

const EN = { from: { ...DEFAULT_USER, language_code: 'en' } };
const KK = { from: { ...DEFAULT_USER, language_code: 'kk' } };

const BOT = BOT_INFO.username;
const mention = (text: string): MessageEntity[] => {
  const at = text.indexOf(`@${BOT}`);
  return at === -1 ? [] : [{ type: 'mention', offset: at, length: BOT.length + 1 }];
};

let t: ReturnType<typeof createTestBot>;
let b: UpdateBuilder;
beforeEach(() => {
  t = createTestBot();
  b = new UpdateBuilder();
});

const lastSent = () => t.sent().at(-1)!.payload;
const buttons = (payload: Record<string, unknown>) =>
  ((payload.reply_markup as { inline_keyboard?: Array<Array<Record<string, string>>> } | undefined)?.inline_keyboard ?? []).flat();

describe('private chat', () => {
  it('answers any text with a quoted, cited excerpt replying to the question, and a More answers button', async () => {
    const update = b.privateText('How many polling places were there?', EN);
    await t.handle(update);
    expect(t.sent()).toHaveLength(1);
    const p = lastSent();
    expect(p.chat_id).toBe(update.message!.chat.id);
    expect(p.parse_mode).toBe('HTML');
    expect(p.text).toMatch(/^<i>Answer 1 of \d<\/i>\n<blockquote>.*<b>.*10,012.*<\/b>.*<\/blockquote>\n📄 /s);
    expect(p.text).toContain('Kazakhstan Institute for Strategic Studies');
    expect(p.reply_parameters).toEqual({ message_id: update.message!.message_id, allow_sending_without_reply: true });
    // The document has a url (corpus front matter), so the Source button opens it.
    expect(buttons(p)).toEqual([{ text: 'More answers ›', callback_data: 'more:1' }, { text: 'Source', url: 'https://kisi.kz/en/blogs/kazakhstan-ensured-all-conditions-for-the-observation-of-the-referendum/' }]);
    expect(p.text).not.toContain('The source is in'); // an English reply to an English source needs no note
  });

  it('says "not in my sources" and points to /sources when the corpus has no answer', async () => {
    await t.handle(b.privateText('What is the capital of France?', EN));
    expect(lastSent().text).toMatch(/Not in my sources/);
    expect(lastSent().text).toContain('/sources');
    expect(lastSent().reply_markup).toBeUndefined();
  });

  it('escapes user text that is echoed back', async () => {
    await t.handle(b.privateText('<b>bake</b> & sourdough <a href="x">bread</a>?'));
    expect(lastSent().text).toContain('&lt;b&gt;bake&lt;/b&gt; &amp; sourdough');
  });

  it('handles /start (also with a deep-link payload), /help, /sources and /ask', async () => {
    await t.handle(b.privateText('/start', EN));
    expect(lastSent().text).toContain('Try asking');
    await t.handle(b.privateText('/start inline', EN));
    expect(lastSent().text).toContain('Try asking');
    await t.handle(b.privateText('/help', EN));
    expect(lastSent().text).toMatch(/In a group.*\/ask/s);
    expect(lastSent().text).toContain(`@${BOT}`);
    await t.handle(b.privateText('/sources', EN));
    for (const d of t.retriever.documents) expect(lastSent().text).toContain(d.publisher.replace(/&/g, '&amp;'));
    await t.handle(b.privateText('/ask Who is the Deputy Minister of Foreign Affairs?'));
    expect(lastSent().text).toContain('Roman Vassilenko');
    await t.handle(b.privateText('/ask', EN));
    expect(lastSent().text).toMatch(/Usage/);
  });

  it('answers a photo caption that is a question', async () => {
    const u = b.privateText('placeholder');
    const msg = u.message as unknown as Record<string, unknown>;
    delete msg.text;
    msg.photo = [{ file_id: 'f', file_unique_id: 'u', width: 10, height: 10 }];
    msg.caption = 'Who moderated the KazISS expert platform meeting?';
    await t.handle(u);
    expect(lastSent().text).toContain('Yerkin Tukumov');
  });

  it('tells the user when a question is cut for length', async () => {
    await t.handle(b.privateText(`How many polling places were there? ${'please '.repeat(200)}`, EN));
    expect(lastSent().text).toMatch(/first 500 characters/);
    await t.handle(b.privateText(`Сколько было избирательных участков? ${'пожалуйста '.repeat(100)}`, EN));
    expect(lastSent().text).toMatch(/по первым 500 символам/);
  });
});

describe('languages', () => {
  it('speaks the language of a Cyrillic question, else of the app; commands speak the app language', async () => {
    // A refusal suggests questions the sources do answer, in the asker's language.
    await t.handle(b.privateText('Какая погода завтра в Алматы?', EN));
    expect(lastSent().text).toContain('В моих источниках этого нет');
    expect(lastSent().text).toContain('Спросите, например');
    await t.handle(b.privateText('Ертең ауа райы қандай болады?'));
    expect(lastSent().text).toContain('Менің дереккөздерімде бұл жоқ');
    expect(lastSent().text).toContain('Мысалы, сұраңыз');
    await t.handle(b.privateText('What is the capital of France?', EN));
    expect(lastSent().text).toContain('Not in my sources');
    expect(lastSent().text).toContain('Try asking');
    // The default test user's app is Russian: an English question gets Russian framing.
    await t.handle(b.privateText('What is the capital of France?'));
    expect(lastSent().text).toContain('В моих источниках этого нет');
    await t.handle(b.privateText('/start', KK));
    expect(lastSent().text).toContain('Мысалы, сұраңыз');
    await t.handle(b.privateText('/help'));
    expect(lastSent().text).toContain('Как спросить');
    await t.handle(b.privateText('/sources'));
    expect(lastSent().text).toMatch(/30 мая 2022/);
  });
});

describe('groups', () => {
  it('answers /ask and /ask@bot, replying to the asker; usage hint for an empty /ask', async () => {
    const u = b.groupText('/ask When did Astana host the CEC anniversary conference?');
    await t.handle(u);
    expect(lastSent().text).toContain('Dec. 7');
    expect(lastSent().reply_parameters).toMatchObject({ message_id: u.message!.message_id });
    await t.handle(b.groupText(`/ask@${BOT} Who chaired the Dialogue Platform meeting?`));
    expect(lastSent().text).toContain('Usen Suleimen');
    await t.handle(b.groupText('/ask', EN));
    expect(lastSent().text).toMatch(/Usage/);
    expect(t.sent()).toHaveLength(3);
  });

  it('ignores /ask meant for another bot and ordinary chatter', async () => {
    await t.handle(b.groupText('/ask@some_other_bot When is the referendum?'));
    await t.handle(b.groupText('When is the referendum? anyone?'));
    await t.handle(b.groupText('/start', EN));
    expect(t.sent().filter((c) => !String(c.payload.text).includes('Try asking'))).toHaveLength(0);
    expect(t.calls.filter((c) => c.method === 'sendMessage' && String(c.payload.text).includes('blockquote'))).toHaveLength(0);
  });

  it('answers a mention with the mention stripped, and a reply to its own message', async () => {
    const text = `@${BOT} how many precincts abroad?`;
    await t.handle(b.groupText(text, { entities: mention(text) }));
    expect(lastSent().text).toContain('65 precincts');
    const botMessage = { message_id: 77, date: 0, chat: DEFAULT_GROUP, from: BOT_INFO, text: 'previous answer' } as unknown as Message;
    await t.handle(b.groupText('and in how many countries were there polling stations?', { replyTo: botMessage }));
    expect(lastSent().text).toContain('52 countries');
    const otherUsersMessage = { ...botMessage, from: { id: 5, is_bot: false, first_name: 'X' } } as unknown as Message;
    await t.handle(b.groupText('how many countries?', { replyTo: otherUsersMessage }));
    expect(t.sent()).toHaveLength(2);
  });

  it('answers in the same forum topic', async () => {
    await t.handle(b.supergroupText('/ask Who is the Commissioner for Human Rights?', { threadId: 7 }));
    expect(lastSent()).toMatchObject({ chat_id: DEFAULT_SUPERGROUP.id, message_thread_id: 7 });
  });
});

describe('channels', () => {
  it('answers a post starting with /ask or mentioning the bot, as a reply; ignores other posts', async () => {
    const u = b.channelPost('/ask How many polling places were there?');
    await t.handle(u);
    expect(lastSent().text).toContain('10,012');
    expect(lastSent().reply_parameters).toMatchObject({ message_id: u.channel_post!.message_id });
    const text = `Question for @${BOT}: who is the CEC secretary?`;
    await t.handle(b.channelPost(text, { entities: mention(text) }));
    expect(lastSent().text).toContain('Mukhtar Yerman');
    await t.handle(b.channelPost('Our usual evening news post.'));
    expect(t.sent()).toHaveLength(2);
  });
});

describe('inline mode', () => {
  it('returns one article per excerpt with the cited answer as content, stable unique ids and paging', async () => {
    await t.handle(b.inlineQuery('referendum'));
    const first = t.calls.find((c) => c.method === 'answerInlineQuery')!.payload;
    const results = first.results as Array<Record<string, unknown>>;
    expect(results.length).toBe(10);
    expect(first.next_offset).toBe('10');
    expect(first.cache_time).toBeGreaterThan(0);
    // Framed in the asker's language, so Telegram must not share the cached results between users.
    expect(first.is_personal).toBe(true);
    expect((results[0]!.input_message_content as Record<string, string>).message_text).toMatch(/<blockquote>.*<\/blockquote>\n📄/s);
    t.clear();
    await t.handle(b.inlineQuery('referendum', { offset: '10' }));
    const second = (t.calls[0]!.payload.results as Array<{ id: string }>).map((r) => r.id);
    expect(second.some((id) => results.some((r) => r.id === id))).toBe(false);
    t.clear();
    await t.handle(b.inlineQuery('referendum'));
    expect((t.calls[0]!.payload.results as Array<{ id: string }>).map((r) => r.id)).toEqual(results.map((r) => r.id));
  });

  it('answers an empty query or one without an answer with no results and a button to the private chat', async () => {
    for (const q of ['', 'sourdough bread recipe']) {
      t.clear();
      await t.handle(b.inlineQuery(q));
      expect(t.calls[0]!.payload).toMatchObject({ results: [], button: { start_parameter: 'inline' } });
    }
  });

  it('handles queries of any length and content', async () => {
    for (const q of ['x'.repeat(256), '<b>&amp;</b>', '🗳️', '\u202eRTL', '*_[]()']) {
      t.clear();
      await t.handle(b.inlineQuery(q));
      expect(t.calls.map((c) => c.method)).toEqual(['answerInlineQuery']);
    }
  });
});

describe('callback buttons', () => {
  it('"More answers" edits the answer to the next page, using the question the answer replied to', async () => {
    const question = b.privateText('How many polling places were there?', EN);
    await t.handle(question);
    const answer = { message_id: 555, date: 0, chat: question.message!.chat, from: BOT_INFO, text: 'answer', reply_to_message: question.message } as unknown as Message;
    t.clear();
    await t.handle(b.callbackQuery('more:1', { message: answer, ...EN }));
    expect(t.calls.map((c) => c.method)).toEqual(['answerCallbackQuery', 'editMessageText']);
    const edit = t.calls[1]!.payload;
    expect(edit.text).toMatch(/^<i>Answer 2 of/);
    expect(buttons(edit).map((x) => x.text)).toEqual(['‹ Previous', 'More answers ›', 'Source']);
  });

  it('answers stale, unknown and unusable callback queries too', async () => {
    await t.handle(b.callbackQuery('more:1'));
    await t.handle(b.callbackQuery('something-else'));
    await t.handle(b.callbackQuery('more:9', { message: { message_id: 1, date: 0, chat: DEFAULT_GROUP, text: 'x', reply_to_message: { message_id: 2, date: 0, chat: DEFAULT_GROUP, text: 'capital of France?' } } as unknown as Message }));
    expect(t.calls.map((c) => c.method)).toEqual(['answerCallbackQuery', 'answerCallbackQuery', 'answerCallbackQuery']);
  });
});

describe('errors', () => {
  it('a failing send is caught, logged and does not throw out of handleUpdate', async () => {
    const failing = createTestBot({ failWith: (c) => (c.method === 'sendMessage' ? new Error('boom') : undefined) });
    await expect(failing.handle(b.privateText('When is the referendum held?'))).resolves.toBeUndefined();
  });
});
