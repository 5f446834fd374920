/**
 * Property-based fuzzing of the bot's update handling (fast-check), in process, through the real bot
 * (createTestBot: production wiring, Telegram replaced by a recording + validating transformer).
 *
 * ~3,000 generated updates: random Unicode, 4096+ character texts, control / zero-width / bidi characters,
 * right-to-left scripts, HTML and Markdown injection, emoji-only texts, entities out of range, missing optional
 * fields, unknown update types, edits, stickers, captioned media, forwards, anonymous group admins, forum topics,
 * channel posts, inline queries and callback queries, across private chats, groups, supergroups and channels.
 *
 * Every update is checked for:
 *   - nothing thrown out of handleUpdate, no unhandled rejection;
 *   - no request that fails validateRequest (the harness throws inside its transformer; the bot's error boundary
 *     swallows that throw, so an outer transformer records it here and the test fails on it);
 *   - no handler failure at all (every error the bot's error boundary / bot.catch sees goes through classifyError,
 *     which is wrapped with vi.mock to record it);
 *   - at most one sendMessage per update, to the update's chat, replying to the update's message, in its forum topic;
 *   - an expectation per kind: silence for group chatter, edits, stickers and unknown updates; exactly one message
 *     for private texts and for /ask, mentions and replies in groups; exactly one answerCallbackQuery per callback
 *     query (also when Telegram refuses the "More answers" edit); exactly one answerInlineQuery per inline query;
 *     a question in a photo caption is answered with the cited excerpt.
 *
 * The per-user rate limit is off (the harness default): random user ids would otherwise hit it while shrinking.
 * The seed is fixed so a run is reproducible; FUZZ_SEED=<n> (or FUZZ_SEED=random) explores other inputs.
 */
import fc from 'fast-check';
import type { Update } from 'grammy/types';
import { GrammyError } from 'grammy';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const recorded = vi.hoisted(() => ({ handlerErrors: [] as unknown[] }));
vi.mock('../../src/bot/errors.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/bot/errors.ts')>();
  return {
    ...original,
    classifyError: (error: unknown) => {
      recorded.handlerErrors.push(error);
      return original.classifyError(error);
    },
  };
});

import { BOT_INFO, createTestBot, validateRequest, type ApiCall } from '../support/bot-harness.ts';

// ───────────────────────────── the bot under test ─────────────────────────────

type Json = Record<string, unknown>;
const BOT = BOT_INFO.username;
const BOT_USER = { id: BOT_INFO.id, is_bot: true, first_name: BOT_INFO.first_name, username: BOT };
const ANONYMOUS_ADMIN = { id: 1087968824, is_bot: true, first_name: 'Group', username: 'GroupAnonymousBot' };

const seedEnv = process.env.FUZZ_SEED;
const SEED = seedEnv === 'random' ? Date.now() % 2 ** 31 : seedEnv ? Number(seedEnv) : 20220605;
const params = <T,>(numRuns: number): fc.Parameters<T> => ({ numRuns, seed: SEED });

interface Outcome {
  calls: ApiCall[];
  /** errors thrown by the harness transformer (validateRequest) as seen by the bot */
  rejectedRequests: string[];
  /** errors the bot's error boundary or bot.catch handled (a handler failed) */
  handlerErrors: string[];
  thrown: unknown;
}

function instrumentedBot(options: Parameters<typeof createTestBot>[0] = {}) {
  const t = createTestBot(options);
  const rejectedRequests: string[] = [];
  // Installed last, so it wraps the harness's recording transformer: whatever validateRequest throws passes here.
  t.bot.api.config.use(async (prev, method, payload, signal) => {
    try {
      return await prev(method, payload, signal);
    } catch (error) {
      rejectedRequests.push(`${method}: ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    }
  });
  let updateId = 0;
  return {
    ...t,
    async run(update: Json): Promise<Outcome> {
      t.clear();
      rejectedRequests.length = 0;
      recorded.handlerErrors.length = 0;
      let thrown: unknown;
      try {
        await t.handle({ update_id: ++updateId, ...update } as unknown as Update);
      } catch (error) {
        thrown = error ?? new Error('a falsy value was thrown');
      }
      return {
        calls: [...t.calls],
        rejectedRequests: [...rejectedRequests],
        handlerErrors: recorded.handlerErrors.map((e) => (e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ''}` : String(e))),
        thrown,
      };
    },
  };
}

// ───────────────────────────── expectations ─────────────────────────────

type Expectation =
  | 'silent' // no Bot API call at all
  | 'one-message' // exactly one sendMessage
  | 'at-most-one-message'
  | 'at-most-one-answer' // at most one sendMessage or editMessageText (an edited question), nothing else
  | 'callback' // exactly one answerCallbackQuery (and maybe one edit), nothing sent
  | 'inline'; // exactly one answerInlineQuery, nothing else

interface Case {
  label: string;
  /** the update without update_id */
  update: Json;
  expect: Expectation;
  /** substring the single message must contain (a known answer) */
  answerContains?: string;
}

const describeCase = (c: Case) => `${c.label}: ${JSON.stringify(c.update).slice(0, 600)}`;
const sends = (o: Outcome) => o.calls.filter((c) => c.method === 'sendMessage');

