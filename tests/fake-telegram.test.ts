import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Bot, GrammyError, webhookCallback } from 'grammy';
import { FakeTelegram } from './support/fake-telegram.ts';
import { UpdateBuilder } from './support/update-builders.ts';

type ApiBody = { ok: boolean; result?: any; error_code?: number; description?: string; parameters?: { retry_after?: number } };

const PRIVATE = 1001;
const GROUP = -4001;

let tg: FakeTelegram;
let b: UpdateBuilder;

async function api(
  method: string,
  params: Record<string, unknown> = {},
  opts: { token?: string; encoding?: 'json' | 'form' | 'query' } = {},
): Promise<{ status: number; body: ApiBody }> {
  const base = `${tg.apiRoot}/bot${opts.token ?? tg.token}/${method}`;
  const encoding = opts.encoding ?? 'json';
  const asStrings = (): URLSearchParams =>
    new URLSearchParams(
      Object.entries(params).map(([k, v]) => [k, typeof v === 'object' ? JSON.stringify(v) : String(v)] as [string, string]),
    );
  let res: Response;
  if (encoding === 'json') {
    res = await fetch(base, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(params) });
  } else if (encoding === 'form') {
    res = await fetch(base, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: asStrings().toString(),
    });
  } else {
    res = await fetch(`${base}?${asStrings().toString()}`);
  }
  return { status: res.status, body: (await res.json()) as ApiBody };
}

async function expectError(method: string, params: Record<string, unknown>, status: number, description: string | RegExp): Promise<ApiBody> {
  const { status: got, body } = await api(method, params);
  expect(body.ok, `expected ${method} to fail, got ${JSON.stringify(body)}`).toBe(false);
  expect(got).toBe(status);
  expect(body.error_code).toBe(status);
  if (typeof description === 'string') expect(body.description).toBe(description);
  else expect(body.description).toMatch(description);
  return body;
}

async function send(params: Record<string, unknown>): Promise<ApiBody> {
  const { body } = await api('sendMessage', { chat_id: PRIVATE, ...params });
  return body;
}

beforeEach(async () => {
  tg = await FakeTelegram.start();
  b = new UpdateBuilder({ fake: tg });
  tg.addChat({ id: PRIVATE, type: 'private', title: 'Aigerim', username: 'aigerim_test' });
  tg.addChat({ id: GROUP, type: 'group', title: 'Test group' });
});

afterEach(async () => {
  await tg.close();
});

