import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemorySessionStorage, type StorageAdapter } from 'grammy';
import type { Message, User } from 'grammy/types';
import { afterEach, describe, expect, it } from 'vitest';
import type { UserSession } from '../../src/bot/context.ts';
import { SqliteSessionStorage } from '../../src/bot/session-storage.ts';
import Database from 'better-sqlite3';
import { BOT_INFO, createTestBot } from '../support/bot-harness.ts';
import { DEFAULT_GROUP, UpdateBuilder } from '../support/update-builders.ts';

const user = (id: number, language_code?: string): User => ({ id, is_bot: false, first_name: `User ${id}`, ...(language_code ? { language_code } : {}) });
type Payload = Record<string, unknown>;
const buttons = (payload: Payload) => ((payload.reply_markup as { inline_keyboard?: Array<Array<Record<string, string>>> } | undefined)?.inline_keyboard ?? []).flat();

const RU_NOTE = 'Источник на английском языке; цитата приведена без перевода.';
const KK_NOTE = 'Дереккөз ағылшын тілінде; дәйексөз аударылмай берілді.';
/** The quote, exactly as the English source wrote it. */
const QUOTE = /<blockquote>[^]*10,012 polling places[^]*<\/blockquote>/;

/** A storage adapter that records what the bot asks of it. */
function spyStorage(inner: StorageAdapter<UserSession> = new MemorySessionStorage<UserSession>()) {
  const ops: string[] = [];
  const storage: StorageAdapter<UserSession> = {
    read: (key) => (ops.push(`read ${key}`), inner.read(key)),
    write: (key, value) => (ops.push(`write ${key} ${JSON.stringify(value)}`), inner.write(key, value)),
    delete: (key) => (ops.push(`delete ${key}`), inner.delete(key)),
  };
  return { storage, ops };
}