/** The checks every update must pass, whatever it is. */
function checkInvariants(c: Case, o: Outcome): void {
  const where = describeCase(c);
  expect(o.thrown, `handleUpdate threw for ${where}`).toBeUndefined();
  expect(o.rejectedRequests, `a request failed validation for ${where}`).toEqual([]);
  for (const call of o.calls) {
    expect(() => validateRequest(call.method, call.payload), `invalid ${call.method} for ${where}`).not.toThrow();
  }
  expect(o.handlerErrors, `a handler failed for ${where}`).toEqual([]);
  const sent = sends(o);
  expect(sent.length, `more than one message for one update: ${where}`).toBeLessThanOrEqual(1);
  for (const s of sent) expect(String(s.payload.text), where).not.toMatch(/something went wrong/i);

  const [key] = Object.keys(c.update);
  const payload = c.update[key ?? ''] as Json | undefined;
  const message = key === 'message' || key === 'channel_post' || key === 'edited_message' ? payload : undefined;
  if (message) {
    const chat = message.chat as Json;
    for (const s of sent) {
      expect(s.payload.chat_id, `reply in another chat: ${where}`).toBe(chat.id);
      const reply = s.payload.reply_parameters as Json | undefined;
      if (reply) expect(reply.message_id, `reply to another message: ${where}`).toBe(message.message_id);
      if (message.is_topic_message === true && message.message_thread_id !== undefined) {
        expect(s.payload.message_thread_id, `answer left the forum topic: ${where}`).toBe(message.message_thread_id);
      }
    }
  }

  const methods = o.calls.map((x) => x.method);
  switch (c.expect) {
    case 'silent':
      expect(methods, `expected silence for ${where}`).toEqual([]);
      break;
    case 'one-message':
      expect(methods, `expected exactly one message for ${where}`).toEqual(['sendMessage']);
      if (c.answerContains) expect(String(sent[0]?.payload.text), `expected an answer for ${where}`).toContain(c.answerContains);
      break;
    case 'at-most-one-message':
      expect(methods.filter((m) => m !== 'sendMessage'), where).toEqual([]);
      break;
    case 'at-most-one-answer':
      expect(methods.filter((m) => m !== 'sendMessage' && m !== 'editMessageText'), where).toEqual([]);
      expect(methods.length, `more than one answer for one edit: ${where}`).toBeLessThanOrEqual(1);
      break;
    case 'callback': {
      const answers = o.calls.filter((x) => x.method === 'answerCallbackQuery');
      expect(answers.length, `expected exactly one answerCallbackQuery for ${where}`).toBe(1);
      expect(answers[0]?.payload.callback_query_id).toBe(payload?.id);
      expect(methods.filter((m) => m !== 'answerCallbackQuery' && m !== 'editMessageText'), where).toEqual([]);
      expect(methods.filter((m) => m === 'editMessageText').length, where).toBeLessThanOrEqual(1);
      break;
    }
    case 'inline':
      expect(methods, `expected exactly one answerInlineQuery for ${where}`).toEqual(['answerInlineQuery']);
      expect(o.calls[0]?.payload.inline_query_id).toBe(payload?.id);
      break;
  }
}

// ───────────────────────────── text arbitraries ─────────────────────────────

/** Questions the corpus answers, with a piece of the expected answer. */
const ANSWERABLE: Array<[string, string]> = [
  ['How many polling places were there?', '10,012'],
  ['Who moderated the KazISS expert platform meeting?', 'Yerkin Tukumov'],
  ['Who is the Secretary of the Central Election Commission?', 'Mukhtar Yerman'],
  ['How many precincts were opened abroad?', '65 precincts'],
  ['Who is the Commissioner for Human Rights in Kazakhstan?', 'Elvira Azimova'],
  ['What percentage of Kazakhstanis support holding the referendum?', '76.4%'],
];
/** Russian and Kazakh (the bot answers in the question's language; Kazakh letters decide kk). */
const CYRILLIC = ['Сколько было избирательных участков?', 'Когда прошёл референдум?', 'Референдум қашан өтті?', 'Қанша сайлау учаскесі болды?', 'Кто возглавлял миссию ОБСЕ/БДИПЧ?', 'ә ғ қ ң ө ұ ү һ і', 'Привет', 'Сәлем!'];
const OUT_OF_SCOPE = ['What is the capital of France?', 'Who won the football world cup?', 'sourdough bread recipe', 'weather in Almaty tomorrow?', 'Kazakhstan'];
const CONTROL = ['\u0000', '\u0001', '\u0007', '\b', '\t', '\n', '\r', '\u000b', '\u000c', '\u001b', '\u007f', '\u0085', '\u009b', '\r\n'];
const ZERO_WIDTH = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '\u180e', '\u034f', '\u2028', '\u2029', '\u3164', '\u115f'];
const BIDI = ['\u200e', '\u200f', '\u061c', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'];
const RTL = ['ما هو عدد مراكز الاقتراع؟', 'متى أجري الاستفتاء الدستوري في كازاخستان', 'מתי נערך משאל העם?', 'כמה קלפיות היו', 'کی رفراندوم برگزار شد؟', 'שלום How many polling places were there? עולם', '\u202eHow many polling places were there?'];
const HTML = ['<b>', '</b>', '</a>', '<a href="javascript:alert(1)">x</a>', '&', '&amp;', '&lt;', '&#0;', '&#x110000;', '&nbsp;', '<script>alert(1)</script>', '</blockquote>', '<tg-spoiler>', '<pre><code class="language-js">', '"', "'", '<', '>', '<<>>', '<i', '</i >', '<br/>', '<tg-emoji emoji-id="x">'];
const MARKDOWN = ['*', '_', '[', ']', '(', ')', '`', '```', '~', '||', '\\', '*bold*', '_it_', '[x](tg://user?id=1)', '__u__', '> quote', '#', '+', '-', '=', '{', '}', '.', '!'];
const EMOJI = ['🗳️', '🇰🇿', '👨‍👩‍👧‍👦', '👍🏽', '🙂', '❤️‍🔥', '🏳️‍🌈', '😀', '#️⃣', '🧑🏿‍🤝‍🧑🏻', '🫠', '©️', '🔟'];
const WORDS = ['referendum', 'polling', 'station', 'CEC', 'OSCE', 'Tokayev', 'constitution', 'vote', 'how', 'many', 'when', 'who', '10,012', '76.4%', '2022', 'Astana', 'Almaty', '?', ' ', 'Kazakhstan', 'precinct', 'abroad'];

const fragment: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 12 }) },
  { weight: 2, arbitrary: fc.constantFrom(...CONTROL, ...ZERO_WIDTH, ...BIDI) },
  { weight: 2, arbitrary: fc.constantFrom(...HTML, ...MARKDOWN) },
  { weight: 2, arbitrary: fc.constantFrom(...EMOJI, ...RTL) },
  { weight: 2, arbitrary: fc.constantFrom(...CYRILLIC) },
  { weight: 3, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 1, arbitrary: fc.constantFrom(...ANSWERABLE.map(([q]) => q), ...OUT_OF_SCOPE) },
);

const joined = fc.array(fragment, { maxLength: 16 }).map((parts) => parts.join(''));
const fill = (unit: string, length: number) => {
  const base = unit.length > 0 ? unit : 'x';
  return base.repeat(Math.ceil(length / base.length) + 1);
};
/** 4096+ UTF-16 units, cut on a code point boundary (Telegram never sends half a surrogate pair). */
const longText = fc
  .tuple(fc.oneof(joined, fc.constantFrom(...ANSWERABLE.map(([q]) => `${q} `), 'ы', '🗳️', '&<b>', '\u200b')), fc.integer({ min: 4090, max: 9000 }))
  .map(([unit, length]) => {
    const s = fill(unit, length);
    const cut = /[\uD800-\uDBFF]/.test(s[length - 1] ?? '') ? length - 1 : length;
    return s.slice(0, cut);
  });