describe('basics', () => {
  it('getMe returns the bot user', async () => {
    const { status, body } = await api('getMe');
    expect(status).toBe(200);
    expect(body.result).toMatchObject({
      id: 123456,
      is_bot: true,
      username: 'referendum_test_bot',
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: true,
    });
  });

  it('wrong token → 401, unknown method → 404, other known methods → true', async () => {
    const r1 = await api('getMe', {}, { token: '123456:wrong' });
    expect(r1.status).toBe(401);
    expect(r1.body).toEqual({ ok: false, error_code: 401, description: 'Unauthorized' });
    const r2 = await api('sendMessageX', {});
    expect(r2.status).toBe(404);
    expect(r2.body).toEqual({ ok: false, error_code: 404, description: 'Not Found' });
    const r3 = await api('setMessageReaction', { chat_id: PRIVATE, message_id: 1 });
    expect(r3.body).toEqual({ ok: true, result: true });
    expect(tg.callsTo('setMessageReaction')).toHaveLength(1);
    expect(tg.rejected().map((c) => c.method)).toEqual(['getMe', 'sendMessageX']);
  });

  it('never crashes on malformed input', async () => {
    const raw = await fetch(`${tg.apiRoot}/bot${tg.token}/sendMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"chat_id": 1001, "text": ',
    });
    expect(raw.status).toBe(400);
    expect(((await raw.json()) as ApiBody).description).toMatch(/^Bad Request: can't parse JSON body/);
    await expectError('sendMessage', { chat_id: { id: 1 }, text: 'x' }, 400, /^Bad Request: invalid chat_id/);
    await expectError('sendMessage', { chat_id: PRIVATE, text: { a: 1 } }, 400, /^Bad Request: message text must be a String/);
    await expectError('sendMessage', { chat_id: PRIVATE, text: 'x', reply_markup: 'nope' }, 400, /reply keyboard markup/);
    await expectError('sendMessage', { chat_id: PRIVATE, text: 'x', reply_markup: { inline_keyboard: 'x' } }, 400, /must be an Array/);
    await expectError('sendMessage', { chat_id: PRIVATE, text: 'x', reply_markup: { inline_keyboard: [[null]] } }, 400, /must be an Object/);
    await expectError('answerInlineQuery', { inline_query_id: ['x'], results: 5 }, 400, /query is too old/);
    expect((await api('getMe')).body.ok).toBe(true);
  });

  it('accepts form-encoded and query-string params (JSON fields as strings)', async () => {
    const markup = { inline_keyboard: [[{ text: 'Go', callback_data: 'go' }]] };
    const form = await api('sendMessage', { chat_id: PRIVATE, text: '<b>hi</b>', parse_mode: 'HTML', reply_markup: markup }, { encoding: 'form' });
    expect(form.body.ok).toBe(true);
    expect(form.body.result.reply_markup).toEqual(markup);
    expect(form.body.result.entities).toEqual([{ type: 'bold', offset: 0, length: 2 }]);
    expect(tg.calls.at(-1)?.params.reply_markup).toEqual(markup);
    const query = await api('sendMessage', { chat_id: PRIVATE, text: 'q' }, { encoding: 'query' });
    expect(query.body.ok).toBe(true);
    expect(tg.sentMessages(PRIVATE)).toHaveLength(2);
    const bad = await api('sendMessage', { chat_id: PRIVATE, text: 'x', reply_markup: { inline_keyboard: [[{ text: 'x' }]] } }, { encoding: 'form' });
    expect(bad.body.description).toMatch(/Text buttons are unallowed/);
  });
});

describe('sendMessage', () => {
  it('valid message returns a Message with parsed text and entities', async () => {
    const body = await send({ text: '<b>Bold</b> and <a href="https://example.org/?a=1&amp;b=2">link</a> &lt;3', parse_mode: 'HTML' });
    expect(body.ok).toBe(true);
    expect(body.result).toMatchObject({
      message_id: 1,
      chat: { id: PRIVATE, type: 'private' },
      from: { id: 123456, is_bot: true, username: 'referendum_test_bot' },
      text: 'Bold and link <3',
      entities: [
        { type: 'bold', offset: 0, length: 4 },
        { type: 'text_link', offset: 9, length: 4, url: 'https://example.org/?a=1&b=2' },
      ],
    });
    expect(typeof body.result.date).toBe('number');
    const second = await send({ text: 'again' });
    expect(second.result.message_id).toBe(2);
    expect(tg.sentMessages(PRIVATE)).toHaveLength(2);
    expect(tg.sentMessages(GROUP)).toHaveLength(0);
    expect(tg.rejected()).toEqual([]);
  });

  it('accepts the full HTML tag set', async () => {
    const html =
      '<b>b</b><strong>s</strong><i>i</i><em>e</em><u>u</u><ins>n</ins><s>s</s><strike>k</strike><del>d</del>' +
      '<span class="tg-spoiler">p</span><tg-spoiler>t</tg-spoiler><code>c</code>' +
      '<pre><code class="language-ts">x</code></pre><blockquote expandable>q</blockquote>' +
      '<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>&#65;&#x42;&quot;';
    const body = await send({ text: html, parse_mode: 'HTML' });
    expect(body.ok, body.description).toBe(true);
    expect(body.result.text).toBe('bsieunskdptcxq👍AB"');
    const types = (body.result.entities as Array<{ type: string }>).map((e) => e.type);
    expect(types).toEqual([
      'bold', 'bold', 'italic', 'italic', 'underline', 'underline', 'strikethrough', 'strikethrough', 'strikethrough',
      'spoiler', 'spoiler', 'code', 'pre', 'expandable_blockquote', 'custom_emoji',
    ]);
    expect(body.result.entities[12]).toEqual({ type: 'pre', offset: 12, length: 1, language: 'ts' });
  });

  it('unknown chat → chat not found', async () => {
    await expectError('sendMessage', { chat_id: 777, text: 'hi' }, 400, 'Bad Request: chat not found');
    await expectError('sendMessage', { chat_id: '@nobody', text: 'hi' }, 400, 'Bad Request: chat not found');
    expect((await api('sendMessage', { chat_id: '@aigerim_test', text: 'hi' })).body.ok).toBe(true);
  });

  it('empty text after parsing → message text is empty', async () => {
    await expectError('sendMessage', { chat_id: PRIVATE, text: '' }, 400, 'Bad Request: message text is empty');
    await expectError('sendMessage', { chat_id: PRIVATE }, 400, 'Bad Request: message text is empty');
    await expectError('sendMessage', { chat_id: PRIVATE, text: '  \n ' }, 400, 'Bad Request: message text is empty');
    await expectError('sendMessage', { chat_id: PRIVATE, text: '<b> </b>', parse_mode: 'HTML' }, 400, 'Bad Request: message text is empty');
  });

  it('length is measured after parsing, in UTF-16 code units', async () => {
    expect((await send({ text: 'a'.repeat(4096) })).ok).toBe(true);
    await expectError('sendMessage', { chat_id: PRIVATE, text: 'a'.repeat(4097) }, 400, 'Bad Request: message is too long');
    // markup doesn't count
    expect((await send({ text: `<b>${'a'.repeat(4096)}</b>`, parse_mode: 'HTML' })).ok).toBe(true);
    // &amp; counts as one character
    expect((await send({ text: '&amp;'.repeat(4096), parse_mode: 'HTML' })).ok).toBe(true);
    // an emoji is 2 UTF-16 code units
    expect((await send({ text: '😀'.repeat(2048) })).ok).toBe(true);
    await expectError('sendMessage', { chat_id: PRIVATE, text: '😀'.repeat(2048) + 'a' }, 400, 'Bad Request: message is too long');
  });

  it.each([
    ['<b>x', /^Bad Request: can't parse entities: Can't find end tag corresponding to start tag "b"/],
    ['<foo>x</foo>', /^Bad Request: can't parse entities: Unsupported start tag "foo" at byte offset 0/],
    ['a & b', /^Bad Request: can't parse entities: .*"&" at byte offset 2/],
    ['AT&T', /^Bad Request: can't parse entities: /],
    ['&nbsp;', /^Bad Request: can't parse entities: /],
    ['1 < 2', /^Bad Request: can't parse entities: unexpected "<" at byte offset 2/],
    ['<b><i>x</b></i>', /^Bad Request: can't parse entities: Unmatched end tag at byte offset 7, expected "<\/i>", found "<\/b>"/],
    ['x</b>', /^Bad Request: can't parse entities: Unexpected end tag/],
    ['<span>x</span>', /^Bad Request: can't parse entities: Tag "span" must have class "tg-spoiler"/],
    ['<a>x</a>', /^Bad Request: can't parse entities: Tag "a" must have a non-empty "href"/],
    ['<a href="not a url">x</a>', /^Bad Request: can't parse entities: Wrong URL/],
    ['<br/>', /^Bad Request: can't parse entities: Unsupported start tag "br"/],
    ['<b/>', /^Bad Request: can't parse entities: Unsupported self-closing tag/],
    ['<b class="x"', /^Bad Request: can't parse entities: Unclosed start tag/],
    ['<code><b>x</b></code>', /^Bad Request: can't parse entities: Tag "b" can't be nested inside "code"/],
    ['Привет <x>', /byte offset 13/],
  ])('bad HTML %j is rejected', async (text, description) => {
    await expectError('sendMessage', { chat_id: PRIVATE, text, parse_mode: 'HTML' }, 400, description);
  });

  it('rejects MarkdownV2 (not implemented by the fake) and unknown parse modes', async () => {
    await expectError('sendMessage', { chat_id: PRIVATE, text: '*x*', parse_mode: 'MarkdownV2' }, 400, /not supported by the fake/);
    await expectError('sendMessage', { chat_id: PRIVATE, text: 'x', parse_mode: 'BBCode' }, 400, 'Bad Request: unsupported parse_mode');
  });

  it('validates the entities array', async () => {
    const ok = await send({ text: 'hello world', entities: [{ type: 'bold', offset: 6, length: 5 }], parse_mode: 'HTML' });
    expect(ok.ok).toBe(true); // parse_mode is ignored when entities are given
    expect(ok.result.entities).toEqual([{ type: 'bold', offset: 6, length: 5 }]);
    const cases: Array<[unknown, RegExp]> = [
      [[{ type: 'bold', offset: 6, length: 6 }], /ends after the end of the text/],
      [[{ type: 'bold', offset: 11, length: 1 }], /ends after the end of the text/],
      [[{ type: 'bold', offset: 0, length: 0 }], /invalid length/],
      [[{ type: 'bold', offset: -1, length: 2 }], /invalid offset/],
      [[{ type: 'bold', offset: 0.5, length: 2 }], /invalid offset/],
      [[{ type: 'shiny', offset: 0, length: 2 }], /unsupported type/],
      [[{ type: 'text_link', offset: 0, length: 2 }], /text_link\) has invalid url/],
      [[{ type: 'text_link', offset: 0, length: 2, url: 'javascript:alert(1)' }], /invalid url/],
      ['[not json', /must be an Array/],
    ];
    for (const [entities, re] of cases) {
      const body = await expectError('sendMessage', { chat_id: PRIVATE, text: 'hello world', entities }, 400, re);
      expect(body.description).toMatch(/^Bad Request: can't parse entities/);
    }
    // UTF-16: the emoji takes two units
    expect((await send({ text: '😀 x', entities: [{ type: 'bold', offset: 3, length: 1 }] })).ok).toBe(true);
  });

  it('strips surrounding whitespace and shifts entities', async () => {
    const body = await send({ text: '\n  <b>hi</b> there  ', parse_mode: 'HTML' });
    expect(body.result.text).toBe('hi there');
    expect(body.result.entities).toEqual([{ type: 'bold', offset: 0, length: 2 }]);
  });

  it('validates inline keyboard buttons', async () => {
    const kb = (button: Record<string, unknown>): Record<string, unknown> => ({
      chat_id: PRIVATE,
      text: 'pick',
      reply_markup: { inline_keyboard: [[button]] },
    });
    expect((await api('sendMessage', kb({ text: 'ok', callback_data: 'x'.repeat(64) }))).body.ok).toBe(true);
    expect((await api('sendMessage', kb({ text: 'ok', url: 'https://example.org/a' }))).body.ok).toBe(true);
    expect((await api('sendMessage', kb({ text: 'ok', switch_inline_query_current_chat: '' }))).body.ok).toBe(true);
    await expectError('sendMessage', kb({ text: 'x', callback_data: 'x'.repeat(65) }), 400, 'Bad Request: BUTTON_DATA_INVALID');
    // 33 × 'é' = 66 bytes in UTF-8 although only 33 characters
    await expectError('sendMessage', kb({ text: 'x', callback_data: 'é'.repeat(33) }), 400, 'Bad Request: BUTTON_DATA_INVALID');
    await expectError('sendMessage', kb({ text: 'x', callback_data: '' }), 400, 'Bad Request: BUTTON_DATA_INVALID');
    await expectError(
      'sendMessage',
      kb({ text: 'x' }),
      400,
      "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard",
    );
    await expectError('sendMessage', kb({ text: 'x', url: 'https://example.org', callback_data: 'x' }), 400, /exactly one of the optional fields/);
    await expectError('sendMessage', kb({ text: '  ', callback_data: 'x' }), 400, /Text must be non-empty/);
    await expectError(
      'sendMessage',
      kb({ text: 'x', url: 'example.org' }),
      400,
      "Bad Request: inline keyboard button URL 'example.org' is invalid: Wrong HTTP URL",
    );
    // reply keyboards / remove / force_reply are accepted
    expect((await send({ text: 'k', reply_markup: { keyboard: [['A', { text: 'B' }]], resize_keyboard: true } })).ok).toBe(true);
    expect((await send({ text: 'k', reply_markup: { remove_keyboard: true } })).ok).toBe(true);
    expect((await send({ text: 'k', reply_markup: { force_reply: true } })).ok).toBe(true);
    await expectError('sendMessage', { chat_id: PRIVATE, text: 'k', reply_markup: { keyboard: [['']] } }, 400, /Text must be non-empty/);
  });

  it('replies must point at an existing message unless allow_sending_without_reply', async () => {
    await expectError('sendMessage', { chat_id: PRIVATE, text: 'r', reply_parameters: { message_id: 999 } }, 400, 'Bad Request: message to be replied not found');
    await expectError('sendMessage', { chat_id: PRIVATE, text: 'r', reply_to_message_id: 999 }, 400, 'Bad Request: message to be replied not found');
    const loose = await send({ text: 'r', reply_parameters: { message_id: 999, allow_sending_without_reply: true } });
    expect(loose.ok).toBe(true);
    expect(loose.result.reply_to_message).toBeUndefined();
    expect((await send({ text: 'r', reply_to_message_id: 999, allow_sending_without_reply: true })).ok).toBe(true);

    const update = b.privateText('what changed in 2022?');
    tg.pushUpdate(update);
    const userMessageId = (update.message as { message_id: number }).message_id;
    const reply = await send({ text: 'answer', reply_parameters: { message_id: userMessageId } });
    expect(reply.ok).toBe(true);
    expect(reply.result.reply_to_message).toMatchObject({ message_id: userMessageId, text: 'what changed in 2022?' });
    expect(reply.result.message_id).toBeGreaterThan(userMessageId);
    // the message lives in the private chat, not in the group
    await expectError('sendMessage', { chat_id: GROUP, text: 'r', reply_parameters: { message_id: userMessageId } }, 400, 'Bad Request: message to be replied not found');
    await expectError('sendMessage', { chat_id: PRIVATE, text: 'r', message_thread_id: 'abc' }, 400, /message_thread_id" must be an Integer/);
  });

  it('forum topics: message_thread_id is kept in supergroups', async () => {
    const update = b.supergroupText('question', { threadId: 7 });
    tg.pushUpdate(update);
    const chatId = (update.message as { chat: { id: number } }).chat.id;
    const body = (await api('sendMessage', { chat_id: chatId, text: 'answer', message_thread_id: 7 })).body;
    expect(body.result).toMatchObject({ message_thread_id: 7, chat: { id: chatId, type: 'supergroup' } });
  });

  it('403 after leaving a chat or being blocked', async () => {
    expect((await api('leaveChat', { chat_id: GROUP })).body.ok).toBe(true);
    await expectError('sendMessage', { chat_id: GROUP, text: 'x' }, 403, 'Forbidden: bot is not a member of the group chat');
    tg.setChatAccess(PRIVATE, 'blocked');
    await expectError('sendMessage', { chat_id: PRIVATE, text: 'x' }, 403, 'Forbidden: bot was blocked by the user');
  });
});

describe('editing', () => {
  it('editMessageText: identical content → not modified; changes ok; foreign/missing → not found', async () => {
    const markup = { inline_keyboard: [[{ text: 'More', callback_data: 'more' }]] };
    const sent = await send({ text: '<b>Hi</b>', parse_mode: 'HTML', reply_markup: markup });
    const id = sent.result.message_id as number;
    const notModified =
      'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message';
    // same text (different source markup, same parse result) and same keyboard
    await expectError('editMessageText', { chat_id: PRIVATE, message_id: id, text: '<strong>Hi</strong>', parse_mode: 'HTML', reply_markup: markup }, 400, notModified);
    // dropping the keyboard is a change
    const edited = await api('editMessageText', { chat_id: PRIVATE, message_id: id, text: '<b>Hi</b>', parse_mode: 'HTML' });
    expect(edited.body.ok).toBe(true);
    expect(edited.body.result.reply_markup).toBeUndefined();
    expect(typeof edited.body.result.edit_date).toBe('number');
    await expectError('editMessageText', { chat_id: PRIVATE, message_id: id, text: '<b>Hi</b>', parse_mode: 'HTML' }, 400, notModified);
    // entities differ → change
    expect((await api('editMessageText', { chat_id: PRIVATE, message_id: id, text: 'Hi' })).body.ok).toBe(true);
    expect(tg.message(PRIVATE, id)).toMatchObject({ text: 'Hi' });

    await expectError('editMessageText', { chat_id: PRIVATE, message_id: 999, text: 'x' }, 400, 'Bad Request: message to edit not found');
    const userMsg = b.privateText('mine');
    tg.pushUpdate(userMsg);
    await expectError('editMessageText', { chat_id: PRIVATE, message_id: (userMsg.message as { message_id: number }).message_id, text: 'x' }, 400, 'Bad Request: message to edit not found');
    await expectError('editMessageText', { chat_id: PRIVATE, message_id: id, text: '<i>x' , parse_mode: 'HTML' }, 400, /can't parse entities/);

    // editMessageReplyMarkup
    expect((await api('editMessageReplyMarkup', { chat_id: PRIVATE, message_id: id, reply_markup: markup })).body.ok).toBe(true);
    await expectError('editMessageReplyMarkup', { chat_id: PRIVATE, message_id: id, reply_markup: markup }, 400, notModified);
    await expectError('editMessageReplyMarkup', { chat_id: PRIVATE, message_id: id, reply_markup: { remove_keyboard: true } }, 400, /inline keyboard expected/);

    // inline messages: any non-empty id; a repeated identical edit is not modified
    expect((await api('editMessageText', { inline_message_id: 'AgAAAB', text: 'inline' })).body).toEqual({ ok: true, result: true });
    await expectError('editMessageText', { inline_message_id: 'AgAAAB', text: 'inline' }, 400, notModified);
    await expectError('editMessageText', { inline_message_id: '', text: 'inline' }, 400, 'Bad Request: MESSAGE_ID_INVALID');
  });
});

describe('inline and callback queries', () => {
  const article = (id: string, text = 'answer'): Record<string, unknown> => ({
    type: 'article',
    id,
    title: `Result ${id}`,
    description: 'desc',
    input_message_content: { message_text: text, parse_mode: 'HTML' },
  });

  it('answerInlineQuery validation', async () => {
    const u = b.inlineQuery('referendum');
    tg.pushUpdate(u);
    const id = (u.inline_query as { id: string }).id;
    const results51 = Array.from({ length: 51 }, (_, i) => article(String(i)));
    await expectError('answerInlineQuery', { inline_query_id: id, results: results51 }, 400, 'Bad Request: RESULTS_TOO_MUCH');
    await expectError('answerInlineQuery', { inline_query_id: id, results: [article('a'), article('a')] }, 400, 'Bad Request: RESULT_ID_DUPLICATE');
    await expectError('answerInlineQuery', { inline_query_id: id, results: [article('x'.repeat(65))] }, 400, 'Bad Request: RESULT_ID_INVALID');
    await expectError('answerInlineQuery', { inline_query_id: id, results: [article('')] }, 400, 'Bad Request: RESULT_ID_INVALID');
    await expectError('answerInlineQuery', { inline_query_id: id, results: [{ ...article('a'), type: 'banana' }] }, 400, 'Bad Request: RESULT_TYPE_INVALID');
    await expectError('answerInlineQuery', { inline_query_id: id, results: [{ ...article('a'), title: '' }] }, 400, 'Bad Request: RESULT_TITLE_EMPTY');
    await expectError('answerInlineQuery', { inline_query_id: id, results: [{ type: 'article', id: 'a', title: 't' }] }, 400, /input_message_content is required/);
    await expectError('answerInlineQuery', { inline_query_id: id, results: [article('a', '<b>oops')] }, 400, /can't parse entities/);
    await expectError('answerInlineQuery', { inline_query_id: id, results: [article('a', 'x'.repeat(4097))] }, 400, 'Bad Request: message is too long');
    await expectError(
      'answerInlineQuery',
      { inline_query_id: id, results: [{ ...article('a'), reply_markup: { inline_keyboard: [[{ text: 'x', callback_data: 'y'.repeat(65) }]] } }] },
      400,
      'Bad Request: BUTTON_DATA_INVALID',
    );
    await expectError('answerInlineQuery', { inline_query_id: id, results: [], next_offset: 'x'.repeat(65) }, 400, 'Bad Request: NEXT_OFFSET_INVALID');
    await expectError('answerInlineQuery', { inline_query_id: id, results: [], button: { text: 'Open', start_parameter: 'bad param!' } }, 400, 'Bad Request: START_PARAM_INVALID');
    await expectError('answerInlineQuery', { inline_query_id: id, results: [], cache_time: -1 }, 400, /cache_time/);

    // failed answers don't consume the query
    const ok = await api('answerInlineQuery', {
      inline_query_id: id,
      results: Array.from({ length: 50 }, (_, i) => article(String(i), `<i>answer ${i}</i>`)),
      cache_time: 0,
      is_personal: true,
      next_offset: '50',
      button: { text: 'Ask in private', start_parameter: 'from_inline' },
    });
    expect(ok.body).toEqual({ ok: true, result: true });
    const expired = 'Bad Request: query is too old and response timeout expired or query ID is invalid';
    await expectError('answerInlineQuery', { inline_query_id: id, results: [] }, 400, expired);
    await expectError('answerInlineQuery', { inline_query_id: 'never-pushed', results: [] }, 400, expired);
  });

  it('queries expire (10 s / 15 s by default, shorter here)', async () => {
    const short = await FakeTelegram.start({ inlineQueryTtlMs: 30, callbackQueryTtlMs: 30 });
    try {
      const bb = new UpdateBuilder();
      const iq = bb.inlineQuery('x');
      const cq = bb.callbackQuery('y');
      short.pushUpdate(iq);
      short.pushUpdate(cq);
      await new Promise((r) => setTimeout(r, 60));
      const post = async (method: string, params: Record<string, unknown>): Promise<ApiBody> => {
        const res = await fetch(`${short.apiRoot}/bot${short.token}/${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(params),
        });
        return (await res.json()) as ApiBody;
      };
      expect((await post('answerInlineQuery', { inline_query_id: (iq.inline_query as { id: string }).id, results: [] })).description).toMatch(/query is too old/);
      expect((await post('answerCallbackQuery', { callback_query_id: (cq.callback_query as { id: string }).id })).description).toMatch(/query is too old/);
    } finally {
      await short.close();
    }
  });

  it('answerCallbackQuery: once, text ≤ 200 characters', async () => {
    const sent = await send({ text: 'pick', reply_markup: { inline_keyboard: [[{ text: 'A', callback_data: 'a' }]] } });
    const u = b.callbackQuery('a', { message: sent.result });
    tg.pushUpdate(u);
    const id = (u.callback_query as { id: string }).id;
    await expectError('answerCallbackQuery', { callback_query_id: id, text: 'x'.repeat(201) }, 400, 'Bad Request: MESSAGE_TOO_LONG');
    expect((await api('answerCallbackQuery', { callback_query_id: id, text: 'x'.repeat(200), show_alert: true })).body.ok).toBe(true);
    await expectError('answerCallbackQuery', { callback_query_id: id }, 400, 'Bad Request: query is too old and response timeout expired or query ID is invalid');
    // the callback's message is still the bot's message: editing it works
    expect((await api('editMessageText', { chat_id: PRIVATE, message_id: sent.result.message_id, text: 'picked A' })).body.ok).toBe(true);
  });
});

