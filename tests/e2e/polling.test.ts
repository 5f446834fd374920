import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Message, MessageEntity } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotProcess } from '../support/bot-process.ts';
import { FakeTelegram, type RecordedCall } from '../support/fake-telegram.ts';
import { PROJECT_ROOT } from '../support/run-process.ts';
import { DEFAULT_CHANNEL, DEFAULT_GROUP, DEFAULT_USER, UpdateBuilder } from '../support/update-builders.ts';

let tg: FakeTelegram;
let b: UpdateBuilder;
let bot: BotProcess;
/** A user id of this run only: choices are kept on disk (.cache/users-<bot id>/) and must not leak into the next run. */
const LANGUAGE_USER_ID = 5_000_000 + Math.floor(Math.random() * 1_000_000_000);

const env = () => ({ BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.apiRoot });
const replyTo = (chatId: number, messageId: number) => (calls: RecordedCall[]) =>
  calls.some((c) => c.method === 'sendMessage' && c.ok && c.params.chat_id === chatId && (c.params.reply_parameters as { message_id?: number } | undefined)?.message_id === messageId);
const answerTo = (chatId: number, messageId: number) =>
  tg.sentMessages(chatId).find((c) => (c.params.reply_parameters as { message_id?: number } | undefined)?.message_id === messageId);
const textOf = (call: RecordedCall | undefined) => String((call?.result as { text?: string } | undefined)?.text ?? '');

async function ask(update: ReturnType<UpdateBuilder['privateText']>): Promise<RecordedCall> {
  tg.pushUpdate(update);
  const msg = (update.message ?? update.channel_post)!;
  await tg.waitFor(replyTo(msg.chat.id, msg.message_id), 10_000);
  return answerTo(msg.chat.id, msg.message_id)!;
}

beforeAll(async () => {
  tg = await FakeTelegram.start();
  b = new UpdateBuilder({ fake: tg });
  bot = BotProcess.start(env());
  await bot.waitForLog(/polling for updates/);
}, 30_000);

afterAll(async () => {
  bot?.kill();
  // The row this run's /language user left in the bot's database of language choices.
  if (tg) {
    const file = join(PROJECT_ROOT, '.cache', `users-${tg.token.split(':')[0]}.sqlite`);
    if (existsSync(file)) {
      const db = new Database(file);
      db.pragma('busy_timeout = 5000');
      db.prepare('DELETE FROM user_session WHERE key = ?').run(String(LANGUAGE_USER_ID));
      db.close();
    }
  }
  await tg?.close();
});