const emojiOnly = fc.array(fc.constantFrom(...EMOJI), { minLength: 1, maxLength: 60 }).map((e) => e.join(''));
const htmlInjection = fc.array(fc.constantFrom(...HTML, ...MARKDOWN, ...WORDS), { minLength: 1, maxLength: 20 }).map((p) => p.join(''));
const noisyQuestion = fc
  .tuple(fc.constantFrom(...ANSWERABLE.map(([q]) => q), ...OUT_OF_SCOPE, ...CYRILLIC), fc.array(fc.constantFrom(...ZERO_WIDTH, ...BIDI, ...EMOJI, ' ', '  '), { maxLength: 4 }), fc.boolean())
  .map(([q, noise, upper]) => `${noise.join('')}${upper ? q.toUpperCase() : q}${noise.reverse().join('')}`);

/** Any text a user could type (may be empty or whitespace only). */
const anyText: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: joined },
  { weight: 1, arbitrary: longText },
  { weight: 1, arbitrary: emojiOnly },
  { weight: 1, arbitrary: fc.constantFrom(...RTL, ...CYRILLIC) },
  { weight: 2, arbitrary: htmlInjection },
  { weight: 2, arbitrary: noisyQuestion },
  { weight: 1, arbitrary: fc.array(fc.constantFrom(...CONTROL, ...ZERO_WIDTH, ...BIDI), { minLength: 1, maxLength: 10 }).map((p) => p.join('')) },
);
/** What Telegram delivers as a text or caption: never empty. */
const messageText = anyText.map((t) => (t.length > 0 ? t : '?'));
/** A text that does not start a command (a leading "/" is dropped) and is not empty. */
const plainText = messageText.map((t) => {
  const s = t.replace(/^\s*\/+/, '');
  return s.length > 0 ? s : 'hm';
});
/** Group chatter: never addresses the bot. */
const chatterText = plainText.filter((t) => !t.toLowerCase().includes(`@${BOT}`));

// ───────────────────────────── entities ─────────────────────────────

const ENTITY_TYPES = ['mention', 'hashtag', 'cashtag', 'bot_command', 'url', 'email', 'bold', 'italic', 'underline', 'strikethrough', 'spoiler', 'code', 'pre', 'text_link', 'text_mention', 'custom_emoji', 'blockquote', 'expandable_blockquote', 'phone_number'] as const;

/** Entities that may lie partly or wholly outside the text (and, rarely, have negative or zero offsets/lengths). */
function randomEntities(text: string, options: { allowLeadingCommand?: boolean } = {}): fc.Arbitrary<Json[]> {
  const len = text.length;
  const entity = fc
    .record({
      type: fc.constantFrom(...ENTITY_TYPES),
      offset: fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 0, max: Math.max(0, len) }) }, { weight: 2, arbitrary: fc.integer({ min: len, max: len + 5000 }) }, { weight: 1, arbitrary: fc.integer({ min: -3, max: 0 }) }),
      length: fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 1, max: Math.max(1, len) }) }, { weight: 2, arbitrary: fc.integer({ min: len, max: len + 5000 }) }, { weight: 1, arbitrary: fc.integer({ min: -2, max: 0 }) }),
    })
    .map((e) => {
      const out: Json = { ...e };
      if (e.type === 'text_link') out.url = 'https://example.org/a?b=<c>&d';
      if (e.type === 'text_mention') out.user = { id: 7, is_bot: false, first_name: 'X' };
      if (e.type === 'custom_emoji') out.custom_emoji_id = '5368324170671202286';
      if (e.type === 'pre') out.language = '<js>';
      return out;
    })
    // Telegram puts a bot_command entity at offset 0 only when the text starts with "/".
    .filter((e) => options.allowLeadingCommand === true || !(e.type === 'bot_command' && (e.offset as number) <= 0 && !text.startsWith('/')));
  return fc.array(entity, { maxLength: 6 });
}

/** Commands and mentions as Telegram marks them. */
function realEntities(text: string): Json[] {
  const out: Json[] = [];
  const command = /^\/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?/.exec(text);
  if (command) out.push({ type: 'bot_command', offset: 0, length: command[0].length });
  for (const m of text.matchAll(/(^|\s)(@[A-Za-z0-9_]{5,32})/g)) out.push({ type: 'mention', offset: (m.index ?? 0) + (m[1] ?? '').length, length: (m[2] ?? '').length });
  return out;
}

// ───────────────────────────── users and chats ─────────────────────────────

const nameArb = fc.oneof(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }), fc.constantFrom(...RTL, ...EMOJI, '<b>Admin</b>', '&amp;', '\u202eevil'));
const usernameArb = fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9_]{4,31}$/).filter((u) => u.toLowerCase() !== BOT);
const userArb = fc.record(
  {
    id: fc.integer({ min: 1000, max: 9_999_999_999 }),
    is_bot: fc.constant(false),
    first_name: nameArb,
    last_name: nameArb,
    username: usernameArb,
    language_code: fc.constantFrom('en', 'ru', 'kk', 'ar', 'he', 'zh-hans', 'uk', 'pt-br', 'KK', 'ru-RU', '', 'x'),
    is_premium: fc.constant(true),
  },
  { requiredKeys: ['id', 'is_bot', 'first_name'] },
);
const otherBotArb = fc.record({ id: fc.integer({ min: 1000, max: 9_999_999_999 }), is_bot: fc.constant(true), first_name: nameArb, username: usernameArb.map((u) => `${u.slice(0, 28)}_bot`) });

const groupChatArb = fc.record({ id: fc.integer({ min: -999_999_999_999, max: -1 }), type: fc.constant('group'), title: nameArb });
const supergroupChatArb = fc.record(
  { id: fc.integer({ min: -1_009_999_999_999, max: -1_000_000_000_001 }), type: fc.constant('supergroup'), title: nameArb, username: usernameArb, is_forum: fc.boolean() },
  { requiredKeys: ['id', 'type', 'title'] },
);
const channelChatArb = fc.record(
  { id: fc.integer({ min: -1_009_999_999_999, max: -1_000_000_000_001 }), type: fc.constant('channel'), title: nameArb, username: usernameArb },
  { requiredKeys: ['id', 'type', 'title'] },
);
const privateChatOf = (user: Json): Json => {
  const chat: Json = { id: user.id, type: 'private', first_name: user.first_name };
  if (user.last_name !== undefined) chat.last_name = user.last_name;
  if (user.username !== undefined) chat.username = user.username;
  return chat;
};

const messageIdArb = fc.integer({ min: 1, max: 2_147_483_647 });
const dateArb = fc.integer({ min: 1_600_000_000, max: 1_900_000_000 });

// ───────────────────────────── message parts ─────────────────────────────