describe('commands', () => {
  it('setMyCommands validates and stores per scope', async () => {
    const commands = [
      { command: 'start', description: 'Start' },
      { command: 'ask', description: 'Ask a question' },
    ];
    expect((await api('setMyCommands', { commands })).body.ok).toBe(true);
    expect((await api('setMyCommands', { commands: [commands[0]], scope: { type: 'chat', chat_id: GROUP } })).body.ok).toBe(true);
    expect((await api('getMyCommands', {})).body.result).toEqual(commands);
    expect((await api('getMyCommands', { scope: { type: 'chat', chat_id: GROUP } })).body.result).toEqual([commands[0]]);
    expect((await api('getMyCommands', { scope: { type: 'all_group_chats' } })).body.result).toEqual([]);
    expect(tg.myCommands()).toEqual(commands);
    await expectError('setMyCommands', { commands: [{ command: 'Start', description: 'x' }] }, 400, 'Bad Request: BOT_COMMAND_INVALID');
    await expectError('setMyCommands', { commands: [{ command: '/start', description: 'x' }] }, 400, 'Bad Request: BOT_COMMAND_INVALID');
    await expectError('setMyCommands', { commands: [{ command: 'x'.repeat(33), description: 'x' }] }, 400, 'Bad Request: BOT_COMMAND_INVALID');
    await expectError('setMyCommands', { commands: [{ command: 'start', description: '' }] }, 400, 'Bad Request: BOT_COMMAND_DESCRIPTION_INVALID');
    await expectError('setMyCommands', { commands: [{ command: 'start', description: 'x'.repeat(257) }] }, 400, 'Bad Request: BOT_COMMAND_DESCRIPTION_INVALID');
    await expectError(
      'setMyCommands',
      { commands: Array.from({ length: 101 }, (_, i) => ({ command: `c${i}`, description: 'd' })) },
      400,
      'Bad Request: BOT_COMMANDS_TOO_MUCH',
    );
    await expectError('setMyCommands', { commands, scope: { type: 'everyone' } }, 400, /BotCommandScope/);
    expect((await api('deleteMyCommands', {})).body.ok).toBe(true);
    expect(tg.myCommands()).toEqual([]);
  });
});

