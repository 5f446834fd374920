import type { Message } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotProcess } from '../support/bot-process.ts';
import { FakeTelegram, type RecordedCall } from '../support/fake-telegram.ts';
import { DEFAULT_GROUP, DEFAULT_USER, UpdateBuilder } from '../support/update-builders.ts';

let tg: FakeTelegram;
let b: UpdateBuilder;
let bot: BotProcess;
const USER = { ...DEFAULT_USER, id: 7001, language_code: 'en' };

const replyTo = (chatId: number, messageId: number) => (calls: RecordedCall[]) =>
  calls.some((c) => c.method === 'sendMessage' && c.ok && c.params.chat_id === chatId && (c.params.reply_parameters as { message_id?: number } | undefined)?.message_id === messageId);
const okEdits = () => tg.callsTo('editMessageText').filter((c) => c.ok);

async function ask(update: ReturnType<UpdateBuilder['privateText']>): Promise<{ question: Message; answerId: number }> {
  tg.pushUpdate(update);
  const question = update.message!;
  await tg.waitFor(replyTo(question.chat.id, question.message_id), 10_000);
  const sent = tg.sentMessages(question.chat.id).find((c) => (c.params.reply_parameters as { message_id?: number }).message_id === question.message_id)!;
  return { question, answerId: (sent.result as { message_id: number }).message_id };
}

beforeAll(async () => {
  tg = await FakeTelegram.start({ enforceFloodLimits: true });
  b = new UpdateBuilder({ fake: tg });
  bot = BotProcess.start({ BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.apiRoot });
  await bot.waitForLog(/polling for updates/);
}, 30_000);

afterAll(async () => {
  bot?.kill();
  await tg?.close();
});

describe('edited questions against the strict fake Bot API', () => {
  it('private chat: each edit edits the answer once, in place, within the flood limits; nothing new is sent', async () => {
    const { question, answerId } = await ask(b.privateText('What is the capital of France?', { from: USER }));
    const sentBefore = tg.sentMessages().length;
    const versions = ['How many polling places were there?', 'Who is the Secretary of the Central Election Commission?', 'Who is the Deputy Minister of Foreign Affairs?'];
    for (const text of versions) tg.pushUpdate(b.editedPrivateText(question, text));
    await tg.waitFor(() => okEdits().length >= versions.length, 15_000);
    expect(okEdits().map((c) => c.params.message_id)).toEqual([answerId, answerId, answerId]);
    expect(String(tg.message(question.chat.id, answerId)?.text)).toContain('Roman Vassilenko');
    expect(tg.sentMessages().length).toBe(sentBefore);
    expect(tg.rejected()).toEqual([]);
    expect(tg.floodViolations()).toEqual([]);
  }, 30_000);

  it('group: an edited /ask edits its answer; an edited question the bot never answered gets a reply', async () => {
    tg.addChat({ id: DEFAULT_GROUP.id, type: 'group', title: DEFAULT_GROUP.title });
    const { question, answerId } = await ask(b.groupText('/ask How many polling places were there?', { from: USER }));
    const before = okEdits().length;
    tg.pushUpdate(b.editedPrivateText(question, '/ask Who moderated the KazISS expert platform meeting?'));
    await tg.waitFor(() => okEdits().length > before, 10_000);
    expect(okEdits().at(-1)!.params).toMatchObject({ chat_id: DEFAULT_GROUP.id, message_id: answerId });
    expect(String(tg.message(DEFAULT_GROUP.id, answerId)?.text)).toContain('Yerkin Tukumov');

    const chatter = b.groupText('lunch at noon?', { from: USER });
    tg.pushUpdate(chatter);
    tg.pushUpdate(b.editedPrivateText(chatter.message!, '/ask How many precincts were opened abroad?'));
    await tg.waitFor(replyTo(DEFAULT_GROUP.id, chatter.message!.message_id), 10_000);
    expect(tg.rejected()).toEqual([]);
    expect(tg.floodViolations()).toEqual([]);
  }, 30_000);
});