const forwardOriginArb: fc.Arbitrary<Json> = fc.oneof(
  fc.record({ type: fc.constant('user'), date: dateArb, sender_user: userArb }),
  fc.record({ type: fc.constant('hidden_user'), date: dateArb, sender_user_name: nameArb }),
  fc.record({ type: fc.constant('chat'), date: dateArb, sender_chat: fc.oneof(groupChatArb, supergroupChatArb), author_signature: nameArb }, { requiredKeys: ['type', 'date', 'sender_chat'] }),
  fc.record({ type: fc.constant('channel'), date: dateArb, chat: channelChatArb, message_id: messageIdArb }),
);

const photoSizes = [
  { file_id: 'AgACAgIAAxkBAAIB', file_unique_id: 'AQADsmall', width: 90, height: 51, file_size: 1200 },
  { file_id: 'AgACAgIAAxkBAAIC', file_unique_id: 'AQADbig', width: 1280, height: 720, file_size: 81234 },
];
const sticker = { file_id: 'CAACAgIAAxkBAAID', file_unique_id: 'AgADsticker', type: 'regular', width: 512, height: 512, is_animated: false, is_video: false, emoji: '🗳️', set_name: 'Referendum' };

/** Media that carries a caption. */
const captionMediaArb: fc.Arbitrary<Json> = fc.constantFrom<Json>(
  { photo: photoSizes },
  { video: { file_id: 'BAACAgIAAxkBAAIE', file_unique_id: 'AgADvideo', width: 640, height: 360, duration: 3 } },
  { document: { file_id: 'BQACAgIAAxkBAAIF', file_unique_id: 'AgADdoc', file_name: 'referendum.pdf', mime_type: 'application/pdf' } },
  { animation: { file_id: 'CgACAgIAAxkBAAIG', file_unique_id: 'AgADanim', width: 1, height: 1, duration: 1 }, document: { file_id: 'CgACAgIAAxkBAAIG', file_unique_id: 'AgADanim' } },
);
/** Content without text or caption. */
const silentContentArb: fc.Arbitrary<Json> = fc.constantFrom<Json>(
  { sticker },
  { location: { latitude: 51.1605, longitude: 71.4704 } },
  { dice: { emoji: '🎲', value: 4 } },
  { contact: { phone_number: '+77010000000', first_name: 'Aigerim' } },
  { voice: { file_id: 'AwACAgIAAxkBAAIH', file_unique_id: 'AgADvoice', duration: 2 } },
  { photo: photoSizes },
  { new_chat_members: [{ id: 5, is_bot: false, first_name: 'New' }] },
  { left_chat_member: BOT_USER },
  { new_chat_title: 'Renamed' },
  { pinned_message: { message_id: 1, date: 0, chat: { id: -1, type: 'group', title: 'x' } } },
  { poll: { id: 'p', question: 'When?', options: [{ text: 'Now', voter_count: 0 }], total_voter_count: 0, is_closed: false, is_anonymous: true, type: 'regular', allows_multiple_answers: false } },
);

/** Text or caption content with the given text and entities. */
const withText = (asCaption: boolean, text: string, entities: Json[], media: Json): Json =>
  asCaption ? { ...media, caption: text, ...(entities.length > 0 ? { caption_entities: entities } : {}) } : { text, ...(entities.length > 0 ? { entities } : {}) };

/** Optional extras of a message: forwards, via_bot, link previews, protected content, and so on. */
const extrasArb: fc.Arbitrary<Json> = fc.record(
  {
    forward_origin: forwardOriginArb,
    via_bot: fc.oneof(otherBotArb, fc.constant(BOT_USER)),
    has_protected_content: fc.constant(true),
    link_preview_options: fc.record({ is_disabled: fc.boolean() }),
    author_signature: nameArb,
    edit_date: dateArb,
    media_group_id: fc.constant('1312'),
    is_from_offline: fc.constant(true),
  },
  { requiredKeys: [] },
);

/** A message the bot sent earlier (what users reply to). */
const botMessageIn = (chat: Json) => fc.record({ message_id: messageIdArb, date: dateArb, text: anyText }).map((m) => ({ ...m, chat, ...(chat.type === 'channel' ? { sender_chat: chat } : { from: BOT_USER }) }));
const otherMessageIn = (chat: Json) => fc.record({ message_id: messageIdArb, date: dateArb, from: fc.oneof(userArb, otherBotArb), text: anyText }).map((m) => ({ ...m, chat }));

// ───────────────────────────── update arbitraries ─────────────────────────────

/** Private chats: every text or caption gets exactly one message back; other content none. */
const privateMessageCase: fc.Arbitrary<Case> = fc
  .record({ user: userArb, id: messageIdArb, date: dateArb, kind: fc.constantFrom('text', 'text', 'text', 'caption', 'silent'), text: messageText, media: captionMediaArb, silent: silentContentArb, extras: extrasArb, reply: fc.constantFrom('none', 'none', 'bot', 'own'), entitiesSeed: fc.nat() })
  .chain((r) =>
    fc
      .tuple(randomEntities(r.text, { allowLeadingCommand: false }), r.reply === 'bot' ? botMessageIn(privateChatOf(r.user)) : r.reply === 'own' ? otherMessageIn(privateChatOf(r.user)) : fc.constant(undefined), fc.boolean())
      .map(([random, replyTo, useReal]): Case => {
        const chat = privateChatOf(r.user);
        const entities = useReal ? realEntities(r.text) : random;
        const content = r.kind === 'silent' ? r.silent : withText(r.kind === 'caption', r.text, entities, r.media);
        const message: Json = { message_id: r.id, from: r.user, chat, date: r.date, ...r.extras, ...(replyTo ? { reply_to_message: replyTo } : {}), ...content };
        return { label: `private ${r.kind}`, update: { message }, expect: r.kind === 'silent' ? 'silent' : 'one-message' };
      }),
  );

/** Commands in a private chat: ours, unknown ones and other bots' — each gets exactly one reply. */
const privateCommandCase: fc.Arbitrary<Case> = fc
  .record({ user: userArb, id: messageIdArb, date: dateArb, command: fc.constantFrom('/ask', `/ask@${BOT}`, '/start', '/start inline', '/start <b>&amp;', '/help', '/sources', '/unknown', '/ask@other_bot', '/ASK', '/'), rest: fc.oneof(fc.constant(''), plainText.map((t) => ` ${t}`), noisyQuestion.map((q) => ` ${q}`)) })
  .map((r): Case => {
    const text = `${r.command}${r.rest}`;
    const message: Json = { message_id: r.id, date: r.date, chat: privateChatOf(r.user), from: r.user, text, ...(realEntities(text).length > 0 ? { entities: realEntities(text) } : {}) };
    return { label: `private ${r.command}`, update: { message }, expect: 'one-message' };
  });