describe('the bot process against a strict fake Bot API (polling)', () => {
  it('starts like production: getMe, command menus for private and group chats, webhook deleted, healthy', async () => {
    // "polling for updates" is logged before the runner's first getUpdates goes out: wait for the call itself.
    await tg.waitFor((calls) => calls.some((c) => c.method === 'getUpdates'), 10_000);
    expect(tg.callsTo('getMe').length).toBeGreaterThan(0);
    expect(tg.callsTo('deleteWebhook')[0]?.params.drop_pending_updates).not.toBe(true);
    expect(tg.myCommands({ type: 'all_private_chats' }).length).toBeGreaterThanOrEqual(4);
    expect(tg.myCommands({ type: 'all_group_chats' }).length).toBeGreaterThanOrEqual(1);
    // Menus in English by default, and in Russian and Kazakh for apps in those languages; /language in all of them.
    const language = (scope: string, lang = '') => (tg.myCommands({ type: scope }, lang) as Array<{ command: string; description: string }>).find((c) => c.command === 'language');
    expect(language('all_private_chats')?.description).toMatch(/^Change the language/);
    expect(language('all_private_chats', 'ru')?.description).toMatch(/^Сменить язык/);
    expect(language('all_private_chats', 'kk')?.description).toMatch(/^Тілді ауыстыру/);
    expect(language('all_group_chats', 'kk')?.description).toMatch(/^Тілді ауыстыру/);
    expect((tg.myCommands({ type: 'all_private_chats' }, 'ru') as Array<{ command: string }>).map((c) => c.command)).toEqual(['start', 'help', 'sources', 'ask', 'language']);
    const poll = tg.callsTo('getUpdates')[0]!;
    expect(poll.params.allowed_updates).toEqual(expect.arrayContaining(['message', 'edited_message', 'channel_post', 'inline_query', 'callback_query']));
    const health = await bot.health();
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ ready: true, mode: 'polling', documents: 5 });
  });

  it('private chat: a question, /start, /help, /sources and an out-of-scope question', async () => {
    const answer = await ask(b.privateText('How many precincts were opened abroad?'));
    expect(answer.ok).toBe(true);
    expect(textOf(answer)).toContain('65 precincts');
    expect(textOf(answer)).toContain('Kazakhstan Institute for Strategic Studies');
    expect(JSON.stringify(answer.params.reply_markup)).toContain('more:1');
    const en = { from: { ...DEFAULT_USER, language_code: 'en' } };
    expect(textOf(await ask(b.privateText('/start', en)))).toContain('Try asking');
    expect(textOf(await ask(b.privateText('/help', en)))).toContain('In a group');
    expect(textOf(await ask(b.privateText('/help')))).toContain('Как спросить');
    expect(textOf(await ask(b.privateText('/sources')))).toContain('Kazinform');
    expect(textOf(await ask(b.privateText('Who won the football world cup?', en)))).toMatch(/Not in my sources/);
    // The default user's app is Russian: Russian framing, the quote as the English source wrote it.
    expect(textOf(await ask(b.privateText('Who won the football world cup?')))).toMatch(/В моих источниках этого нет/);
    expect(textOf(answer)).toContain('Источник на английском языке; цитата приведена без перевода.');
  });

  it('a button press pages to the next answer, and a double tap is harmless', async () => {
    const question = b.privateText('Who chaired the Dialogue Platform meeting?');
    const answer = await ask(question);
    const sent = answer.result as Message;
    tg.pushUpdate(b.callbackQuery('more:1', { message: sent }));
    tg.pushUpdate(b.callbackQuery('more:1', { message: sent }));
    await tg.waitFor((calls) => calls.filter((c) => c.method === 'answerCallbackQuery').length >= 2, 10_000);
    await tg.waitFor((calls) => calls.some((c) => c.method === 'editMessageText' && c.ok), 10_000);
    expect(tg.message(sent.chat.id, sent.message_id)?.text).toMatch(/^Ответ 2 из/);
  });

  it('/language: buttons, a press stores the choice (on disk, so it survives the restart below), then /help in Kazakh', async () => {
    const from = { ...DEFAULT_USER, id: LANGUAGE_USER_ID, language_code: 'en' };
    const menu = await ask(b.privateText('/language', { from }));
    expect(JSON.stringify(menu.params.reply_markup)).toContain('lang:kk');
    tg.pushUpdate(b.callbackQuery('lang:kk', { message: menu.result as Message, from }));
    await tg.waitFor((calls) => calls.some((c) => c.method === 'editMessageText' && c.ok && c.params.message_id === (menu.result as Message).message_id), 10_000);
    const sent = menu.result as Message;
    expect(tg.message(sent.chat.id, sent.message_id)?.text).toContain('қазақша сөйлесемін');
    expect(textOf(await ask(b.privateText('/help', { from })))).toContain('Қалай сұрауға болады');
  });

  it('groups: /ask, /ask@bot, a mention and a reply are answered; chatter is not', async () => {
    const a1 = await ask(b.groupText('/ask Who is the Secretary of the Central Election Commission?'));
    expect(textOf(a1)).toContain('Mukhtar Yerman');
    expect(textOf(await ask(b.groupText(`/ask@${tg.botUsername} What percentage of Kazakhstanis support holding the referendum?`)))).toContain('76.4%');
    const mentionText = `@${tg.botUsername} how long is the term of CEC members?`;
    const entities: MessageEntity[] = [{ type: 'mention', offset: 0, length: tg.botUsername.length + 1 }];
    expect(textOf(await ask(b.groupText(mentionText, { entities })))).toContain('five-year term');
    expect(textOf(await ask(b.groupText('who appoints the CEC chairman?', { replyTo: a1.result as Message })))).toContain('President appoints');
    const before = tg.sentMessages(DEFAULT_GROUP.id).length;
    tg.pushUpdate(b.groupText('see you all at the polling station tomorrow'));
    tg.pushUpdate(b.groupText('/ask@someone_else_bot when is the vote?'));
    await ask(b.groupText('/ask When did Astana host the CEC conference?'));
    expect(tg.sentMessages(DEFAULT_GROUP.id).length).toBe(before + 1);
  });

  it('channels: a post with /ask gets an answer in the channel; other posts do not', async () => {
    tg.pushUpdate(b.channelPost('Good morning, subscribers.'));
    const answer = await ask(b.channelPost('/ask Who is the Commissioner for Human Rights in Kazakhstan?'));
    expect(textOf(answer)).toContain('Elvira Azimova');
    expect(tg.sentMessages(DEFAULT_CHANNEL.id)).toHaveLength(1);
  });

  it('inline mode: results with paging, and the private-chat button for an empty query', async () => {
    const first = b.inlineQuery('referendum');
    tg.pushUpdate(first);
    const second = b.inlineQuery('referendum', { offset: '10' });
    tg.pushUpdate(second);
    const empty = b.inlineQuery('');
    tg.pushUpdate(empty);
    await tg.waitFor((calls) => calls.filter((c) => c.method === 'answerInlineQuery').length >= 3, 10_000);
    const answers = new Map(tg.callsTo('answerInlineQuery').map((c) => [c.params.inline_query_id, c]));
    const p1 = answers.get(first.inline_query!.id)!;
    expect(p1.ok).toBe(true);
    expect((p1.params.results as unknown[]).length).toBe(10);
    expect(p1.params.next_offset).toBe('10');
    expect(answers.get(second.inline_query!.id)!.ok).toBe(true);
    expect(answers.get(empty.inline_query!.id)!.params).toMatchObject({ results: [], button: { start_parameter: 'inline' } });
  });

  it('SIGTERM: exits 0 quickly after confirming the offset; a restart answers what came meanwhile, and nothing twice', async () => {
    const lastBefore = tg.pushUpdate(b.privateText('When is the referendum held?'));
    await tg.waitFor(() => tg.sentMessages().length > 0 && tg.confirmedOffset() >= lastBefore, 10_000).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 300));
    const stopped = await bot.stop('SIGTERM');
    expect(stopped.code).toBe(0);
    expect(stopped.ms).toBeLessThan(10_000);
    expect(tg.confirmedOffset()).toBe(lastBefore + 1);

    const sentBefore = tg.sentMessages().length;
    const whileDown = b.privateText('How many respondents took part in the KazISS telephone survey?');
    tg.pushUpdate(whileDown);
    bot = BotProcess.start(env());
    await tg.waitFor(replyTo(whileDown.message!.chat.id, whileDown.message!.message_id), 20_000);
    expect(textOf(answerTo(whileDown.message!.chat.id, whileDown.message!.message_id))).toContain('1,200 respondents');
    await new Promise((r) => setTimeout(r, 500));
    expect(tg.sentMessages().length).toBe(sentBefore + 1);
    // The language chosen before the restart is still there.
    const from = { ...DEFAULT_USER, id: LANGUAGE_USER_ID, language_code: 'en' };
    expect(textOf(await ask(b.privateText('/help', { from })))).toContain('Қалай сұрауға болады');
  }, 40_000);

  it('exposes Prometheus metrics on their own loopback listener, not on the port Telegram reaches', async () => {
    expect((await fetch(`http://127.0.0.1:${bot.port}/metrics`)).status).toBe(404);
    const res = await fetch(`http://127.0.0.1:${bot.metricsPort}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/bot_updates_total\{type="message"\} \d+/);
    expect(text).toMatch(/bot_answers_total\{outcome="answered",place="private"\} \d+/);
    expect(text).toContain('bot_retrieval_seconds_bucket');
  });

  it('sent nothing that Telegram would reject and kept to the flood limits', () => {
    expect(tg.rejected().map((c) => `${c.method}: ${c.error?.description}`)).toEqual([]);
    expect(tg.floodViolations()).toEqual([]);
  });
});