describe('long polling', () => {
  it('holds the request until an update is pushed', async () => {
    const started = Date.now();
    const poll = api('getUpdates', { offset: 0, timeout: 5 });
    await new Promise((r) => setTimeout(r, 100));
    let settled = false;
    void poll.then(() => (settled = true));
    await new Promise((r) => setTimeout(r, 10));
    expect(settled).toBe(false);
    expect(tg.callsTo('getUpdates')[0]?.pending).toBe(true);
    const id = tg.pushUpdate(b.privateText('hello'));
    const { body } = await poll;
    expect(Date.now() - started).toBeLessThan(2000);
    expect(body.ok).toBe(true);
    expect(body.result).toHaveLength(1);
    expect(body.result[0].update_id).toBe(id);
    expect(body.result[0].message.text).toBe('hello');
  });

  it('timeout 0 returns immediately; a timeout without updates returns []', async () => {
    expect((await api('getUpdates', { timeout: 0 })).body).toEqual({ ok: true, result: [] });
    const t = Date.now();
    expect((await api('getUpdates', { timeout: 1 })).body).toEqual({ ok: true, result: [] });
    expect(Date.now() - t).toBeGreaterThanOrEqual(900);
  });

  it('offset confirms (drops) earlier updates', async () => {
    const id1 = tg.pushUpdate(b.privateText('one'));
    const id2 = tg.pushUpdate(b.privateText('two'));
    const id3 = tg.pushUpdate(b.privateText('three'));
    const first = await api('getUpdates', { limit: 2 });
    expect(first.body.result.map((u: { update_id: number }) => u.update_id)).toEqual([id1, id2]);
    // not confirmed yet: same batch again
    expect((await api('getUpdates', { limit: 2 })).body.result).toHaveLength(2);
    const next = await api('getUpdates', { offset: id2 + 1 });
    expect(next.body.result.map((u: { update_id: number }) => u.update_id)).toEqual([id3]);
    expect(tg.confirmedOffset()).toBe(id2 + 1);
    await api('getUpdates', { offset: id3 + 1 });
    expect(tg.confirmedOffset()).toBe(id3 + 1);
    expect(tg.pendingUpdates()).toEqual([]);
  });

  it('allowed_updates is remembered between calls', async () => {
    tg.pushUpdate(b.inlineQuery('q'));
    const msgId = tg.pushUpdate(b.privateText('m'));
    const r1 = await api('getUpdates', { allowed_updates: ['message'] });
    expect(r1.body.result.map((u: { update_id: number }) => u.update_id)).toEqual([msgId]);
    const r2 = await api('getUpdates', {});
    expect(r2.body.result.map((u: { update_id: number }) => u.update_id)).toEqual([msgId]);
    const r3 = await api('getUpdates', { allowed_updates: [] });
    expect(r3.body.result).toHaveLength(2);
  });

  it('a second concurrent getUpdates terminates the first with 409', async () => {
    const first = api('getUpdates', { timeout: 5 });
    await tg.waitFor((calls) => calls.some((c) => c.method === 'getUpdates' && c.pending));
    const second = api('getUpdates', { timeout: 0 });
    const r1 = await first;
    expect(r1.status).toBe(409);
    expect(r1.body.description).toMatch(/^Conflict: terminated by other getUpdates request/);
    expect((await second).body.ok).toBe(true);
  });

  it('getUpdates while a webhook is set → 409', async () => {
    expect((await api('setWebhook', { url: 'https://example.org/hook' })).body.ok).toBe(true);
    await expectError(
      'getUpdates',
      {},
      409,
      "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
    );
    expect((await api('deleteWebhook', {})).body.ok).toBe(true);
    expect((await api('getUpdates', {})).body.ok).toBe(true);
  });

  it('works with a real grammY Bot (bot.start / bot.stop), no rejected calls', async () => {
    const bot = new Bot(tg.token, { client: { apiRoot: tg.apiRoot } });
    bot.on('message:text', (ctx) => ctx.reply(`<b>You said:</b> ${ctx.message.text}`, { parse_mode: 'HTML', reply_parameters: { message_id: ctx.message.message_id } }));
    const running = bot.start({ drop_pending_updates: true });
    await tg.waitFor((calls) => calls.some((c) => c.method === 'getUpdates' && c.pending));
    tg.pushUpdate(b.privateText('hello bot'));
    await tg.waitFor(() => tg.sentMessages(PRIVATE).length === 1);
    expect(tg.sentMessages(PRIVATE)[0]?.result).toMatchObject({ text: 'You said: hello bot' });
    await bot.stop();
    await running;
    expect(tg.rejected()).toEqual([]);
    expect(tg.floodViolations()).toEqual([]);
  });
});