/** Who posts in a group: a user, an anonymous admin (sender_chat = the group, with or without the GroupAnonymousBot), or a linked channel. */
const groupSenderArb = (chat: Json): fc.Arbitrary<Json> =>
  fc.oneof(
    { weight: 4, arbitrary: userArb.map((from) => ({ from })) },
    { weight: 1, arbitrary: fc.constant({ from: ANONYMOUS_ADMIN, sender_chat: chat }) },
    { weight: 1, arbitrary: fc.constant({ sender_chat: chat }) },
    { weight: 1, arbitrary: channelChatArb.map((channel) => ({ from: { id: 136817688, is_bot: true, first_name: 'Channel', username: 'Channel_Bot' }, sender_chat: channel })) },
  );

/** Group and supergroup messages, in forum topics (a third of them) or not. */
const forumChatArb = supergroupChatArb.map((chat) => ({ ...chat, is_forum: true }));
const groupPlaceArb = fc.oneof(groupChatArb, supergroupChatArb, forumChatArb).chain((chat) =>
  fc.record({
    chat: fc.constant(chat as Json),
    sender: groupSenderArb(chat),
    // In a forum, messages of the General topic carry no thread id; all others do.
    topic: (chat as Json).is_forum === true ? fc.option(fc.integer({ min: 2, max: 1_000_000 }), { nil: undefined, freq: 4 }) : fc.constant(undefined),
  }),
);
const placeFields = (p: { chat: Json; sender: Json; topic: number | undefined }): Json => ({
  chat: p.chat,
  ...p.sender,
  ...(p.topic !== undefined ? { message_thread_id: p.topic, is_topic_message: true } : {}),
});

/** Group chatter: no command, no mention of the bot, not a reply to the bot. The bot must stay silent. */
const groupChatterCase: fc.Arbitrary<Case> = fc
  .record({ place: groupPlaceArb, id: messageIdArb, date: dateArb, text: chatterText, caption: fc.boolean(), media: captionMediaArb, extras: extrasArb, silentContent: fc.option(silentContentArb, { freq: 5 }) })
  .chain((r) =>
    fc
      .option(fc.constantFrom('@other_user', '@referendum_test_bot_fan', 'mail@referendum_test_bot.kz', '@referendum_test_botx', '/ask@other_bot'), { freq: 3 })
      .map((decoy) => (decoy ? `${r.text} ${decoy}` : r.text))
      .chain((text) =>
        fc.tuple(fc.constant(text), randomEntities(text).map((es) => es.filter((e) => !(e.type === 'mention' && text.slice(e.offset as number, (e.offset as number) + (e.length as number)).toLowerCase() === `@${BOT}`))), fc.option(otherMessageIn(r.place.chat), { freq: 3 })),
      )
      .map(([text, entities, replyTo]): Case => {
      const content = r.silentContent ?? withText(r.caption, text, entities, r.media);
      const message: Json = { message_id: r.id, date: r.date, ...placeFields(r.place), ...r.extras, ...(replyTo ? { reply_to_message: replyTo } : {}), ...content };
      delete message.via_bot; // a message sent via the bot may quote its answer; not chatter in the strict sense
      return { label: 'group chatter', update: { message }, expect: 'silent' };
      }),
  );

/** Group messages addressed to the bot: /ask, /ask@bot, a mention (with or without an entity), or a reply to the bot. */
const groupAddressedCase: fc.Arbitrary<Case> = fc
  .record({
    place: groupPlaceArb,
    id: messageIdArb,
    date: dateArb,
    how: fc.constantFrom('ask', 'ask@bot', 'ASK@BOT-username-case', 'mention-first', 'mention-last', 'mention-no-entity', 'reply'),
    question: fc.oneof(plainText, noisyQuestion, fc.constantFrom('', ' ', '\u200b')),
    extras: extrasArb,
    caption: fc.boolean(),
    media: captionMediaArb,
  })
  .chain((r) =>
    botMessageIn(r.place.chat).map((botMessage): Case => {
      const q = r.question.replace(/^\s*\/+/, '');
      let text: string;
      let entities: Json[];
      let asCaption = false;
      switch (r.how) {
        case 'ask':
          text = `/ask ${q}`;
          entities = [{ type: 'bot_command', offset: 0, length: 4 }];
          break;
        case 'ask@bot':
          text = `/ask@${BOT} ${q}`;
          entities = [{ type: 'bot_command', offset: 0, length: BOT.length + 5 }];
          break;
        case 'ASK@BOT-username-case':
          text = `/ask@${BOT.toUpperCase()}\n${q}`;
          entities = [{ type: 'bot_command', offset: 0, length: BOT.length + 5 }];
          break;
        case 'mention-first':
          text = `@${BOT} ${q}`;
          entities = [{ type: 'mention', offset: 0, length: BOT.length + 1 }];
          asCaption = r.caption;
          break;
        case 'mention-last':
          text = `${q.length > 0 ? q : 'hey'} @${BOT}`;
          entities = [{ type: 'mention', offset: text.length - BOT.length - 1, length: BOT.length + 1 }];
          asCaption = r.caption;
          break;
        case 'mention-no-entity':
          text = `${q.length > 0 ? q : 'hey'}\n@${BOT.replace('test', 'TEST')} ?`;
          entities = [];
          asCaption = r.caption;
          break;
        default:
          text = q.length > 0 ? q : '?';
          entities = [];
          asCaption = r.caption;
      }
      const content = withText(asCaption, text, entities, r.media);
      const message: Json = { message_id: r.id, date: r.date, ...placeFields(r.place), ...r.extras, ...(r.how === 'reply' ? { reply_to_message: botMessage } : {}), ...content };
      delete message.via_bot;
      delete message.forward_origin; // a forwarded /ask is someone else's old question; not part of this oracle
      return { label: `group ${r.how}${asCaption ? ' (caption)' : ''}`, update: { message }, expect: 'one-message' };
    }),
  );

/** Other commands in groups: ours (answered once) or another bot's (ignored); never more than one message. */
const groupCommandCase: fc.Arbitrary<Case> = fc
  .record({ place: groupPlaceArb, id: messageIdArb, date: dateArb, command: fc.constantFrom('/start', '/help', '/sources', `/start@${BOT}`, `/help@${BOT}`, '/ask@other_bot', '/start@other_bot', '/unknown', '/ask_me', '/'), rest: fc.oneof(fc.constant(''), plainText.map((t) => ` ${t}`)) })
  .map((r): Case => {
    const text = `${r.command}${r.rest}`;
    const message: Json = { message_id: r.id, date: r.date, ...placeFields(r.place), text, entities: realEntities(text) };
    const foreign = /@other_bot/.test(r.command) || r.command === '/unknown' || r.command === '/ask_me' || r.command === '/';
    return { label: `group ${r.command}`, update: { message }, expect: foreign ? 'silent' : 'one-message' };
  });