const temporaryDirs: string[] = [];
const openStores: SqliteSessionStorage[] = [];
afterEach(() => {
  for (const store of openStores.splice(0)) store.close();
  for (const dir of temporaryDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('/language', () => {
  it('buttons → "Қазақша" → confirmed in Kazakh, then /help in Kazakh; other users unaffected; /language en sets English', async () => {
    const t = createTestBot();
    const b = new UpdateBuilder();
    const aliya = user(3001, 'en');

    const command = b.privateText('/language', { from: aliya });
    await t.handle(command);
    const menu = t.sent().at(-1)!.payload;
    expect(menu.text).toContain('Current language: <b>English</b>');
    expect(menu.reply_parameters).toMatchObject({ message_id: command.message!.message_id });
    expect(buttons(menu)).toEqual([
      { text: '✓ English', callback_data: 'lang:en' },
      { text: 'Русский', callback_data: 'lang:ru' },
      { text: 'Қазақша', callback_data: 'lang:kk' },
    ]);

    const menuMessage = { message_id: 901, date: 0, chat: command.message!.chat, from: BOT_INFO, text: 'Current language: English.' } as unknown as Message;
    t.clear();
    const press = b.callbackQuery('lang:kk', { message: menuMessage, from: aliya });
    await t.handle(press);
    expect(t.calls.map((c) => c.method)).toEqual(['answerCallbackQuery', 'editMessageText']);
    expect(t.calls[0]!.payload).toMatchObject({ callback_query_id: press.callback_query!.id, text: 'Тіл: қазақша' });
    expect(t.calls[1]!.payload).toMatchObject({ chat_id: command.message!.chat.id, message_id: 901 });
    expect(t.calls[1]!.payload.text).toContain('енді сізбен қазақша сөйлесемін');
    expect(t.calls[1]!.payload.reply_markup).toBeUndefined();

    await t.handle(b.privateText('/help', { from: aliya }));
    expect(t.sent().at(-1)!.payload.text).toContain('Қалай сұрауға болады');
    await t.handle(b.privateText('/language', { from: aliya }));
    expect(t.sent().at(-1)!.payload.text).toContain('Қазіргі тіл: <b>қазақ тілі</b>');
    expect(buttons(t.sent().at(-1)!.payload).map((x) => x.text)).toEqual(['English', 'Русский', '✓ Қазақша']);

    // Someone else, whose app is in Russian, still gets Russian.
    await t.handle(b.privateText('/help', { from: user(3002, 'ru') }));
    expect(t.sent().at(-1)!.payload.text).toContain('Как спросить');

    await t.handle(b.privateText('/language en', { from: aliya }));
    expect(t.sent().at(-1)!.payload.text).toContain('I will speak English with you');
    await t.handle(b.privateText('/help', { from: aliya }));
    expect(t.sent().at(-1)!.payload.text).toContain('How to ask');
    await t.handle(b.privateText('/language русский', { from: aliya }));
    expect(t.sent().at(-1)!.payload.text).toContain('по-русски');
    await t.handle(b.privateText('/start', { from: aliya }));
    expect(t.sent().at(-1)!.payload.text).toContain('Спросите, например');
  });

  it('an unknown argument gets the buttons; a double tap on a button is answered and harmless', async () => {
    const t = createTestBot();
    const b = new UpdateBuilder();
    const ivan = user(3003, 'ru');
    await t.handle(b.privateText('/language deutsch', { from: ivan }));
    expect(t.sent().at(-1)!.payload.text).toContain('Текущий язык: <b>русский</b>');
    expect(buttons(t.sent().at(-1)!.payload)).toHaveLength(3);
    const menuMessage = { message_id: 5, date: 0, chat: b.privateChat(ivan), from: BOT_INFO, text: 'menu' } as unknown as Message;
    const t2 = createTestBot({ failWith: (c) => (c.method === 'editMessageText' && c.payload.message_id === 5 && t2.calls.filter((x) => x.method === 'editMessageText').length > 1 ? new Error('Bad Request: message is not modified') : undefined) });
    await t2.handle(b.callbackQuery('lang:en', { message: menuMessage, from: ivan }));
    await t2.handle(b.callbackQuery('lang:en', { message: menuMessage, from: ivan }));
    expect(t2.calls.map((c) => c.method)).toEqual(['answerCallbackQuery', 'editMessageText', 'answerCallbackQuery', 'editMessageText']);
    expect(t2.calls[2]!.payload.text).toBe('Language: English');
  });

  it('works in groups: /language@bot sets the language of whoever sent it, and the group answers follow it', async () => {
    const t = createTestBot();
    const b = new UpdateBuilder();
    const dana = user(3004, 'en');
    await t.handle(b.groupText(`/language@${BOT_INFO.username} kk`, { from: dana }));
    expect(t.sent().at(-1)!.payload.text).toContain('қазақша сөйлесемін');
    await t.handle(b.groupText('/ask How many polling places were there?', { from: dana }));
    expect(t.sent().at(-1)!.payload.text).toMatch(/^<i>Жауап 1 \/ \d<\/i>/);
    await t.handle(b.groupText('/language@other_bot ru', { from: dana }));
    expect(t.sent()).toHaveLength(2);
  });
});

describe('the language of answers', () => {
  it('a Russian question from a user who chose English gets English framing', async () => {
    const t = createTestBot();
    const b = new UpdateBuilder();
    const from = user(3010, 'ru');
    await t.handle(b.privateText('/language en', { from }));
    await t.handle(b.privateText('Сколько было избирательных участков на референдуме?', { from }));
    const text = String(t.sent().at(-1)!.payload.text);
    expect(text).toMatch(/^<i>Answer 1 of \d<\/i>\n/);
    expect(text).toMatch(QUOTE);
    expect(text).not.toContain('The source is in');
    expect(buttons(t.sent().at(-1)!.payload)[0]).toEqual({ text: 'More answers ›', callback_data: 'more:1' });
  });

  it('a Russian question from an English-app user without a choice gets Russian framing and the "source is in English" note', async () => {
    const t = createTestBot();
    const b = new UpdateBuilder();
    await t.handle(b.privateText('Сколько было избирательных участков на референдуме?', { from: user(3011, 'en') }));
    const p = t.sent().at(-1)!.payload;
    expect(String(p.text)).toMatch(/^<i>Ответ 1 из \d<\/i>\n/);
    expect(String(p.text)).toMatch(QUOTE);
    expect(String(p.text)).toContain(`<i>${RU_NOTE}</i>`);
    expect(String(p.text)).toMatch(/\n📄 [^\n]*, (\d{1,2} )?[а-я]+ 20\d\d\n/); // the date in Russian
    expect(buttons(p)[0]).toEqual({ text: 'Ещё ответы ›', callback_data: 'more:1' });
  });

  it('an English question from a Kazakh-app user gets Kazakh framing with the note, the quote verbatim; paging stays Kazakh', async () => {
    const t = createTestBot();
    const b = new UpdateBuilder();
    const from = user(3012, 'kk');
    const question = b.privateText('How many polling places were there?', { from });
    await t.handle(question);
    const p = t.sent().at(-1)!.payload;
    expect(String(p.text)).toMatch(/^<i>Жауап 1 \/ (\d)<\/i>\n/);
    expect(String(p.text)).toMatch(QUOTE);
    expect(String(p.text)).toContain(`<i>${KK_NOTE}</i>`);
    expect(String(p.text)).toContain('2022 ж.');
    expect(buttons(p)[0]).toEqual({ text: 'Тағы жауаптар ›', callback_data: 'more:1' });

    // "More answers" reads the page shown from the Kazakh header, so going back and forth works and a double tap is skipped.
    const shown = (text: string) => ({ message_id: 700, date: 0, chat: question.message!.chat, from: BOT_INFO, text, reply_to_message: question.message }) as unknown as Message;
    t.clear();
    await t.handle(b.callbackQuery('more:1', { message: shown('Жауап 1 / 5\n…'), from }));
    expect(t.calls.map((c) => c.method)).toEqual(['answerCallbackQuery', 'editMessageText']);
    expect(t.calls[1]!.payload.text).toMatch(/^<i>Жауап 2 \/ \d<\/i>/);
    expect(buttons(t.calls[1]!.payload).map((x) => x.text)).toEqual(['‹ Артқа', 'Тағы жауаптар ›', 'Дереккөз']);
    t.clear();
    await t.handle(b.callbackQuery('more:1', { message: shown('Жауап 2 / 5\n…'), from }));
    expect(t.calls.map((c) => c.method)).toEqual(['answerCallbackQuery']);
  });

  it('the rate-limit notice and "not in my sources" speak the language of the question', async () => {
    const t = createTestBot({ rateLimit: { limit: 1, windowMs: 60_000 } });
    const b = new UpdateBuilder();
    const from = user(3013, 'en');
    await t.handle(b.privateText('Какая погода завтра в Алматы?', { from }));
    expect(t.sent().at(-1)!.payload.text).toContain('«Какая погода завтра в Алматы?»');
    await t.handle(b.privateText('Когда прошёл референдум?', { from }));
    expect(t.sent().at(-1)!.payload.text).toContain('Подождите около 60 секунд');
  });

  it('group answers use the asker’s language', async () => {
    const t = createTestBot();
    const b = new UpdateBuilder();
    await t.handle(b.groupText('/ask How many polling places were there?', { from: user(3020, 'kk') }));
    expect(t.sent().at(-1)!.payload.text).toContain(KK_NOTE);
    await t.handle(b.groupText('/ask How many polling places were there?', { from: user(3021, 'en') }));
    expect(t.sent().at(-1)!.payload.text).toMatch(/^<i>Answer 1 of/);
    await t.handle(b.groupText('/ask Сколько было избирательных участков на референдуме?', { from: user(3022, 'kk') }));
    expect(t.sent().at(-1)!.payload.text).toContain(RU_NOTE);
    await t.handle(b.groupText('/ask', { from: user(3023, 'kk') }));
    expect(t.sent().at(-1)!.payload.text).toContain('Қалай сұрау керек');
    expect(t.sent().every((c) => c.payload.chat_id === DEFAULT_GROUP.id)).toBe(true);
  });

  it('inline results use the asker’s language; titles stay the quote as written', async () => {
    const t = createTestBot();
    const b = new UpdateBuilder();
    const results = async (from: User, query: string) => {
      t.clear();
      await t.handle(b.inlineQuery(query, { from }));
      return t.calls[0]!.payload;
    };
    const en = await results(user(3030, 'en'), 'referendum');
    const kk = await results(user(3031, 'kk'), 'referendum');
    type Result = { title: string; input_message_content: { message_text: string }; reply_markup?: { inline_keyboard: Array<Array<{ text: string }>> } };
    const enResults = en.results as Result[];
    const kkResults = kk.results as Result[];
    expect(kkResults.map((r) => r.title)).toEqual(enResults.map((r) => r.title));
    expect(enResults[0]!.input_message_content.message_text).not.toContain('The source is in');
    for (const r of kkResults) expect(r.input_message_content.message_text).toContain(KK_NOTE);
    expect((await results(user(3032, 'kk'), '')).button).toMatchObject({ text: 'Маған жеке чатта сұрақ қойыңыз' });
    expect((await results(user(3033, 'en'), 'Какая погода завтра?')).button).toMatchObject({ text: 'В источниках нет — спросите в личном чате' });

    const chooser = user(3034, 'kk');
    await t.handle(b.privateText('/language ru', { from: chooser }));
    const chosen = (await results(chooser, 'referendum')).results as Result[];
    expect(chosen[0]!.input_message_content.message_text).toContain(RU_NOTE);
  });

  it('the Source button of an inline result speaks the asker’s language', async () => {
    const source = { id: 'd', title: 'Results', publisher: 'Kazinform', date: '2022-06-06', url: 'https://example.org/results', language: 'en' };
    const answer = { excerpt: 'Turnout was 68.06%.', highlight: { start: 0, end: 19 }, source, score: 1 };
    const t = createTestBot({ retriever: { search: () => [answer], documents: [source], passageCount: 1, isSmallTalk: () => false } });
    await t.handle(new UpdateBuilder().inlineQuery('turnout', { from: user(3035, 'kk') }));
    const [result] = t.calls[0]!.payload.results as Array<{ title: string; reply_markup: unknown; input_message_content: { message_text: string } }>;
    expect(result!.title).toBe('Turnout was 68.06%.');
    expect(result!.reply_markup).toEqual({ inline_keyboard: [[{ text: 'Дереккөз', url: 'https://example.org/results' }]] });
    expect(result!.input_message_content.message_text).toContain('2022 ж. 6 маусым');
  });

  it('channel posts: the post’s language when Cyrillic, else English; the session is not touched', async () => {
    const { storage, ops } = spyStorage();
    const t = createTestBot({ storage });
    const b = new UpdateBuilder();
    await t.handle(b.channelPost('/ask Сколько было избирательных участков на референдуме?'));
    expect(t.sent().at(-1)!.payload.text).toContain(RU_NOTE);
    await t.handle(b.channelPost('/ask How many polling places were there?'));
    expect(t.sent().at(-1)!.payload.text).toMatch(/^<i>Answer 1 of/);
    expect(t.sent().at(-1)!.payload.text).not.toContain('The source is in');
    expect(ops).toEqual([]);
  });
});

describe('where the choice is kept', () => {
  const sqlite = (file: string, options: Partial<ConstructorParameters<typeof SqliteSessionStorage>[1]> = {}) => {
    const storage = new SqliteSessionStorage(file, { ttlDays: 365, ...options });
    openStores.push(storage);
    return storage;
  };
  const tempFile = () => {
    const dir = mkdtempSync(join(tmpdir(), 'users-'));
    temporaryDirs.push(dir);
    return join(dir, 'cache', 'users.sqlite');
  };

  it('in one database: the choice survives a restart, and only the users who chose have a row', async () => {
    const file = tempFile();
    const b = new UpdateBuilder();
    const from = user(3040, 'en');
    const first = createTestBot({ storage: sqlite(file) });
    await first.handle(b.privateText('/language kk', { from }));
    await first.handle(b.privateText('How many polling places were there?', { from: user(3041, 'en') }));

    const storage = sqlite(file);
    const second = createTestBot({ storage });
    await second.handle(b.privateText('/help', { from }));
    expect(second.sent().at(-1)!.payload.text).toContain('Қалай сұрауға болады');
    await second.handle(b.privateText('/help', { from: user(3041, 'en') }));
    expect(second.sent().at(-1)!.payload.text).toContain('How to ask');
    expect(storage.size).toBe(1);
    // Names and choices of people: readable by the owner only.
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(file, '..')).mode & 0o777).toBe(0o700);
  });

  it('in one database: the choices of users not seen for USER_DATA_TTL_DAYS are deleted; being seen keeps them', () => {
    let now = Date.UTC(2025, 0, 1);
    const file = tempFile();
    const storage = sqlite(file, { ttlDays: 30, now: () => now });
    storage.write('1', { language: 'kk' });
    storage.write('2', { language: 'ru' });
    now += 20 * 86_400_000;
    expect(storage.read('2')?.language).toBe('ru'); // user 2 is active: last seen moves on
    now += 15 * 86_400_000;
    expect(storage.prune()).toBe(1);
    expect(storage.read('1')).toBeUndefined();
    expect(storage.read('2')?.language).toBe('ru');
    // Pruned at open as well.
    now += 31 * 86_400_000;
    expect(sqlite(file, { ttlDays: 30, now: () => now }).size).toBe(0);
  });

  it('in one database: the choices kept one file per user by earlier versions are moved in, and the folder removed', () => {
    const file = tempFile();
    const legacy = join(file, '..', 'users-123456');
    mkdirSync(join(legacy, '40'), { recursive: true });
    mkdirSync(join(legacy, '41'), { recursive: true });
    writeFileSync(join(legacy, '40', '3040.json'), JSON.stringify({ language: 'kk' }));
    writeFileSync(join(legacy, '41', '3041.json'), '{"language": "r'); // half-written by a crash
    writeFileSync(join(legacy, '41', '3041.json.77-abc.tmp'), '{}'); // a temporary file a crash left
    const storage = sqlite(file, { legacyDir: legacy });
    expect(storage.read('3040')?.language).toBe('kk');
    expect(storage.size).toBe(1);
    expect(existsSync(legacy)).toBe(false);
  });

  it('an ordinary update reads the choice once and writes nothing; only a change is written', async () => {
    const { storage, ops } = spyStorage();
    const t = createTestBot({ storage });
    const b = new UpdateBuilder();
    const from = user(3050, 'en');
    await t.handle(b.privateText('How many polling places were there?', { from }));
    expect(ops).toEqual(['read 3050']);
    await t.handle(b.privateText('/language ru', { from }));
    expect(ops.slice(1)).toEqual(['read 3050', 'write 3050 {"language":"ru"}']);
    await t.handle(b.privateText('/help', { from }));
    expect(ops.slice(3)).toEqual(['read 3050']);
  });

  it('a storage that cannot be read does not lose the update: the app language is used and nothing is overwritten', async () => {
    const { storage, ops } = spyStorage({
      read: () => Promise.reject(new Error('disk on fire')),
      write: () => Promise.resolve(),
      delete: () => Promise.resolve(),
    });
    const t = createTestBot({ storage });
    const b = new UpdateBuilder();
    await t.handle(b.privateText('How many polling places were there?', { from: user(3060, 'kk') }));
    expect(t.sent().at(-1)!.payload.text).toMatch(/^<i>Жауап 1/);
    await t.handle(b.privateText('/help', { from: user(3060, 'ru') }));
    expect(t.sent().at(-1)!.payload.text).toContain('Как спросить');
    expect(ops.filter((op) => !op.startsWith('read'))).toEqual([]);
  });

  it('a corrupt or malformed choice counts as no choice', async () => {
    const file = tempFile();
    const storage = sqlite(file);
    storage.write('3070', { language: 'kk' });
    storage.write('3071', { language: 'klingon' } as unknown as UserSession);
    const raw = new Database(file);
    raw.prepare("UPDATE user_session SET value = '{\"language\": \"kk\"' WHERE key = '3070'").run();
    raw.close();
    const t = createTestBot({ storage });
    const b = new UpdateBuilder();
    await t.handle(b.privateText('/help', { from: user(3070, 'en') }));
    expect(t.sent().at(-1)!.payload.text).toContain('How to ask');
    await t.handle(b.privateText('/help', { from: user(3071, 'ru') }));
    expect(t.sent().at(-1)!.payload.text).toContain('Как спросить');
  });
});