describe('grammY client', () => {
  it('bot.api.sendMessage works and validation errors surface as GrammyError', async () => {
    const bot = new Bot(tg.token, { client: { apiRoot: tg.apiRoot } });
    const msg = await bot.api.sendMessage(PRIVATE, '<i>ok</i>', { parse_mode: 'HTML' });
    expect(msg.text).toBe('ok');
    expect(msg.entities).toEqual([{ type: 'italic', offset: 0, length: 2 }]);
    const err = await bot.api.sendMessage(PRIVATE, 'a & b', { parse_mode: 'HTML' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GrammyError);
    expect((err as GrammyError).error_code).toBe(400);
    expect((err as GrammyError).description).toMatch(/^Bad Request: can't parse entities/);
  });
});

describe('webhooks', () => {
  let receiver: http.Server;
  let receiverUrl: string;
  let received: Array<{ headers: http.IncomingHttpHeaders; body: any }>;
  let statuses: number[];

  beforeAll(async () => {
    receiver = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
        res.statusCode = statuses.shift() ?? 200;
        res.end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  });
  afterAll(async () => {
    receiver.closeAllConnections();
    await new Promise((r) => receiver.close(r));
  });
  beforeEach(() => {
    received = [];
    statuses = [];
  });

  it('validates url and secret_token', async () => {
    await expectError('setWebhook', { url: 'http://example.org/hook' }, 400, 'Bad Request: bad webhook: An HTTPS URL must be provided for webhook');
    await expectError('setWebhook', { url: 'ftp://example.org/hook' }, 400, /An HTTPS URL must be provided/);
    await expectError('setWebhook', { url: 'https://example.org:8080/hook' }, 400, /ports 80, 88, 443 or 8443/);
    await expectError('setWebhook', { url: receiverUrl, secret_token: 'has space' }, 400, /secret token/);
    await expectError('setWebhook', { url: receiverUrl, secret_token: 'x'.repeat(257) }, 400, /secret token/);
    expect(tg.webhook()).toBeNull();
  });

  it('delivers pushed updates with the secret header, retries on errors', async () => {
    expect((await api('setWebhook', { url: receiverUrl, secret_token: 'sEcReT_123-x', allowed_updates: ['message', 'callback_query'] })).body.ok).toBe(true);
    expect(tg.webhook()).toEqual({ url: receiverUrl, secret_token: 'sEcReT_123-x', allowed_updates: ['message', 'callback_query'] });
    const id = tg.pushUpdate(b.privateText('via webhook'));
    await tg.webhookIdle();
    expect(received).toHaveLength(1);
    expect(received[0]?.headers['x-telegram-bot-api-secret-token']).toBe('sEcReT_123-x');
    expect(received[0]?.headers['content-type']).toBe('application/json');
    expect(received[0]?.body).toMatchObject({ update_id: id, message: { text: 'via webhook' } });
    expect(tg.webhookDeliveries).toEqual([expect.objectContaining({ update_id: id, status: 200, attempt: 1 })]);

    statuses = [500, 502];
    const id2 = tg.pushUpdate(b.privateText('flaky'));
    await tg.webhookIdle();
    expect(tg.webhookDeliveries.filter((d) => d.update_id === id2).map((d) => d.status)).toEqual([500, 502, 200]);

    // updates of types the bot didn't ask for are not sent
    tg.pushUpdate(b.inlineQuery('ignored'));
    await tg.webhookIdle();
    expect(received).toHaveLength(4);

    const info = (await api('getWebhookInfo')).body.result;
    expect(info).toMatchObject({ url: receiverUrl, has_custom_certificate: false, pending_update_count: 0, allowed_updates: ['message', 'callback_query'] });
    expect(info.last_error_message).toMatch(/502/);

    expect((await api('deleteWebhook', { drop_pending_updates: true })).body.ok).toBe(true);
    expect(tg.webhook()).toBeNull();
    expect((await api('getWebhookInfo')).body.result).toMatchObject({ url: '', pending_update_count: 0 });
  });

  it('works with grammY webhookCallback (including a webhook reply)', async () => {
    const bot = new Bot(tg.token, { client: { apiRoot: tg.apiRoot, canUseWebhookReply: (m) => m === 'sendChatAction' } });
    bot.on('message:text', async (ctx) => {
      await ctx.replyWithChatAction('typing'); // sent in the webhook response body
      await ctx.reply('pong');
    });
    await bot.init();
    const server = http.createServer(webhookCallback(bot, 'http', { secretToken: 'tok' }));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      await bot.api.setWebhook(url, { secret_token: 'tok' });
      tg.pushUpdate(b.privateText('ping'));
      await tg.waitFor(() => tg.sentMessages(PRIVATE).length === 1 && tg.callsTo('sendChatAction').length === 1);
      await tg.webhookIdle();
      expect(tg.webhookDeliveries.map((d) => d.status)).toEqual([200]);
      expect(tg.callsTo('sendChatAction')[0]).toMatchObject({ via: 'webhook-reply', ok: true, params: { chat_id: PRIVATE, action: 'typing' } });
      expect(tg.rejected()).toEqual([]);
    } finally {
      await bot.api.deleteWebhook();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});

describe('fault injection and flood control', () => {
  it('injects 429 with retry_after, then behaves normally; injected faults are not "rejected"', async () => {
    tg.injectFault('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 3', retry_after: 3 }, 2);
    for (let i = 0; i < 2; i++) {
      const { status, body } = await api('sendMessage', { chat_id: PRIVATE, text: 'x' });
      expect(status).toBe(429);
      expect(body).toEqual({ ok: false, error_code: 429, description: 'Too Many Requests: retry after 3', parameters: { retry_after: 3 } });
    }
    expect((await send({ text: 'x' })).ok).toBe(true);
    expect(tg.callsTo('sendMessage').map((c) => c.injected ?? false)).toEqual([true, true, false]);
    expect(tg.rejected()).toEqual([]);
  });

  it('drop destroys the connection without an answer', async () => {
    tg.injectFault('getMe', 'drop');
    await expect(api('getMe')).rejects.toThrow();
    expect((await api('getMe')).body.ok).toBe(true);
    expect(tg.callsTo('getMe')[0]).toMatchObject({ ok: false, injected: true });
    expect(tg.rejected()).toEqual([]);
  });

  it('grammY sees injected faults as errors', async () => {
    const bot = new Bot(tg.token, { client: { apiRoot: tg.apiRoot } });
    tg.injectFault('sendMessage', { error_code: 403, description: 'Forbidden: bot was blocked by the user' });
    const err = await bot.api.sendMessage(PRIVATE, 'x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GrammyError);
    expect((err as GrammyError).error_code).toBe(403);
  });

  it('floodViolations reports bursts; enforceFloodLimits answers 429', async () => {
    for (let i = 0; i < 3; i++) expect((await send({ text: `m${i}` })).ok).toBe(true);
    expect(tg.floodViolations()).toEqual([]);
    expect((await send({ text: 'm3' })).ok).toBe(true);
    expect(tg.floodViolations()).toEqual([expect.stringMatching(/^chat 1001 \(private\): 4 messages within 1000 ms/)]);

    const strict = await FakeTelegram.start({ enforceFloodLimits: true });
    try {
      strict.addChat({ id: 5, type: 'private' });
      const post = async (): Promise<{ status: number; body: ApiBody }> => {
        const res = await fetch(`${strict.apiRoot}/bot${strict.token}/sendMessage`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ chat_id: 5, text: 'x' }),
        });
        return { status: res.status, body: (await res.json()) as ApiBody };
      };
      for (let i = 0; i < 3; i++) expect((await post()).status).toBe(200);
      const limited = await post();
      expect(limited.status).toBe(429);
      expect(limited.body.description).toBe('Too Many Requests: retry after 1');
      expect(limited.body.parameters).toEqual({ retry_after: 1 });
      expect(strict.floodViolations()).toEqual([]);
    } finally {
      await strict.close();
    }
  });

  it('waitFor rejects with a listing of the last calls', async () => {
    await send({ text: 'only this' });
    await expect(tg.waitFor(() => false, 50)).rejects.toThrow(/timed out after 50 ms.*\n.*sendMessage ok/s);
  });
});

describe('update builders', () => {
  it('build realistic updates that register chats and messages', async () => {
    const dm = b.privateText('/start ref');
    const group = b.groupText('hi all');
    const topic = b.supergroupText('in topic', { threadId: 3 });
    const post = b.channelPost('news');
    const iq = b.inlineQuery('q', { chatType: 'sender' });
    const ids = [dm, group, topic, post, iq].map((u) => tg.pushUpdate(u));
    expect(ids).toEqual([1, 2, 3, 4, 5]);
    expect(dm.message).toMatchObject({ chat: { type: 'private', id: PRIVATE }, entities: [{ type: 'bot_command', offset: 0, length: 6 }] });
    expect(topic.message).toMatchObject({ chat: { type: 'supergroup', is_forum: true }, message_thread_id: 3, is_topic_message: true });
    expect(post.channel_post).toMatchObject({ chat: { type: 'channel' }, sender_chat: { type: 'channel' } });
    expect(post.channel_post?.from).toBeUndefined();
    // pushing registered the channel: the bot can post there, as the channel
    const channelId = post.channel_post?.chat.id as number;
    const sent = (await api('sendMessage', { chat_id: channelId, text: 'reply' })).body;
    expect(sent.result).toMatchObject({ sender_chat: { id: channelId }, message_id: (post.channel_post?.message_id ?? 0) + 1 });
    expect(sent.result.from).toBeUndefined();
    // message ids never clash with the bot's own messages
    const next = b.privateText('again');
    expect(next.message?.message_id).toBe((dm.message?.message_id ?? 0) + 1);
    await send({ text: 'bot' });
    expect(b.privateText('third').message?.message_id).toBe((next.message?.message_id ?? 0) + 2);
    // ids from builders not bound to the fake must keep increasing
    expect(() => tg.pushUpdate(new UpdateBuilder().privateText('old id'))).toThrow(/must be greater/);
  });
});