/** Channel posts: /ask with a question gets exactly one reply; posts that neither ask nor mention the bot get none. */
const channelPostCase: fc.Arbitrary<Case> = fc
  .record({ chat: channelChatArb, id: messageIdArb, date: dateArb, how: fc.constantFrom('ask', 'ask@bot', 'mention', 'plain', 'plain', 'ask@other'), question: fc.oneof(plainText, noisyQuestion), caption: fc.boolean(), media: captionMediaArb, signature: fc.option(nameArb, { nil: undefined }) })
  .chain((r) =>
    randomEntities(r.question).map((noise): Case => {
      const q = r.question;
      const chatter = !q.toLowerCase().includes(`@${BOT}`);
      const text = r.how === 'ask' ? `/ask ${q}` : r.how === 'ask@bot' ? `/ask@${BOT} ${q}` : r.how === 'ask@other' ? `/ask@other_bot ${q}` : r.how === 'mention' ? `@${BOT} ${q}` : q;
      const entities = r.how === 'plain' ? noise : realEntities(text);
      const message: Json = { message_id: r.id, date: r.date, chat: r.chat, sender_chat: r.chat, ...(r.signature ? { author_signature: r.signature } : {}), ...withText(r.caption, text, entities, r.media) };
      const hasQuestion = q.replace(new RegExp(`@${BOT}`, 'gi'), '').trim().length > 0;
      const expectation: Expectation = r.how === 'plain' || r.how === 'ask@other' ? (chatter ? 'silent' : 'at-most-one-message') : hasQuestion ? 'one-message' : 'at-most-one-message';
      return { label: `channel ${r.how}${r.caption ? ' (caption)' : ''}`, update: { channel_post: message }, expect: expectation };
    }),
  );

/**
 * Edits: an edited question (private, or addressed to the bot in a group) gets at most one answer, new or edited in
 * place; edited chatter and edited channel posts are ignored.
 */
const editedCase: fc.Arbitrary<Case> = fc.oneof(privateMessageCase, groupAddressedCase, groupChatterCase, channelPostCase).chain((c) =>
  dateArb.map((editDate): Case => {
    const [key] = Object.keys(c.update);
    const message = { ...(c.update[key ?? ''] as Json), edit_date: editDate };
    const question = c.expect !== 'silent' && key === 'message';
    return { label: `edited ${c.label}`, update: key === 'channel_post' ? { edited_channel_post: message } : { edited_message: message }, expect: question ? 'at-most-one-answer' : 'silent' };
  }),
);

const inlineOffsetArb = fc.oneof(fc.constant(''), fc.nat({ max: 2000 }).map(String), fc.constantFrom('10', '40', '50', '-1', '1e3', '0x10', ' 10', '10 ', '99999999999999999999', 'NaN', 'null', '１０'), fc.string({ unit: 'binary', maxLength: 64 }));
const inlineQueryCase: fc.Arbitrary<Case> = fc
  .record(
    {
      id: fc.stringMatching(/^[0-9]{10,20}$/),
      from: userArb,
      query: fc.oneof({ weight: 4, arbitrary: anyText.map((t) => t.slice(0, 256)) }, { weight: 1, arbitrary: anyText }, { weight: 2, arbitrary: noisyQuestion }),
      offset: inlineOffsetArb,
      chat_type: fc.constantFrom('sender', 'private', 'group', 'supergroup', 'channel'),
      location: fc.constant({ latitude: 43.2389, longitude: 76.8897 }),
    },
    { requiredKeys: ['id', 'from', 'query', 'offset'] },
  )
  .map((q): Case => ({ label: 'inline query', update: { inline_query: q }, expect: 'inline' }));

const callbackDataArb = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('more:0', 'more:1', 'more:2', 'more:3', 'more:4', 'more:5', 'more:9', 'more:99', 'more:', 'more:-1', 'more:01', 'more:1 ', 'MORE:1', 'more:100', 'more:1\n', 'more:١') },
  { weight: 2, arbitrary: fc.nat({ max: 1000 }).map((n) => `more:${n}`) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 64 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 64 }) },
);
/** The message a button was under: a bot answer replying to a question, an inaccessible message, or nothing (inline). */
const callbackMessageArb = fc.oneof(groupChatArb, supergroupChatArb, channelChatArb, userArb.map(privateChatOf)).chain((chat) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.record({ id: messageIdArb, page: fc.nat({ max: 6 }), total: fc.nat({ max: 6 }), question: fc.oneof(messageText, noisyQuestion, fc.constantFrom(...ANSWERABLE.map(([q]) => `/ask@${BOT} ${q}`))), asCaption: fc.boolean(), qid: messageIdArb }).map(({ id, page, total, question, asCaption, qid }) => ({
      message_id: id,
      date: 1_700_000_000,
      chat,
      ...(chat.type === 'channel' ? { sender_chat: chat } : { from: BOT_USER }),
      text: `Answer ${page} of ${total}\n“quoted” 📄 Source`,
      reply_to_message: { message_id: qid, date: 1_700_000_000, chat, ...(asCaption ? { photo: photoSizes, caption: question } : { text: question }) },
    })) },
    { weight: 1, arbitrary: fc.constant({ message_id: 3, date: 0, chat }) },
    { weight: 1, arbitrary: botMessageIn(chat) },
    { weight: 1, arbitrary: fc.record({ message_id: messageIdArb, date: dateArb, chat: fc.constant(chat), from: fc.constant(BOT_USER), text: anyText, reply_to_message: fc.record({ message_id: messageIdArb, date: dateArb, chat: fc.constant(chat), sticker: fc.constant(sticker) }) }) },
  ),
);
const callbackQueryCase: fc.Arbitrary<Case> = fc
  .record({ id: fc.stringMatching(/^[0-9]{12,20}$/), from: userArb, data: callbackDataArb, message: fc.option(callbackMessageArb, { freq: 6 }), inline: fc.option(fc.base64String({ minLength: 4, maxLength: 40 }), { freq: 4 }), game: fc.boolean() })
  .map((r): Case => {
    const q: Json = { id: r.id, from: r.from, chat_instance: '-7919' };
    if (r.message) q.message = r.message;
    if (r.inline || !r.message) q.inline_message_id = r.inline ?? 'AgAAAABBBB';
    if (r.game) q.game_short_name = 'quiz';
    else q.data = r.data;
    return { label: 'callback query', update: { callback_query: q }, expect: 'callback' };
  });

const jsonish = fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 6 });
const unknownUpdateCase: fc.Arbitrary<Case> = fc.oneof(
  fc.record({ key: fc.constantFrom('some_future_type', 'guest_message', 'managed_bot', 'stopped_message_generation', 'x'), payload: jsonish }),
  fc.record({ key: fc.constantFrom('my_chat_member', 'chat_member'), payload: fc.record({ chat: fc.oneof(groupChatArb, supergroupChatArb, channelChatArb), from: userArb, date: dateArb, old_chat_member: fc.constant({ status: 'left', user: BOT_USER }), new_chat_member: fc.constant({ status: 'member', user: BOT_USER }) }) }),
  fc.record({ key: fc.constant('chat_join_request'), payload: fc.record({ chat: supergroupChatArb, from: userArb, user_chat_id: fc.nat(), date: dateArb }) }),
  fc.record({ key: fc.constant('poll_answer'), payload: fc.record({ poll_id: fc.string(), user: userArb, option_ids: fc.array(fc.nat({ max: 3 })) }) }),
  fc.record({ key: fc.constant('message_reaction'), payload: fc.record({ chat: groupChatArb, message_id: messageIdArb, user: userArb, date: dateArb, old_reaction: fc.constant([]), new_reaction: fc.constant([{ type: 'emoji', emoji: '👍' }]) }) }),
  fc.record({ key: fc.constant('chosen_inline_result'), payload: fc.record({ result_id: fc.string(), from: userArb, query: anyText }) }),
  fc.record({ key: fc.constantFrom('business_message', 'edited_business_message'), payload: userArb.chain((u) => fc.record({ message_id: messageIdArb, date: dateArb, chat: fc.constant(privateChatOf(u)), from: fc.constant(u), business_connection_id: fc.constant('bc1'), text: messageText })) }),
  fc.record({ key: fc.constant('edited_channel_post'), payload: channelChatArb.chain((chat) => fc.record({ message_id: messageIdArb, date: dateArb, edit_date: dateArb, chat: fc.constant(chat), sender_chat: fc.constant(chat), text: fc.constant('/ask How many polling places were there?') })) }),
).map((r): Case => ({ label: `unknown/unhandled ${r.key}`, update: { [r.key]: r.payload }, expect: 'silent' }));

/** Anything message-shaped, with random chats, senders, content and entities: only the invariants apply. */
const randomMessageCase: fc.Arbitrary<Case> = fc
  .record({
    chat: fc.oneof(userArb.map(privateChatOf), groupChatArb, supergroupChatArb, channelChatArb),
    from: fc.option(fc.oneof(userArb, otherBotArb, fc.constant(ANONYMOUS_ADMIN)), { nil: undefined }),
    id: messageIdArb,
    date: dateArb,
    text: messageText,
    caption: fc.boolean(),
    media: captionMediaArb,
    extras: extrasArb,
    topic: fc.option(fc.integer({ min: 1, max: 99 }), { nil: undefined }),
    asChannelPost: fc.boolean(),
  })
  .chain((r) =>
    fc.tuple(randomEntities(r.text, { allowLeadingCommand: true }), fc.option(fc.oneof(botMessageIn(r.chat), otherMessageIn(r.chat)), { nil: undefined })).map(([entities, replyTo]): Case => {
      // Telegram always fills `from` outside channels; in groups the fuzzer still leaves it out sometimes (anonymous admins).
      const from = r.from ?? (r.chat.type === 'private' ? { id: r.chat.id, is_bot: false, first_name: 'A' } : undefined);
      const message: Json = { message_id: r.id, date: r.date, chat: r.chat, ...(from ? { from } : {}), ...r.extras, ...(replyTo ? { reply_to_message: replyTo } : {}), ...withText(r.caption, r.text, entities, r.media) };
      if (r.topic !== undefined && r.chat.type === 'supergroup') Object.assign(message, { message_thread_id: r.topic, is_topic_message: true });
      const key = r.chat.type === 'channel' && r.asChannelPost ? 'channel_post' : 'message';
      return { label: `random ${key} in ${String(r.chat.type)}`, update: { [key]: message }, expect: 'at-most-one-message' };
    }),
  );

/** A question in a photo caption, in every place the bot answers: it must be answered with the cited excerpt. */
const captionQuestionCase = (how: 'private' | 'private /ask' | 'group mention' | 'group /ask' | 'channel /ask'): fc.Arbitrary<Case> =>
  fc
    .record({ qa: fc.constantFrom(...ANSWERABLE), user: userArb, group: fc.oneof(groupChatArb, supergroupChatArb), channel: channelChatArb, id: messageIdArb, date: dateArb, media: captionMediaArb, noise: fc.constantFrom('', ' 🗳️', '\u200b', ' ?') })
    .map(({ qa: [question, answer], user, group, channel, id, date, media, noise }): Case => {
      const q = `${question}${noise}`;
      const caption = how === 'private' ? q : how === 'group mention' ? `@${BOT} ${q}` : `/ask ${q}`;
      const entity = how === 'private' ? [] : how === 'group mention' ? [{ type: 'mention', offset: 0, length: BOT.length + 1 }] : [{ type: 'bot_command', offset: 0, length: 4 }];
      const chat = how.startsWith('private') ? privateChatOf(user) : how.startsWith('group') ? group : channel;
      const sender = how.startsWith('channel') ? { sender_chat: chat } : { from: user };
      const message: Json = { message_id: id, date, chat, ...sender, ...media, caption, ...(entity.length > 0 ? { caption_entities: entity } : {}) };
      return { label: `caption question (${how})`, update: how.startsWith('channel') ? { channel_post: message } : { message }, expect: 'one-message', answerContains: answer };
    });

// ───────────────────────────── the tests ─────────────────────────────

const unhandledRejections: unknown[] = [];
const onUnhandledRejection = (reason: unknown) => unhandledRejections.push(reason);
let t: ReturnType<typeof instrumentedBot>;
let handled = 0;

beforeAll(() => {
  process.on('unhandledRejection', onUnhandledRejection);
  t = instrumentedBot();
});
afterAll(() => {
  process.off('unhandledRejection', onUnhandledRejection);
  console.log(`fuzz: ${handled} generated updates handled (seed ${SEED})`);
});

async function property(arb: fc.Arbitrary<Case>, numRuns: number): Promise<void> {
  await fc.assert(
    fc.asyncProperty(arb, async (c) => {
      const outcome = await t.run(c.update);
      handled += 1;
      checkInvariants(c, outcome);
      expect(unhandledRejections, 'unhandled rejection').toEqual([]);
    }),
    params(numRuns),
  );
}

describe('fuzzing the bot with generated updates', () => {
  it('self-check: a request that fails validation inside handleUpdate, and a failing handler, are both caught', async () => {
    // A retriever that returns an over-long excerpt makes the bot send a message validateRequest refuses (> 4096 chars):
    // the throw happens inside the harness transformer, the bot's error boundary swallows it and apologises.
    const source = { id: 'x', title: 'T', publisher: 'P', date: '2022', language: 'en' };
    const overlong = { search: () => [{ excerpt: 'y'.repeat(5000), highlight: { start: 0, end: 10 }, source, score: 1 }], documents: [source], passageCount: 1, isSmallTalk: () => false };
    const probe = instrumentedBot({ retriever: overlong });
    const user = { id: 5, is_bot: false, first_name: 'A' };
    const outcome = await probe.run({ message: { message_id: 1, date: 1, chat: { id: 5, type: 'private', first_name: 'A' }, from: user, text: 'question?' } });
    expect(outcome.thrown).toBeUndefined();
    expect(outcome.rejectedRequests).toEqual([expect.stringMatching(/^sendMessage: sendMessage: text length 50\d\d$/)]);
    expect(outcome.handlerErrors.join()).toContain('text length');
    expect(() => checkInvariants({ label: 'probe', update: { message: { chat: { id: 5 } } }, expect: 'one-message' }, outcome)).toThrow();

    const failing = instrumentedBot({ failWith: (call) => (call.method === 'answerInlineQuery' ? new Error('injected failure') : undefined) });
    const inline = await failing.run({ inline_query: { id: '1', from: user, query: 'referendum', offset: '' } });
    expect(inline.handlerErrors.join()).toContain('injected failure');
    expect(() => checkInvariants({ label: 'probe', update: { inline_query: { id: '1' } }, expect: 'inline' }, inline)).toThrow();
  });

  it('private chats: any text, caption or command (Unicode, 4096+ chars, control/zero-width/RTL, HTML/Markdown, emoji, bad entities, forwards) gets exactly one valid reply; other content none', async () => {
    await property(fc.oneof({ weight: 4, arbitrary: privateMessageCase }, { weight: 1, arbitrary: privateCommandCase }), 500);
  });

  it('groups and supergroups: chatter that neither mentions the bot, replies to it nor uses /ask gets no request at all', async () => {
    await property(groupChatterCase, 450);
  });

  it('groups: /ask, /ask@bot, mentions and replies to the bot (also from anonymous admins, in forum topics) get exactly one reply in the same topic', async () => {
    await property(groupAddressedCase, 450);
  });

  it('groups: other commands get at most one reply, other bots’ commands none', async () => {
    await property(groupCommandCase, 120);
  });

  it('channel posts: /ask gets exactly one reply, other posts none', async () => {
    await property(channelPostCase, 200);
  });

  it('edited questions get at most one answer; edited chatter, stickers and other non-text content, and unknown or unhandled update types are ignored quietly', async () => {
    await property(fc.oneof(editedCase, unknownUpdateCase), 300);
  });

  it('inline queries with random text and offsets get exactly one valid answerInlineQuery', async () => {
    await property(inlineQueryCase, 250);
  });

  it('callback queries with random data get exactly one answerCallbackQuery', async () => {
    await property(callbackQueryCase, 300);
  });

  it('callback queries whose edit Telegram refuses (message deleted, too old, bot kicked) still get exactly one answerCallbackQuery', async () => {
    const refusal = fc.constantFrom(
      { code: 400, description: 'Bad Request: message to edit not found' },
      { code: 400, description: "Bad Request: message can't be edited" },
      { code: 403, description: 'Forbidden: bot was kicked from the supergroup chat' },
      { code: 400, description: 'Bad Request: MESSAGE_ID_INVALID' },
    );
    const pressMore = fc.record({ chat: fc.oneof(groupChatArb, supergroupChatArb, userArb.map(privateChatOf)), from: userArb, qa: fc.constantFrom(...ANSWERABLE), id: messageIdArb, page: fc.integer({ min: 1, max: 4 }), refusal });
    await fc.assert(
      fc.asyncProperty(pressMore, async ({ chat, from, qa: [question], id, page, refusal: { code, description } }) => {
        const refusing = instrumentedBot({ failWith: (call) => (call.method === 'editMessageText' ? new GrammyError(`Call to 'editMessageText' failed!`, { ok: false, error_code: code, description }, 'editMessageText', call.payload) : undefined) });
        const message = { message_id: id, date: 1_700_000_000, chat, from: BOT_USER, text: 'Answer 1 of 5\n…', reply_to_message: { message_id: id - 1 || 1, date: 1_700_000_000, chat, from, text: question } };
        const c: Case = { label: `more:${page} with the edit refused (${description})`, update: { callback_query: { id: `${id}`, from, chat_instance: '1', message, data: `more:${page}` } }, expect: 'callback' };
        const outcome = await refusing.run(c.update);
        handled += 1;
        expect(outcome.thrown, describeCase(c)).toBeUndefined();
        const answers = outcome.calls.filter((x) => x.method === 'answerCallbackQuery');
        expect(answers.map((a) => a.payload.text ?? '(no text)'), `answerCallbackQuery calls for ${describeCase(c)}`).toHaveLength(1);
      }),
      params(60),
    );
  });

  it('random message-shaped updates in any chat (random senders, entities out of range, missing fields) never break the invariants', async () => {
    await property(randomMessageCase, 400);
  });

  it('a photo caption that is a question is answered: in private, with a mention in a group, with /ask in a channel', async () => {
    await property(fc.oneof(captionQuestionCase('private'), captionQuestionCase('group mention'), captionQuestionCase('channel /ask')), 60);
  });

  it('a photo caption that is a question is answered: "/ask <question>" as the caption in a private chat', async () => {
    await property(captionQuestionCase('private /ask'), 30);
  });

  it('a photo caption that is a question is answered: "/ask <question>" as the caption in a group', async () => {
    await property(captionQuestionCase('group /ask'), 30);
  });

  it('still answers a normal question afterwards, with no unhandled rejection during the run', async () => {
    const outcome = await t.run({ message: { message_id: 1, date: 1_700_000_000, chat: { id: 1001, type: 'private', first_name: 'A' }, from: { id: 1001, is_bot: false, first_name: 'A' }, text: 'How many polling places were there?' } });
    checkInvariants({ label: 'final question', update: {}, expect: 'one-message' }, outcome);
    expect(String(sends(outcome)[0]?.payload.text)).toContain('10,012');
    const group = await t.run({ message: { message_id: 2, date: 1_700_000_000, chat: { id: -4001, type: 'group', title: 'G' }, from: { id: 1001, is_bot: false, first_name: 'A' }, text: '/ask How many polling places were there?', entities: [{ type: 'bot_command', offset: 0, length: 4 }] } });
    expect(String(sends(group)[0]?.payload.text)).toContain('10,012');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(unhandledRejections).toEqual([]);
    expect(handled).toBeGreaterThanOrEqual(2000);
  });
});
