/**
 * A strict fake of the Telegram Bot API for end-to-end tests of a grammY bot.
 *
 * It listens on 127.0.0.1 (random port), answers like the real Bot API
 * (`{ ok: true, result }` / `{ ok: false, error_code, description, parameters? }`
 * with the real HTTP status codes), records every request, and validates
 * the parameters of the methods a bot typically uses much more strictly than
 * a hand-written mock would: HTML parse mode, entities, text length in UTF-16
 * code units, inline keyboards, inline query answers, callback answers,
 * replies, edits ("message is not modified"), webhooks and long polling.
 *
 * Usage:
 *   const tg = await FakeTelegram.start();
 *   const bot = new Bot(tg.token, { client: { apiRoot: tg.apiRoot } });
 *   tg.pushUpdate(update);  // delivered via getUpdates or to the webhook
 *   await tg.waitFor((calls) => calls.some((c) => c.method === 'sendMessage' && c.ok));
 *   expect(tg.rejected()).toEqual([]);
 *   await tg.close();
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Update as TelegramUpdate } from 'grammy/types';

// ───────────────────────────── public types ─────────────────────────────

export interface FakeTelegramOptions {
  /** default '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghi' */
  token?: string;
  /** default 'referendum_test_bot' */
  botUsername?: string;
  /** default: the numeric prefix of the token */
  botId?: number;
  /** default 'Referendum Test Bot' */
  botFirstName?: string;
  /** Respond 429 to sendMessage/editMessageText calls that exceed the flood limits (see floodViolations). */
  enforceFloodLimits?: boolean;
  /** How long an inline query can be answered after it was pushed. Default 10 000 ms (like Telegram). */
  inlineQueryTtlMs?: number;
  /** How long a callback query can be answered after it was pushed. Default 15 000 ms (like Telegram). */
  callbackQueryTtlMs?: number;
  /** Extra webhook delivery attempts after a non-2xx / network error. Default 2. */
  webhookRetries?: number;
  /** Delay between webhook delivery attempts. Default 50 ms. */
  webhookRetryDelayMs?: number;
  /** Timeout of one webhook POST. Default 10 000 ms. */
  webhookTimeoutMs?: number;
}

export interface RecordedCall {
  method: string;
  params: Record<string, unknown>;
  /** Date.now() when the request arrived */
  at: number;
  ok: boolean;
  error?: { error_code: number; description: string };
  /** the `result` returned to the bot (when ok) */
  result?: unknown;
  /** true when the response was a deliberately injected fault (see injectFault) */
  injected?: boolean;
  /** true while the request is still being processed (a held long poll) */
  pending?: boolean;
  /** true when the client went away before the answer (e.g. an aborted long poll) */
  aborted?: boolean;
  /** 'webhook-reply' when the call came from the body of a webhook response */
  via?: 'http' | 'webhook-reply';
}

export interface WebhookDelivery {
  update_id: number;
  /** HTTP status of the bot's response; 0 when the request failed (network error / timeout) */
  status: number;
  /** 1 for the first attempt, 2 for the first retry, ... */
  attempt: number;
  at: number;
  error?: string;
}

export type ChatType = 'private' | 'group' | 'supergroup' | 'channel';
export type ChatAccess = 'member' | 'left' | 'kicked' | 'blocked';

export interface FaultSpec {
  error_code: number;
  description: string;
  retry_after?: number;
}

// ───────────────────────────── internals ─────────────────────────────

type Params = Record<string, unknown>;
type Json = Record<string, unknown>;

interface Entity {
  type: string;
  offset: number;
  length: number;
  url?: string;
  language?: string;
  custom_emoji_id?: string;
  user?: Json;
  unix_time?: number;
  date_time_format?: string;
}

interface StoredMessage {
  messageId: number;
  fromBot: boolean;
  text?: string;
  entities?: Entity[];
  replyMarkup?: Json;
  message: Json;
}

interface ChatState {
  chat: Json & { id: number; type: ChatType };
  access: ChatAccess;
  messages: Map<number, StoredMessage>;
  maxMessageId: number;
}

interface QueryState {
  at: number;
  answered: boolean;
}

interface WebhookState {
  url: string;
  secret_token?: string;
  allowed_updates?: string[];
  max_connections: number;
  last_error_date?: number;
  last_error_message?: string;
}

interface Poller {
  call: RecordedCall;
  wake: () => void;
  terminate: (error: ApiError) => void;
}

interface DispatchContext {
  onClose: (cb: () => void) => void;
  isClosed: () => boolean;
  call: RecordedCall;
}

type Update = Json & { update_id: number };

class ApiError extends Error {
  constructor(
    readonly errorCode: number,
    readonly description: string,
    readonly parameters?: Json,
  ) {
    super(description);
  }
}

const badRequest = (description: string): ApiError => new ApiError(400, `Bad Request: ${description}`);
const entityError = (description: string): ApiError => badRequest(`can't parse entities: ${description}`);

const QUERY_EXPIRED = 'query is too old and response timeout expired or query ID is invalid';
const NOT_MODIFIED =
  'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message';
const WEBHOOK_CONFLICT =
  "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first";
/** How long a long poll superseded by a newer one has to show it was abandoned before it gets its 409. */
const TERMINATE_GRACE_MS = 100;
const POLL_CONFLICT =
  'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running';

/** Every Bot API method name (from @grammyjs/types 5, plus a few deprecated aliases that still work). */
const BOT_API_METHODS = `addStickerToSet answerCallbackQuery answerChatJoinRequestQuery answerGuestQuery answerInlineQuery
answerPreCheckoutQuery answerShippingQuery answerWebAppQuery approveChatJoinRequest approveSuggestedPost banChatMember
banChatSenderChat close closeForumTopic closeGeneralForumTopic convertGiftToStars copyMessage copyMessages
createChatInviteLink createChatSubscriptionInviteLink createForumTopic createInvoiceLink createNewStickerSet
declineChatJoinRequest declineSuggestedPost deleteAllMessageReactions deleteBusinessMessages deleteChatPhoto
deleteChatStickerSet deleteEphemeralMessage deleteForumTopic deleteMessage deleteMessageReaction deleteMessages
deleteMyCommands deleteStickerFromSet deleteStickerSet deleteStory deleteWebhook editChatInviteLink
editChatSubscriptionInviteLink editEphemeralMessageCaption editEphemeralMessageMedia editEphemeralMessageReplyMarkup
editEphemeralMessageText editForumTopic editGeneralForumTopic editMessageCaption editMessageChecklist
editMessageLiveLocation editMessageMedia editMessageReplyMarkup editMessageText editStory editUserStarSubscription
exportChatInviteLink forwardMessage forwardMessages getAvailableGifts getBusinessAccountGifts
getBusinessAccountStarBalance getBusinessConnection getChat getChatAdministrators getChatGifts getChatMember
getChatMemberCount getChatMenuButton getCustomEmojiStickers getFile getForumTopicIconStickers getGameHighScores
getManagedBotAccessSettings getManagedBotToken getMe getMyCommands getMyDefaultAdministratorRights getMyDescription
getMyName getMyShortDescription getMyStarBalance getStarTransactions getStickerSet getUpdates getUserChatBoosts
getUserGifts getUserPersonalChatMessages getUserProfileAudios getUserProfilePhotos getWebhookInfo
giftPremiumSubscription hideGeneralForumTopic leaveChat logOut pinChatMessage postStory promoteChatMember
readBusinessMessage refundStarPayment removeBusinessAccountProfilePhoto removeChatVerification removeMyProfilePhoto
removeUserVerification reopenForumTopic reopenGeneralForumTopic replaceManagedBotToken replaceStickerInSet repostStory
restrictChatMember revokeChatInviteLink savePreparedInlineMessage savePreparedKeyboardButton sendAnimation sendAudio
sendChatAction sendChatJoinRequestWebApp sendChecklist sendContact sendDice sendDocument sendGame sendGift sendInvoice
sendLivePhoto sendLocation sendMediaGroup sendMessage sendMessageDraft sendPaidMedia sendPhoto sendPoll
sendRichMessage sendRichMessageDraft sendSticker sendVenue sendVideo sendVideoNote sendVoice setBusinessAccountBio
setBusinessAccountGiftSettings setBusinessAccountName setBusinessAccountProfilePhoto setBusinessAccountUsername
setChatAdministratorCustomTitle setChatDescription setChatMemberTag setChatMenuButton setChatPermissions setChatPhoto
setChatStickerSet setChatTitle setCustomEmojiStickerSetThumbnail setGameScore setManagedBotAccessSettings
setMessageReaction setMyCommands setMyDefaultAdministratorRights setMyDescription setMyName setMyProfilePhoto
setMyShortDescription setPassportDataErrors setStickerEmojiList setStickerKeywords setStickerMaskPosition
setStickerPositionInSet setStickerSetThumbnail setStickerSetTitle setUserEmojiStatus setWebhook
stopMessageLiveLocation stopPoll transferBusinessAccountStars transferGift unbanChatMember unbanChatSenderChat
unhideGeneralForumTopic unpinAllChatMessages unpinAllForumTopicMessages unpinAllGeneralForumTopicMessages
unpinChatMessage upgradeGift uploadStickerFile verifyChat verifyUser kickChatMember getChatMembersCount`
  .split(/\s+/)
  .filter(Boolean);

const METHOD_BY_LOWER = new Map(BOT_API_METHODS.map((m) => [m.toLowerCase(), m]));

const canonicalMethod = (name: string): string | undefined => METHOD_BY_LOWER.get(name.toLowerCase());

const DEFAULT_UPDATE_TYPES = [
  'message',
  'edited_message',
  'channel_post',
  'edited_channel_post',
  'business_connection',
  'business_message',
  'edited_business_message',
  'deleted_business_messages',
  'guest_message',
  'stopped_message_generation',
  'inline_query',
  'chosen_inline_result',
  'callback_query',
  'shipping_query',
  'pre_checkout_query',
  'purchased_paid_media',
  'poll',
  'poll_answer',
  'my_chat_member',
  'managed_bot',
  'chat_join_request',
  'chat_boost',
  'removed_chat_boost',
  'subscription',
];
const ALL_UPDATE_TYPES = new Set([...DEFAULT_UPDATE_TYPES, 'chat_member', 'message_reaction', 'message_reaction_count']);

const ENTITY_TYPES = new Set([
  'mention',
  'hashtag',
  'cashtag',
  'bot_command',
  'url',
  'email',
  'phone_number',
  'bold',
  'italic',
  'underline',
  'strikethrough',
  'spoiler',
  'blockquote',
  'expandable_blockquote',
  'code',
  'pre',
  'text_link',
  'text_mention',
  'custom_emoji',
  'date_time',
]);

const INLINE_BUTTON_ACTIONS = [
  'url',
  'callback_data',
  'web_app',
  'login_url',
  'switch_inline_query',
  'switch_inline_query_current_chat',
  'switch_inline_query_chosen_chat',
  'copy_text',
  'callback_game',
  'pay',
  'disabled',
] as const;

const KEYBOARD_BUTTON_ACTIONS = [
  'request_users',
  'request_chat',
  'request_contact',
  'request_location',
  'request_poll',
  'request_managed_bot',
  'web_app',
] as const;

const CHAT_ACTIONS = new Set([
  'typing',
  'upload_photo',
  'record_video',
  'upload_video',
  'record_voice',
  'upload_voice',
  'upload_document',
  'choose_sticker',
  'find_location',
  'record_video_note',
  'upload_video_note',
]);

const INLINE_RESULT_TYPES = new Set([
  'article',
  'photo',
  'gif',
  'mpeg4_gif',
  'video',
  'audio',
  'voice',
  'document',
  'location',
  'venue',
  'contact',
  'game',
  'sticker',
]);

const COMMAND_SCOPE_TYPES = new Set([
  'default',
  'all_private_chats',
  'all_group_chats',
  'all_chat_administrators',
  'chat',
  'chat_administrators',
  'chat_member',
]);

/** Fields whose value is a JSON-serialized object/array when sent form- or query-encoded. */
const JSON_FIELDS = new Set([
  'reply_markup',
  'entities',
  'caption_entities',
  'results',
  'reply_parameters',
  'link_preview_options',
  'allowed_updates',
  'commands',
  'scope',
  'button',
  'media',
  'input_message_content',
  'permissions',
  'menu_button',
  'rights',
  'reaction',
  'message_ids',
  'options',
  'suggested_post_parameters',
  'checklist',
  'prices',
]);
const INT_FIELDS = new Set([
  'chat_id',
  'message_id',
  'message_thread_id',
  'direct_messages_topic_id',
  'reply_to_message_id',
  'from_chat_id',
  'user_id',
  'offset',
  'limit',
  'timeout',
  'cache_time',
  'max_connections',
  'until_date',
]);
const BOOL_FIELDS = new Set([
  'disable_notification',
  'protect_content',
  'allow_sending_without_reply',
  'allow_paid_broadcast',
  'disable_web_page_preview',
  'drop_pending_updates',
  'show_alert',
  'is_personal',
]);

const MAX_BODY_BYTES = 20 * 1024 * 1024;
const utf8Length = (s: string): number => Buffer.byteLength(s, 'utf8');
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function parseMaybeJson(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const t = v.trim();
  if (!(t.startsWith('{') || t.startsWith('['))) return v;
  try {
    return JSON.parse(t) as unknown;
  } catch {
    return v;
  }
}

function normalizeEncodedValue(key: string, value: string): unknown {
  if (INT_FIELDS.has(key) && /^-?\d+$/.test(value)) return Number(value);
  if (BOOL_FIELDS.has(key) && (value === 'true' || value === 'false')) return value === 'true';
  if (JSON_FIELDS.has(key)) return parseMaybeJson(value);
  return value;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}

function describe(v: unknown): string {
  try {
    const s = JSON.stringify(v);
    return s === undefined ? String(v) : s.length > 200 ? `${s.slice(0, 200)}…` : s;
  } catch {
    return String(v);
  }
}

// ─── parameter accessors (accept JSON values and their string encodings, like Telegram) ───

function optInt(p: Params, name: string): number | undefined {
  const v = p[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number' && Number.isSafeInteger(v)) return v;
  if (typeof v === 'string' && /^-?\d{1,16}$/.test(v.trim())) return Number(v.trim());
  throw badRequest(`parameter "${name}" must be an Integer, got ${describe(v)}`);
}

function optBool(p: Params, name: string): boolean | undefined {
  const v = p[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === '1' || v === 1) return true;
  if (v === 'false' || v === '0' || v === 0) return false;
  throw badRequest(`parameter "${name}" must be a Boolean, got ${describe(v)}`);
}

function optString(p: Params, name: string): string | undefined {
  const v = p[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  throw badRequest(`parameter "${name}" must be a String, got ${describe(v)}`);
}

function optObject(p: Params, name: string): Json | undefined {
  const v = parseMaybeJson(p[name]);
  if (v === undefined || v === null) return undefined;
  if (isObject(v)) return v;
  throw badRequest(`can't parse ${name} JSON object`);
}

function optArray(p: Params, name: string): unknown[] | undefined {
  const v = parseMaybeJson(p[name]);
  if (v === undefined || v === null) return undefined;
  if (Array.isArray(v)) return v;
  throw badRequest(`can't parse ${name} JSON array`);
}

// ─── URL checks ───

function isValidUrl(raw: unknown, protocols: readonly string[] = ['http:', 'https:', 'tg:']): boolean {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 2048 || /\s/.test(raw)) return false;
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return false;
  }
  if (!protocols.includes(u.protocol)) return false;
  if (u.protocol === 'http:' || u.protocol === 'https:') {
    // Telegram wants a real host name (with a top-level domain) or an IP address.
    return u.hostname.includes('.') || u.hostname.startsWith('[');
  }
  if (u.protocol === 'mailto:') return raw.length > 'mailto:'.length;
  return true;
}

// ─── formatted text: HTML parse mode and entity arrays ───

const HTML_TAG_ENTITY: Record<string, string> = {
  b: 'bold',
  strong: 'bold',
  i: 'italic',
  em: 'italic',
  u: 'underline',
  ins: 'underline',
  s: 'strikethrough',
  strike: 'strikethrough',
  del: 'strikethrough',
  span: 'spoiler',
  'tg-spoiler': 'spoiler',
  a: 'text_link',
  code: 'code',
  pre: 'pre',
  blockquote: 'blockquote',
  'tg-emoji': 'custom_emoji',
};

interface OpenTag {
  tag: string;
  start: number;
  byteOffset: number;
  entity: Entity | null;
}

function decodeEntityAt(src: string, i: number): { text: string; length: number } | null {
  const re = /&(?:(lt|gt|amp|quot)|#([0-9]{1,8})|#[xX]([0-9a-fA-F]{1,8}));/y;
  re.lastIndex = i;
  const m = re.exec(src);
  if (!m) return null;
  if (m[1] !== undefined) {
    const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };
    return { text: named[m[1]] ?? '', length: m[0].length };
  }
  const cp = m[2] !== undefined ? Number.parseInt(m[2], 10) : Number.parseInt(m[3] ?? '', 16);
  if (!(cp > 0 && cp <= 0x10ffff) || (cp >= 0xd800 && cp <= 0xdfff)) return null;
  return { text: String.fromCodePoint(cp), length: m[0].length };
}

function decodeAttribute(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; ) {
    if (value[i] === '&') {
      const d = decodeEntityAt(value, i);
      if (d) {
        out += d.text;
        i += d.length;
        continue;
      }
    }
    out += value[i];
    i++;
  }
  return out;
}

/** Strict parser for Telegram's HTML parse mode. Returns the plain text and the entities. */
export function parseTelegramHtml(src: string): { text: string; entities: Entity[] } {
  let out = '';
  const stack: OpenTag[] = [];
  const entities: Entity[] = [];
  const byteAt = (i: number): number => utf8Length(src.slice(0, i));
  const fail = (msg: string): never => {
    throw entityError(msg);
  };

  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (c === '<') {
      if (src[i + 1] === '/') {
        const end = src.indexOf('>', i);
        if (end < 0) fail(`Unclosed end tag at byte offset ${byteAt(i)}`);
        const name = src.slice(i + 2, end).trim().toLowerCase();
        const top = stack.pop();
        if (!top) return fail(`Unexpected end tag "${name}" at byte offset ${byteAt(i)}`);
        if (top.tag !== name) {
          fail(`Unmatched end tag at byte offset ${byteAt(i)}, expected "</${top.tag}>", found "</${name}>"`);
        }
        if (top.entity) {
          const length = out.length - top.start;
          if (length > 0) entities.push({ ...top.entity, offset: top.start, length });
        }
        i = end + 1;
        continue;
      }
      const nameRe = /<([a-zA-Z][a-zA-Z0-9-]*)/y;
      nameRe.lastIndex = i;
      const nm = nameRe.exec(src);
      if (!nm) {
        return fail(`unexpected "<" at byte offset ${byteAt(i)}: it must start a supported tag or be escaped as "&lt;"`);
      }
      const tag = (nm[1] as string).toLowerCase();
      if (!(tag in HTML_TAG_ENTITY)) fail(`Unsupported start tag "${tag}" at byte offset ${byteAt(i)}`);

      // attributes
      let j = i + nm[0].length;
      const attrs = new Map<string, string>();
      for (;;) {
        while (j < src.length && /\s/.test(src[j] as string)) j++;
        if (j >= src.length) fail(`Unclosed start tag "${tag}" at byte offset ${byteAt(i)}`);
        const ch = src[j] as string;
        if (ch === '>') {
          j++;
          break;
        }
        if (ch === '/') fail(`Unsupported self-closing tag "${tag}" at byte offset ${byteAt(i)}`);
        const attrRe = /[a-zA-Z_:][-a-zA-Z0-9_:.]*/y;
        attrRe.lastIndex = j;
        const am = attrRe.exec(src);
        if (!am) return fail(`Unexpected character "${ch}" in start tag "${tag}" at byte offset ${byteAt(j)}`);
        const attrName = am[0].toLowerCase();
        j += am[0].length;
        while (j < src.length && /\s/.test(src[j] as string)) j++;
        let value = '';
        if (src[j] === '=') {
          j++;
          while (j < src.length && /\s/.test(src[j] as string)) j++;
          const q = src[j];
          if (q === '"' || q === "'") {
            const close = src.indexOf(q, j + 1);
            if (close < 0) fail(`Unclosed start tag "${tag}" at byte offset ${byteAt(i)}`);
            value = decodeAttribute(src.slice(j + 1, close));
            j = close + 1;
          } else {
            const uvRe = /[^\s>"'=<`]+/y;
            uvRe.lastIndex = j;
            const um = uvRe.exec(src);
            if (!um) return fail(`Expected attribute value in start tag "${tag}" at byte offset ${byteAt(j)}`);
            value = decodeAttribute(um[0]);
            j += um[0].length;
          }
        }
        attrs.set(attrName, value);
      }

      const parent = stack[stack.length - 1];
      if (parent && parent.tag === 'code') fail(`Tag "${tag}" can't be nested inside "code" (byte offset ${byteAt(i)})`);
      if (parent && parent.tag === 'pre' && tag !== 'code') {
        fail(`Tag "${tag}" can't be nested inside "pre" (byte offset ${byteAt(i)})`);
      }
      if (tag === 'pre' && stack.length > 0 && stack.some((t) => t.tag === 'pre' || t.tag === 'code')) {
        fail(`Tag "pre" can't be nested inside "${parent?.tag ?? ''}" (byte offset ${byteAt(i)})`);
      }
      if (tag === 'blockquote' && stack.some((t) => t.tag === 'blockquote')) {
        fail(`Tag "blockquote" can't be nested inside another "blockquote" (byte offset ${byteAt(i)})`);
      }

      let entity: Entity | null = { type: HTML_TAG_ENTITY[tag] as string, offset: 0, length: 0 };
      if (tag === 'span' && attrs.get('class') !== 'tg-spoiler') {
        fail(`Tag "span" must have class "tg-spoiler" (byte offset ${byteAt(i)})`);
      }
      if (tag === 'a') {
        const href = attrs.get('href');
        if (href === undefined || href === '') return fail(`Tag "a" must have a non-empty "href" attribute (byte offset ${byteAt(i)})`);
        const mention = /^tg:\/\/user\?id=(\d+)$/.exec(href);
        if (mention) {
          entity = { type: 'text_mention', offset: 0, length: 0, user: { id: Number(mention[1]), is_bot: false, first_name: '' } };
        } else if (!isValidUrl(href, ['http:', 'https:', 'tg:', 'ftp:', 'mailto:', 'ton:'])) {
          fail(`Wrong URL "${href}" in tag "a" at byte offset ${byteAt(i)}`);
        } else {
          entity.url = href;
        }
      }
      if (tag === 'tg-emoji') {
        const id = attrs.get('emoji-id');
        if (!id || !/^\d+$/.test(id)) return fail(`Tag "tg-emoji" must have a numeric "emoji-id" attribute (byte offset ${byteAt(i)})`);
        entity.custom_emoji_id = id;
      }
      if (tag === 'blockquote' && attrs.has('expandable')) entity.type = 'expandable_blockquote';
      if (tag === 'code' && parent?.tag === 'pre') {
        // <pre><code class="language-xxx"> sets the language of the pre entity; no separate code entity.
        const cls = attrs.get('class');
        if (cls !== undefined && cls.startsWith('language-') && cls.length > 'language-'.length && parent.entity) {
          parent.entity.language = cls.slice('language-'.length);
        }
        entity = null;
      }
      stack.push({ tag, start: out.length, byteOffset: byteAt(i), entity });
      i = j;
      continue;
    }
    if (c === '&') {
      const d = decodeEntityAt(src, i);
      if (!d) {
        fail(
          `unsupported HTML entity or unescaped "&" at byte offset ${byteAt(i)}: only &lt; &gt; &amp; &quot; and numeric entities are allowed`,
        );
      } else {
        out += d.text;
        i += d.length;
        continue;
      }
    }
    out += c;
    i++;
  }
  const open = stack[stack.length - 1];
  if (open) fail(`Can't find end tag corresponding to start tag "${open.tag}"`);
  return { text: out, entities };
}

function sortEntities(entities: Entity[]): Entity[] {
  return [...entities].sort((a, b) => a.offset - b.offset || b.length - a.length);
}

function validateEntityArray(text: string, raw: unknown, field: string): Entity[] {
  const arr = parseMaybeJson(raw);
  if (!Array.isArray(arr)) throw entityError(`field "${field}" must be an Array of MessageEntity`);
  const len = text.length;
  const result: Entity[] = [];
  arr.forEach((e, k) => {
    if (!isObject(e)) throw entityError(`entity #${k} must be an Object`);
    const type = e.type;
    if (typeof type !== 'string' || !ENTITY_TYPES.has(type)) throw entityError(`entity #${k} has unsupported type ${describe(type)}`);
    const { offset, length } = e;
    if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0) {
      throw entityError(`entity #${k} (${type}) has invalid offset ${describe(offset)}`);
    }
    if (typeof length !== 'number' || !Number.isInteger(length) || length <= 0) {
      throw entityError(`entity #${k} (${type}) has invalid length ${describe(length)}`);
    }
    if (offset + length > len) {
      throw entityError(
        `entity #${k} (${type}) at offset ${offset} with length ${length} ends after the end of the text (${len} UTF-16 code units)`,
      );
    }
    const out: Entity = { type, offset, length };
    if (type === 'text_link') {
      if (!isValidUrl(e.url, ['http:', 'https:', 'tg:', 'ftp:', 'mailto:', 'ton:'])) {
        throw entityError(`entity #${k} (text_link) has invalid url ${describe(e.url)}`);
      }
      out.url = e.url as string;
    }
    if (type === 'text_mention') {
      if (!isObject(e.user) || typeof e.user.id !== 'number') throw entityError(`entity #${k} (text_mention) needs a user with an id`);
      out.user = e.user;
    }
    if (type === 'custom_emoji') {
      if (typeof e.custom_emoji_id !== 'string' || !/^\d+$/.test(e.custom_emoji_id)) {
        throw entityError(`entity #${k} (custom_emoji) needs a custom_emoji_id`);
      }
      out.custom_emoji_id = e.custom_emoji_id;
    }
    if (type === 'pre' && e.language !== undefined) {
      if (typeof e.language !== 'string') throw entityError(`entity #${k} (pre) has a non-string language`);
      out.language = e.language;
    }
    if (type === 'date_time') {
      if (typeof e.unix_time !== 'number' || !Number.isInteger(e.unix_time)) throw entityError(`entity #${k} (date_time) needs unix_time`);
      out.unix_time = e.unix_time;
      if (e.date_time_format !== undefined) {
        if (typeof e.date_time_format !== 'string' || !/^(r|w?[dD]?[tT]?)$/.test(e.date_time_format)) {
          throw entityError(`entity #${k} (date_time) has invalid date_time_format`);
        }
        out.date_time_format = e.date_time_format;
      }
    }
    result.push(out);
  });
  return result;
}

export interface FormattedText {
  text: string;
  entities: Entity[];
}

/**
 * Validate a message text the way sendMessage does: parse (HTML or entities), strip
 * leading/trailing whitespace, then check 1..maxLength UTF-16 code units.
 */
function formatText(rawText: unknown, rawParseMode: unknown, rawEntities: unknown, maxLength = 4096): FormattedText {
  if (rawText === undefined || rawText === null) throw badRequest('message text is empty');
  let text: string;
  if (typeof rawText === 'string') text = rawText;
  else if (typeof rawText === 'number') text = String(rawText);
  else throw badRequest(`message text must be a String, got ${describe(rawText)}`);

  let parsed: FormattedText;
  if (rawEntities !== undefined && rawEntities !== null) {
    // Telegram ignores parse_mode when entities are given.
    parsed = { text, entities: validateEntityArray(text, rawEntities, 'entities') };
  } else if (rawParseMode !== undefined && rawParseMode !== null && rawParseMode !== '') {
    if (typeof rawParseMode !== 'string') throw badRequest('unsupported parse_mode');
    const mode = rawParseMode.toLowerCase();
    if (mode === 'html') parsed = parseTelegramHtml(text);
    else if (mode === 'markdownv2' || mode === 'markdown') {
      throw entityError(`parse_mode "${rawParseMode}" is not supported by the fake Telegram server; use HTML or entities`);
    } else throw badRequest('unsupported parse_mode');
  } else {
    parsed = { text, entities: [] };
  }

  // Telegram strips leading and trailing whitespace (and shifts/clips entities accordingly).
  const lead = parsed.text.length - parsed.text.trimStart().length;
  const trimmed = parsed.text.trim();
  const entities = parsed.entities.flatMap((e) => {
    const start = Math.max(0, e.offset - lead);
    const end = Math.min(trimmed.length, e.offset + e.length - lead);
    return end > start ? [{ ...e, offset: start, length: end - start }] : [];
  });
  if (trimmed.length === 0) throw badRequest('message text is empty');
  if (trimmed.length > maxLength) throw badRequest('message is too long');
  return { text: trimmed, entities: sortEntities(entities) };
}

// ─── reply markup ───

interface MarkupContext {
  inlineOnly: boolean;
  chatType?: ChatType;
}

function validateInlineKeyboard(kb: unknown, ctx: MarkupContext): Json | undefined {
  if (!Array.isArray(kb)) throw badRequest('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array');
  let total = 0;
  for (const row of kb) {
    if (!Array.isArray(row)) throw badRequest('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays');
    if (row.length > 8) throw badRequest('too many buttons in a row of the inline keyboard (max 8)');
    for (const btn of row) {
      total++;
      if (!isObject(btn)) throw badRequest("can't parse inline keyboard button: InlineKeyboardButton must be an Object");
      if (typeof btn.text !== 'string') throw badRequest("can't parse inline keyboard button: Field \"text\" must be of type String");
      if (btn.text.trim().length === 0) throw badRequest("can't parse inline keyboard button: Text must be non-empty");
      const actions = INLINE_BUTTON_ACTIONS.filter((a) => btn[a] !== undefined && btn[a] !== null);
      if (actions.length === 0) {
        throw badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
      }
      if (actions.length > 1) {
        throw badRequest(
          `can't parse inline keyboard button: exactly one of the optional fields must be used, but got ${actions.join(', ')}`,
        );
      }
      const action = actions[0];
      const value = btn[action as string];
      switch (action) {
        case 'callback_data':
          if (typeof value !== 'string' || value.length === 0 || utf8Length(value) > 64) throw badRequest('BUTTON_DATA_INVALID');
          break;
        case 'url':
          if (!isValidUrl(value)) throw badRequest(`inline keyboard button URL '${String(value)}' is invalid: Wrong HTTP URL`);
          break;
        case 'web_app':
          if (!isObject(value) || !isValidUrl(value.url, ['https:'])) throw badRequest('BUTTON_URL_INVALID');
          if (ctx.chatType !== undefined && ctx.chatType !== 'private') throw badRequest('BUTTON_TYPE_INVALID');
          break;
        case 'login_url':
          if (!isObject(value) || !isValidUrl(value.url, ['https:', 'http:'])) throw badRequest('BUTTON_URL_INVALID');
          break;
        case 'switch_inline_query':
        case 'switch_inline_query_current_chat':
          if (typeof value !== 'string') {
            throw badRequest(`can't parse inline keyboard button: Field "${action}" must be of type String`);
          }
          break;
        case 'switch_inline_query_chosen_chat':
          if (!isObject(value)) throw badRequest(`can't parse inline keyboard button: Field "${action}" must be of type Object`);
          break;
        case 'copy_text':
          if (!isObject(value) || typeof value.text !== 'string' || value.text.length === 0 || value.text.length > 256) {
            throw badRequest('COPY_TEXT_INVALID');
          }
          break;
        case 'pay':
          if (value !== true) throw badRequest("can't parse inline keyboard button: Field \"pay\" must be True");
          break;
        default:
          if (!isObject(value)) throw badRequest(`can't parse inline keyboard button: Field "${String(action)}" must be of type Object`);
      }
      if (btn.style !== undefined && !['danger', 'success', 'primary'].includes(btn.style as string)) {
        throw badRequest("can't parse inline keyboard button: unsupported style");
      }
    }
  }
  if (total > 100) throw badRequest('reply markup is too long');
  return total === 0 ? undefined : { inline_keyboard: kb };
}

/** Returns the normalized markup (undefined for an empty inline keyboard). */
function validateReplyMarkup(raw: unknown, ctx: MarkupContext): Json | undefined {
  const m = parseMaybeJson(raw);
  if (m === undefined || m === null) return undefined;
  if (!isObject(m)) throw badRequest("can't parse reply keyboard markup JSON object");
  if (m.inline_keyboard !== undefined) return validateInlineKeyboard(m.inline_keyboard, ctx);
  if (ctx.inlineOnly) throw badRequest('inline keyboard expected (reply_markup must be an InlineKeyboardMarkup here)');
  if (m.keyboard !== undefined) {
    if (ctx.chatType === 'channel') throw badRequest('reply keyboards are not allowed in channels');
    if (!Array.isArray(m.keyboard)) throw badRequest('field "keyboard" of the ReplyKeyboardMarkup must be an Array');
    for (const row of m.keyboard) {
      if (!Array.isArray(row)) throw badRequest('field "keyboard" of the ReplyKeyboardMarkup must be an Array of Arrays');
      for (const btn of row) {
        if (typeof btn === 'string') {
          if (btn.trim().length === 0) throw badRequest("can't parse keyboard button: Text must be non-empty");
          continue;
        }
        if (!isObject(btn) || typeof btn.text !== 'string' || btn.text.trim().length === 0) {
          throw badRequest("can't parse keyboard button: Text must be non-empty");
        }
        const actions = KEYBOARD_BUTTON_ACTIONS.filter((a) => btn[a] !== undefined && btn[a] !== null);
        if (actions.length > 1) throw badRequest(`can't parse keyboard button: only one of ${actions.join(', ')} can be used`);
      }
    }
    return m;
  }
  if (m.remove_keyboard !== undefined) {
    if (m.remove_keyboard !== true) throw badRequest("can't parse reply keyboard markup JSON object: remove_keyboard must be True");
    return m;
  }
  if (m.force_reply !== undefined) {
    if (m.force_reply !== true) throw badRequest("can't parse reply keyboard markup JSON object: force_reply must be True");
    return m;
  }
  throw badRequest("can't parse reply keyboard markup JSON object");
}

// ─── flood accounting ───

interface FloodEvent {
  at: number;
  chatId?: number;
  chatType?: ChatType;
}

function windowViolation(times: number[], max: number, windowMs: number): { start: number; count: number } | null {
  let lo = 0;
  for (let hi = 0; hi < times.length; hi++) {
    while ((times[hi] as number) - (times[lo] as number) >= windowMs) lo++;
    if (hi - lo + 1 > max) return { start: times[lo] as number, count: hi - lo + 1 };
  }
  return null;
}

const floodLimitFor = (type: ChatType | undefined): { max: number; windowMs: number } =>
  type === 'private' ? { max: 3, windowMs: 1000 } : { max: 20, windowMs: 60_000 };

// ───────────────────────────── the server ─────────────────────────────

export class FakeTelegram {
  readonly apiRoot: string;
  readonly token: string;
  readonly botUsername: string;
  readonly botId: number;
  /** every Bot API request, in arrival order */
  calls: RecordedCall[] = [];
  /** every webhook POST attempt, in order */
  webhookDeliveries: WebhookDelivery[] = [];

  private readonly server: http.Server;
  private readonly opts: Required<Omit<FakeTelegramOptions, 'token' | 'botUsername' | 'botId'>>;
  private readonly chats = new Map<number, ChatState>();
  private readonly inlineMessages = new Map<string, { text?: string; entities?: Entity[]; replyMarkup?: Json }>();
  private readonly inlineQueries = new Map<string, QueryState>();
  private readonly callbackQueries = new Map<string, QueryState>();
  private readonly commands = new Map<string, unknown[]>();
  private readonly reservedMessageIds = new Map<number, number>();
  private readonly faults = new Map<string, Array<{ fault: FaultSpec | 'drop'; remaining: number }>>();
  private readonly delays = new Map<string, Array<{ ms: number; remaining: number }>>();
  private pending: Update[] = [];
  private lastUpdateId = 0;
  private confirmed = 0;
  private allowedUpdates: Set<string> | null = null;
  private poller: Poller | null = null;
  private webhookState: WebhookState | null = null;
  private deliveryRunning = false;
  private readonly closeController = new AbortController();
  private closed = false;

  private constructor(server: http.Server, port: number, options: FakeTelegramOptions) {
    this.server = server;
    this.apiRoot = `http://127.0.0.1:${port}`;
    this.token = options.token ?? '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghi';
    this.botUsername = options.botUsername ?? 'referendum_test_bot';
    const prefix = Number.parseInt(this.token.split(':')[0] ?? '', 10);
    this.botId = options.botId ?? (Number.isSafeInteger(prefix) ? prefix : 123456);
    this.opts = {
      botFirstName: options.botFirstName ?? 'Referendum Test Bot',
      enforceFloodLimits: options.enforceFloodLimits ?? false,
      inlineQueryTtlMs: options.inlineQueryTtlMs ?? 10_000,
      callbackQueryTtlMs: options.callbackQueryTtlMs ?? 15_000,
      webhookRetries: options.webhookRetries ?? 2,
      webhookRetryDelayMs: options.webhookRetryDelayMs ?? 50,
      webhookTimeoutMs: options.webhookTimeoutMs ?? 10_000,
    };
  }

  static async start(options: FakeTelegramOptions = {}): Promise<FakeTelegram> {
    let instance: FakeTelegram | undefined;
    const server = http.createServer((req, res) => {
      if (!instance) {
        res.statusCode = 503;
        res.end();
        return;
      }
      void instance.onRequest(req, res);
    });
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    const port = (server.address() as AddressInfo).port;
    instance = new FakeTelegram(server, port, options);
    return instance;
  }

  // ─── inspection helpers ───

  /** Calls that failed validation (excluding injected faults, held/aborted requests). */
  rejected(): RecordedCall[] {
    return this.calls.filter((c) => !c.ok && !c.injected && !c.pending && !c.aborted);
  }

  callsTo(method: string): RecordedCall[] {
    const name = canonicalMethod(method) ?? method;
    return this.calls.filter((c) => c.method === name);
  }

  /** Successful sendMessage calls, optionally for one chat (by resolved chat id). */
  sentMessages(chatId?: number): RecordedCall[] {
    return this.calls.filter((c) => {
      if (c.method !== 'sendMessage' || !c.ok) return false;
      if (chatId === undefined) return true;
      const result = c.result as { chat?: { id?: number } } | undefined;
      return result?.chat?.id === chatId;
    });
  }

  webhook(): { url: string; secret_token?: string; allowed_updates?: string[] } | null {
    if (!this.webhookState) return null;
    const out: { url: string; secret_token?: string; allowed_updates?: string[] } = { url: this.webhookState.url };
    if (this.webhookState.secret_token !== undefined) out.secret_token = this.webhookState.secret_token;
    if (this.webhookState.allowed_updates !== undefined) out.allowed_updates = [...this.webhookState.allowed_updates];
    return out;
  }

  /** Highest offset acknowledged by getUpdates (updates with id < offset are gone). */
  confirmedOffset(): number {
    return this.confirmed;
  }

  /** Updates still queued (not yet confirmed via offset / not yet delivered to the webhook). */
  pendingUpdates(): Update[] {
    return this.pending.map((u) => structuredClone(u));
  }

  /** Commands stored by setMyCommands for a scope (default scope, no language by default). */
  myCommands(scope: Json = { type: 'default' }, languageCode = ''): unknown[] {
    return structuredClone(this.commands.get(this.commandKey(scope, languageCode)) ?? []);
  }

  /** The current state of a message (as last sent/edited), or undefined. */
  message(chatId: number, messageId: number): Json | undefined {
    const m = this.chats.get(chatId)?.messages.get(messageId);
    return m ? structuredClone(m.message) : undefined;
  }

  /**
   * Describes flood-limit violations among successful sendMessage/editMessageText calls:
   * > 3 messages within 1 s in a private chat, > 20 messages per minute in a group/supergroup/channel,
   * > 30 messages within 1 s overall.
   */
  floodViolations(): string[] {
    const events = this.floodEvents();
    const out: string[] = [];
    const byChat = new Map<number, { type: ChatType | undefined; times: number[] }>();
    for (const e of events) {
      if (e.chatId === undefined) continue;
      const entry = byChat.get(e.chatId) ?? { type: e.chatType, times: [] };
      entry.times.push(e.at);
      byChat.set(e.chatId, entry);
    }
    for (const [chatId, { type, times }] of byChat) {
      const { max, windowMs } = floodLimitFor(type);
      const v = windowViolation(times, max, windowMs);
      if (v) {
        out.push(
          `chat ${chatId} (${type ?? 'unknown'}): ${v.count} messages within ${windowMs} ms starting at ${new Date(v.start).toISOString()} (limit ${max})`,
        );
      }
    }
    const all = windowViolation(
      events.map((e) => e.at),
      30,
      1000,
    );
    if (all) out.push(`overall: ${all.count} messages within 1000 ms starting at ${new Date(all.start).toISOString()} (limit 30)`);
    return out;
  }

  /** Wait until predicate over calls is true (polls every 10 ms). */
  async waitFor(predicate: (calls: RecordedCall[]) => boolean, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (predicate(this.calls)) return;
      if (Date.now() >= deadline) {
        const last = this.calls
          .slice(-15)
          .map((c) => {
            const status = c.pending ? 'PENDING' : c.ok ? 'ok' : `ERR ${c.error?.error_code ?? ''} ${c.error?.description ?? ''}`;
            return `  ${c.method} ${status}${c.injected ? ' (injected)' : ''} ${describe(c.params)}`;
          })
          .join('\n');
        throw new Error(
          `FakeTelegram.waitFor timed out after ${timeoutMs} ms; ${this.calls.length} calls so far, last ones:\n${last || '  (none)'}`,
        );
      }
      await sleep(10);
    }
  }

  /** Resolves once no webhook delivery is running and nothing deliverable is queued. */
  async webhookIdle(timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.deliveryRunning || (this.webhookState && this.pending.some((u) => this.isAllowed(u)))) {
      if (Date.now() >= deadline) throw new Error(`FakeTelegram.webhookIdle timed out after ${timeoutMs} ms`);
      await sleep(10);
    }
  }

  // ─── scenario control ───

  addChat(chat: { id: number; type: ChatType; title?: string; username?: string; first_name?: string }): void {
    if (!Number.isSafeInteger(chat.id)) throw new Error(`addChat: invalid chat id ${String(chat.id)}`);
    const obj: Json & { id: number; type: ChatType } = { id: chat.id, type: chat.type };
    if (chat.type === 'private') obj.first_name = chat.first_name ?? chat.title ?? 'Test User';
    else obj.title = chat.title ?? `Test ${chat.type}`;
    if (chat.username !== undefined) obj.username = chat.username;
    this.registerChat(obj);
  }

  /** Change whether the bot can still post in a chat ('left'/'kicked' → 403 not a member, 'blocked' → 403 blocked by the user). */
  setChatAccess(chatId: number, access: ChatAccess): void {
    const state = this.chats.get(chatId);
    if (!state) throw new Error(`setChatAccess: unknown chat ${chatId}`);
    state.access = access;
  }

  /** Reserve the next message id of a chat (for building updates that don't clash with bot messages). */
  allocateMessageId(chatId: number): number {
    const state = this.chats.get(chatId);
    const next = Math.max(state?.maxMessageId ?? 0, this.reservedMessageIds.get(chatId) ?? 0) + 1;
    this.reservedMessageIds.set(chatId, next);
    if (state) state.maxMessageId = next;
    return next;
  }

  /** The update_id the next pushUpdate without update_id will get. */
  nextUpdateId(): number {
    return this.lastUpdateId + 1;
  }

  /**
   * Queue an update for getUpdates (assigns update_id if missing), or deliver it to the webhook when one is set.
   * Registers chats, messages, inline queries and callback queries found in it.
   */
  pushUpdate(update: Record<string, unknown> | TelegramUpdate | Omit<TelegramUpdate, 'update_id'>): number {
    const u = this.recordIncoming(update);
    this.pending.push(u);
    if (this.webhookState) this.kickDelivery();
    else this.poller?.wake();
    return u.update_id;
  }

  /**
   * What Telegram learns from an update a user caused (chats, messages, inline and callback queries), with its
   * update_id assigned, without queueing it: for tests that deliver updates themselves, e.g. to several webhook
   * replicas behind a load balancer.
   */
  recordIncoming(update: Record<string, unknown> | TelegramUpdate | Omit<TelegramUpdate, 'update_id'>): Update {
    if (this.closed) throw new Error('FakeTelegram is closed');
    const copy = structuredClone(update) as Json;
    // update_id first, as Telegram sends it
    const { update_id: givenId, ...rest } = copy;
    const u: Json = { update_id: givenId ?? this.lastUpdateId + 1, ...rest };
    const id = u.update_id;
    if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) throw new Error(`pushUpdate: invalid update_id ${describe(id)}`);
    if (id <= this.lastUpdateId) {
      throw new Error(`pushUpdate: update_id ${id} must be greater than the last update_id ${this.lastUpdateId}`);
    }
    const types = Object.keys(u).filter((k) => k !== 'update_id' && u[k] !== undefined);
    if (types.length !== 1) throw new Error(`pushUpdate: an update must have exactly one payload field, got ${types.join(', ') || 'none'}`);
    const type = types[0] as string;
    if (!ALL_UPDATE_TYPES.has(type)) throw new Error(`pushUpdate: unknown update type "${type}"`);
    const payload = u[type];
    if (!isObject(payload)) throw new Error(`pushUpdate: ${type} must be an object`);
    this.lastUpdateId = id;

    const now = Date.now();
    switch (type) {
      case 'message':
      case 'edited_message':
      case 'channel_post':
      case 'edited_channel_post':
      case 'business_message':
      case 'edited_business_message':
      case 'guest_message':
        this.registerMessage(payload);
        break;
      case 'callback_query':
        if (typeof payload.id !== 'string' || payload.id === '') throw new Error('pushUpdate: callback_query.id must be a non-empty string');
        this.callbackQueries.set(payload.id, { at: now, answered: false });
        if (isObject(payload.message)) this.registerMessage(payload.message);
        break;
      case 'inline_query':
        if (typeof payload.id !== 'string' || payload.id === '') throw new Error('pushUpdate: inline_query.id must be a non-empty string');
        this.inlineQueries.set(payload.id, { at: now, answered: false });
        break;
      default:
        if (isObject(payload.chat) && typeof payload.chat.id === 'number') this.registerChat(payload.chat as ChatState['chat']);
    }

    return u as Update;
  }

  /** Make the next `count` requests to `method` fail with `fault` (or drop the connection). */
  injectFault(method: string, fault: FaultSpec | 'drop', count = 1): void {
    const name = canonicalMethod(method) ?? method;
    const list = this.faults.get(name) ?? [];
    list.push({ fault, remaining: count });
    this.faults.set(name, list);
  }

  /**
   * A slow Telegram: the next `count` requests to `method` are carried out at once (a message is sent), but the
   * answer is held for `ms`. A client that gives up meanwhile finds the work done all the same (call.aborted).
   */
  injectDelay(method: string, ms: number, count = 1): void {
    const name = canonicalMethod(method) ?? method;
    const list = this.delays.get(name) ?? [];
    list.push({ ms, remaining: count });
    this.delays.set(name, list);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.closeController.abort();
    const poller = this.poller;
    this.poller = null;
    poller?.terminate(new ApiError(503, 'Service Unavailable: fake Telegram server is shutting down'));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ─── HTTP layer ───

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let call: RecordedCall | undefined;
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      let body: Buffer;
      try {
        body = await readBody(req);
      } catch {
        res.destroy();
        return;
      }
      const match = /^\/bot([^/]*)\/([^/]+)\/?$/.exec(url.pathname);
      const rawMethod = match ? safeDecode(match[2] as string) : url.pathname;
      const method = canonicalMethod(rawMethod) ?? rawMethod;
      let params: Params = {};
      let parseError: ApiError | undefined;
      try {
        params = parseParams(url, req.headers['content-type'], body);
      } catch (e) {
        parseError = e instanceof ApiError ? e : badRequest(`can't parse request: ${String(e)}`);
      }
      call = { method, params, at: Date.now(), ok: false, pending: true, via: 'http' };
      this.calls.push(call);

      if (!match) return this.respondError(call, res, new ApiError(404, 'Not Found'));
      if (safeDecode(match[1] as string) !== this.token) return this.respondError(call, res, new ApiError(401, 'Unauthorized'));
      if (!canonicalMethod(rawMethod)) return this.respondError(call, res, new ApiError(404, 'Not Found'));

      const fault = this.takeFault(method);
      if (fault) {
        call.injected = true;
        if (fault === 'drop') {
          delete call.pending;
          call.error = { error_code: 0, description: 'connection dropped (injected fault)' };
          req.socket.destroy();
          return;
        }
        const parameters = fault.retry_after !== undefined || fault.error_code === 429 ? { retry_after: fault.retry_after ?? 1 } : undefined;
        return this.respondError(call, res, new ApiError(fault.error_code, fault.description, parameters));
      }
      if (parseError) return this.respondError(call, res, parseError);

      let closed = false;
      const closeCallbacks: Array<() => void> = [];
      res.on('close', () => {
        if (!res.writableFinished) {
          closed = true;
          for (const cb of closeCallbacks) cb();
        }
      });
      const ctx: DispatchContext = {
        call,
        onClose: (cb) => closeCallbacks.push(cb),
        isClosed: () => closed || res.destroyed || req.socket.destroyed,
      };
      try {
        const result = await this.dispatch(method, params, ctx);
        const delay = this.takeDelay(method);
        if (delay > 0) {
          // Done on Telegram's side already (the message exists); only the answer is late.
          call.ok = true;
          call.result = result;
          await sleep(delay);
        }
        this.respond(call, res, 200, { ok: true, result });
      } catch (e) {
        this.respondError(call, res, e);
      }
    } catch (e) {
      // Never crash: anything unexpected becomes a 400 with a description.
      if (call) this.respondError(call, res, badRequest(`fake Telegram internal error: ${e instanceof Error ? e.message : String(e)}`));
      else if (!res.headersSent) {
        res.statusCode = 400;
        res.end(JSON.stringify({ ok: false, error_code: 400, description: 'Bad Request' }));
      }
    }
  }

  private respond(call: RecordedCall, res: ServerResponse | null, status: number, body: Json): void {
    delete call.pending;
    if (body.ok === true) {
      call.ok = true;
      call.result = body.result;
    } else {
      call.ok = false;
      call.error = { error_code: body.error_code as number, description: body.description as string };
    }
    if (!res) return;
    if (res.destroyed || res.writableEnded) {
      call.aborted = true;
      return;
    }
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  }

  private respondError(call: RecordedCall, res: ServerResponse | null, e: unknown): void {
    const err = e instanceof ApiError ? e : badRequest(`fake Telegram internal error: ${e instanceof Error ? e.message : String(e)}`);
    const body: Json = { ok: false, error_code: err.errorCode, description: err.description };
    if (err.parameters) body.parameters = err.parameters;
    const status = [400, 401, 403, 404, 409, 429, 500, 502, 503].includes(err.errorCode) ? err.errorCode : 400;
    this.respond(call, res, status, body);
  }

  private takeDelay(method: string): number {
    const list = this.delays.get(method);
    const first = list?.[0];
    if (!list || !first) return 0;
    first.remaining -= 1;
    if (first.remaining <= 0) list.shift();
    return first.ms;
  }

  private takeFault(method: string): FaultSpec | 'drop' | undefined {
    const list = this.faults.get(method);
    const first = list?.[0];
    if (!list || !first) return undefined;
    first.remaining -= 1;
    if (first.remaining <= 0) list.shift();
    return first.fault;
  }

  // ─── method dispatch ───

  private async dispatch(method: string, p: Params, ctx: DispatchContext): Promise<unknown> {
    switch (method) {
      case 'getMe':
        return {
          id: this.botId,
          is_bot: true,
          first_name: this.opts.botFirstName,
          username: this.botUsername,
          can_join_groups: true,
          can_read_all_group_messages: false,
          supports_inline_queries: true,
          can_connect_to_business: false,
          has_main_web_app: false,
        };
      case 'getUpdates':
        return this.getUpdates(p, ctx);
      case 'setWebhook':
        return this.setWebhook(p);
      case 'deleteWebhook':
        return this.deleteWebhook(p);
      case 'getWebhookInfo':
        return this.getWebhookInfo();
      case 'setMyCommands':
        return this.setMyCommands(p);
      case 'deleteMyCommands':
        return this.deleteMyCommands(p);
      case 'getMyCommands':
        return this.getMyCommands(p);
      case 'sendMessage':
        return this.sendMessage(p);
      case 'editMessageText':
        return this.editMessage(p, true);
      case 'editMessageReplyMarkup':
        return this.editMessage(p, false);
      case 'deleteMessage':
        return this.deleteMessage(p);
      case 'answerInlineQuery':
        return this.answerInlineQuery(p);
      case 'answerCallbackQuery':
        return this.answerCallbackQuery(p);
      case 'sendChatAction':
        return this.sendChatAction(p);
      case 'getChat':
        return this.getChat(p);
      case 'leaveChat':
        return this.leaveChat(p);
      default:
        return true;
    }
  }

  // ─── chats and messages ───

  private registerChat(chat: Json & { id: number; type: ChatType }): ChatState {
    const existing = this.chats.get(chat.id);
    if (existing) {
      existing.chat = { ...existing.chat, ...chat };
      return existing;
    }
    const state: ChatState = {
      chat: { ...chat },
      access: 'member',
      messages: new Map(),
      maxMessageId: this.reservedMessageIds.get(chat.id) ?? 0,
    };
    this.chats.set(chat.id, state);
    return state;
  }

  private registerMessage(m: Json): void {
    if (!isObject(m.chat) || typeof m.chat.id !== 'number' || typeof m.chat.type !== 'string') return;
    const state = this.registerChat(m.chat as ChatState['chat']);
    if (isObject(m.reply_to_message)) this.registerMessage(m.reply_to_message);
    const id = m.message_id;
    if (typeof id !== 'number' || !Number.isSafeInteger(id)) return;
    state.maxMessageId = Math.max(state.maxMessageId, id);
    const from = m.from;
    const fromBot = isObject(from) && from.id === this.botId;
    const existing = state.messages.get(id);
    // An inaccessible message (date 0) or a message we already know doesn't overwrite what the bot sent.
    if (existing && (existing.fromBot || m.date === 0)) return;
    const stored: StoredMessage = { messageId: id, fromBot, message: structuredClone(m) };
    if (typeof m.text === 'string') {
      stored.text = m.text;
      stored.entities = Array.isArray(m.entities) ? (m.entities as Entity[]) : [];
    }
    if (isObject(m.reply_markup)) stored.replyMarkup = m.reply_markup;
    state.messages.set(id, stored);
  }

  private resolveChat(raw: unknown, forWriting: boolean): ChatState {
    if (raw === undefined || raw === null || raw === '') throw badRequest('chat_id is empty');
    let state: ChatState | undefined;
    if (typeof raw === 'number' && Number.isSafeInteger(raw)) state = this.chats.get(raw);
    else if (typeof raw === 'string' && /^-?\d{1,16}$/.test(raw.trim())) state = this.chats.get(Number(raw.trim()));
    else if (typeof raw === 'string' && raw.startsWith('@')) {
      const name = raw.slice(1).toLowerCase();
      state = [...this.chats.values()].find((s) => typeof s.chat.username === 'string' && s.chat.username.toLowerCase() === name);
    } else throw badRequest(`invalid chat_id ${describe(raw)}`);
    if (!state) throw badRequest('chat not found');
    if (forWriting && state.access !== 'member') {
      if (state.access === 'blocked') throw new ApiError(403, 'Forbidden: bot was blocked by the user');
      if (state.chat.type === 'private') throw new ApiError(403, 'Forbidden: user is deactivated');
      const kind = state.chat.type === 'channel' ? 'channel chat' : state.chat.type === 'supergroup' ? 'supergroup chat' : 'group chat';
      if (state.access === 'kicked') throw new ApiError(403, `Forbidden: bot was kicked from the ${kind}`);
      throw new ApiError(403, `Forbidden: bot is not a member of the ${kind}`);
    }
    return state;
  }

  private botUserShort(): Json {
    return { id: this.botId, is_bot: true, first_name: this.opts.botFirstName, username: this.botUsername };
  }

  private floodEvents(): FloodEvent[] {
    const out: FloodEvent[] = [];
    for (const c of this.calls) {
      if (!c.ok || (c.method !== 'sendMessage' && c.method !== 'editMessageText')) continue;
      const chat = isObject(c.result) && isObject(c.result.chat) ? c.result.chat : undefined;
      const ev: FloodEvent = { at: c.at };
      if (chat && typeof chat.id === 'number') {
        ev.chatId = chat.id;
        ev.chatType = chat.type as ChatType;
      }
      out.push(ev);
    }
    return out.sort((a, b) => a.at - b.at);
  }

  private enforceFlood(state: ChatState | undefined): void {
    if (!this.opts.enforceFloodLimits) return;
    const now = Date.now();
    const events = this.floodEvents();
    const check = (times: number[], max: number, windowMs: number): void => {
      const recent = times.filter((t) => t > now - windowMs);
      if (recent.length >= max) {
        const oldest = recent[recent.length - max] as number;
        const retry = Math.max(1, Math.ceil((oldest + windowMs - now) / 1000));
        throw new ApiError(429, `Too Many Requests: retry after ${retry}`, { retry_after: retry });
      }
    };
    if (state) {
      const { max, windowMs } = floodLimitFor(state.chat.type);
      check(
        events.filter((e) => e.chatId === state.chat.id).map((e) => e.at),
        max,
        windowMs,
      );
    }
    check(
      events.map((e) => e.at),
      30,
      1000,
    );
  }

  private resolveReply(target: ChatState, p: Params): StoredMessage | undefined {
    let messageId: number | undefined;
    let allow = false;
    let replyChat = target;
    let quote: string | undefined;
    const rp = optObject(p, 'reply_parameters');
    if (rp) {
      messageId = optInt(rp, 'message_id');
      if (messageId === undefined) throw badRequest('reply_parameters.message_id is required');
      allow = optBool(rp, 'allow_sending_without_reply') ?? false;
      if (rp.chat_id !== undefined && rp.chat_id !== null) replyChat = this.resolveChat(rp.chat_id, false);
      quote = optString(rp, 'quote');
    } else {
      messageId = optInt(p, 'reply_to_message_id');
      allow = optBool(p, 'allow_sending_without_reply') ?? false;
    }
    if (messageId === undefined) return undefined;
    const msg = replyChat.messages.get(messageId);
    if (!msg) {
      if (allow) return undefined;
      throw badRequest('message to be replied not found');
    }
    if (quote !== undefined && msg.text !== undefined && !msg.text.includes(quote)) throw badRequest('QUOTE_TEXT_INVALID');
    return msg;
  }

  private sendMessage(p: Params): Json {
    const state = this.resolveChat(p.chat_id, true);
    const threadId = optInt(p, 'message_thread_id');
    optInt(p, 'direct_messages_topic_id');
    for (const b of ['disable_notification', 'protect_content', 'allow_paid_broadcast', 'disable_web_page_preview']) optBool(p, b);
    optString(p, 'business_connection_id');
    optString(p, 'message_effect_id');
    const lpo = optObject(p, 'link_preview_options');
    if (lpo) {
      for (const b of ['is_disabled', 'prefer_small_media', 'prefer_large_media', 'show_above_text']) optBool(lpo, b);
      if (lpo.url !== undefined && !isValidUrl(lpo.url)) throw badRequest('link_preview_options.url is invalid');
    }
    const formatted = formatText(p.text, p.parse_mode, p.entities);
    const markup = validateReplyMarkup(p.reply_markup, { inlineOnly: false, chatType: state.chat.type });
    const replyTo = this.resolveReply(state, p);
    this.enforceFlood(state);

    const messageId = this.allocateMessageId(state.chat.id);
    const msg: Json = { message_id: messageId };
    if (threadId !== undefined && state.chat.type === 'supergroup') msg.message_thread_id = threadId;
    if (state.chat.type === 'channel') msg.sender_chat = structuredClone(state.chat);
    else msg.from = this.botUserShort();
    msg.chat = structuredClone(state.chat);
    msg.date = Math.floor(Date.now() / 1000);
    if (replyTo) {
      const { reply_to_message: _nested, ...replied } = structuredClone(replyTo.message);
      msg.reply_to_message = replied;
    }
    msg.text = formatted.text;
    if (formatted.entities.length > 0) msg.entities = formatted.entities;
    if (lpo) msg.link_preview_options = lpo;
    const inlineMarkup = markup && markup.inline_keyboard !== undefined ? markup : undefined;
    if (inlineMarkup) msg.reply_markup = inlineMarkup;

    const stored: StoredMessage = { messageId, fromBot: true, text: formatted.text, entities: formatted.entities, message: msg };
    if (inlineMarkup) stored.replyMarkup = inlineMarkup;
    state.messages.set(messageId, stored);
    return structuredClone(msg);
  }

  private editMessage(p: Params, withText: boolean): Json | true {
    const inlineId = p.inline_message_id;
    let state: ChatState | undefined;
    let stored: StoredMessage | undefined;
    let inlineState: { text?: string; entities?: Entity[]; replyMarkup?: Json } | undefined;
    if (inlineId !== undefined && inlineId !== null) {
      if (typeof inlineId !== 'string' || inlineId.length === 0) throw badRequest('MESSAGE_ID_INVALID');
      inlineState = this.inlineMessages.get(inlineId) ?? {};
    } else {
      state = this.resolveChat(p.chat_id, true);
      const messageId = optInt(p, 'message_id');
      if (messageId === undefined) throw badRequest('message identifier is not specified');
      stored = state.messages.get(messageId);
      if (!stored || !stored.fromBot) throw badRequest('message to edit not found');
      if (withText && stored.text === undefined) throw badRequest('there is no text in the message to edit');
    }
    const lpo = optObject(p, 'link_preview_options');
    const formatted = withText ? formatText(p.text, p.parse_mode, p.entities) : undefined;
    const markup = validateReplyMarkup(p.reply_markup, { inlineOnly: true, chatType: state?.chat.type });

    // Unknown inline messages (never edited through the fake) have no known content to compare with.
    const known = stored ?? (inlineState !== undefined ? this.inlineMessages.get(inlineId as string) : undefined);
    if (known) {
      const sameText = !formatted || (known.text === formatted.text && deepEqual(known.entities ?? [], formatted.entities));
      if (sameText && deepEqual(known.replyMarkup, markup)) throw badRequest(NOT_MODIFIED);
    }
    this.enforceFlood(state);

    if (inlineState !== undefined) {
      const next: { text?: string; entities?: Entity[]; replyMarkup?: Json } = { ...inlineState };
      if (formatted) {
        next.text = formatted.text;
        next.entities = formatted.entities;
      }
      if (markup) next.replyMarkup = markup;
      else delete next.replyMarkup;
      this.inlineMessages.set(inlineId as string, next);
      return true;
    }
    const s = stored as StoredMessage;
    const msg = s.message;
    if (formatted) {
      s.text = formatted.text;
      s.entities = formatted.entities;
      msg.text = formatted.text;
      if (formatted.entities.length > 0) msg.entities = formatted.entities;
      else delete msg.entities;
      if (lpo) msg.link_preview_options = lpo;
    }
    if (markup) {
      s.replyMarkup = markup;
      msg.reply_markup = markup;
    } else {
      delete s.replyMarkup;
      delete msg.reply_markup;
    }
    msg.edit_date = Math.floor(Date.now() / 1000);
    return structuredClone(msg);
  }

  private deleteMessage(p: Params): true {
    const state = this.resolveChat(p.chat_id, true);
    const messageId = optInt(p, 'message_id');
    if (messageId === undefined) throw badRequest('message identifier is not specified');
    if (!state.messages.delete(messageId)) throw badRequest('message to delete not found');
    return true;
  }

  private sendChatAction(p: Params): true {
    this.resolveChat(p.chat_id, true);
    optInt(p, 'message_thread_id');
    const action = optString(p, 'action');
    if (action === undefined || !CHAT_ACTIONS.has(action)) throw badRequest('wrong parameter action in request');
    return true;
  }

  private getChat(p: Params): Json {
    const state = this.resolveChat(p.chat_id, false);
    return { ...structuredClone(state.chat), accent_color_id: 0, max_reaction_count: 11 };
  }

  private leaveChat(p: Params): true {
    const state = this.resolveChat(p.chat_id, true);
    if (state.chat.type === 'private') throw badRequest("chat member status can't be changed in private chats");
    state.access = 'left';
    return true;
  }

  // ─── inline and callback queries ───

  private takeQuery(map: Map<string, QueryState>, raw: unknown, ttlMs: number): QueryState {
    const id = typeof raw === 'number' ? String(raw) : raw;
    if (typeof id !== 'string' || id.length === 0) throw badRequest(QUERY_EXPIRED);
    const q = map.get(id);
    if (!q || q.answered || Date.now() - q.at > ttlMs) throw badRequest(QUERY_EXPIRED);
    return q;
  }

  private answerInlineQuery(p: Params): true {
    const q = this.takeQuery(this.inlineQueries, p.inline_query_id, this.opts.inlineQueryTtlMs);
    const results = optArray(p, 'results');
    if (results === undefined) throw badRequest("can't parse inline query results JSON object: results is required");
    if (results.length > 50) throw badRequest('RESULTS_TOO_MUCH');
    const ids = new Set<string>();
    results.forEach((r, k) => validateInlineResult(r, k, ids));
    const cacheTime = optInt(p, 'cache_time');
    if (cacheTime !== undefined && cacheTime < 0) throw badRequest('cache_time must be non-negative');
    optBool(p, 'is_personal');
    const nextOffset = optString(p, 'next_offset');
    if (nextOffset !== undefined && utf8Length(nextOffset) > 64) throw badRequest('NEXT_OFFSET_INVALID');
    const button = optObject(p, 'button');
    if (button) {
      if (typeof button.text !== 'string' || button.text.trim() === '') throw badRequest('BUTTON_TEXT_INVALID');
      const hasStart = button.start_parameter !== undefined;
      const hasWebApp = button.web_app !== undefined;
      if (hasStart === hasWebApp) throw badRequest('inline query results button must have exactly one of start_parameter and web_app');
      if (hasStart && (typeof button.start_parameter !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(button.start_parameter))) {
        throw badRequest('START_PARAM_INVALID');
      }
      if (hasWebApp && (!isObject(button.web_app) || !isValidUrl(button.web_app.url, ['https:']))) throw badRequest('BUTTON_URL_INVALID');
    }
    const pmText = optString(p, 'switch_pm_text');
    const pmParam = optString(p, 'switch_pm_parameter');
    if (pmText !== undefined || pmParam !== undefined) {
      if (!pmParam || !/^[A-Za-z0-9_-]{1,64}$/.test(pmParam)) throw badRequest('START_PARAM_INVALID');
      if (!pmText || pmText.trim() === '') throw badRequest('BUTTON_TEXT_INVALID');
    }
    q.answered = true;
    return true;
  }

  private answerCallbackQuery(p: Params): true {
    const q = this.takeQuery(this.callbackQueries, p.callback_query_id, this.opts.callbackQueryTtlMs);
    const text = optString(p, 'text');
    if (text !== undefined && [...text].length > 200) throw badRequest('MESSAGE_TOO_LONG');
    optBool(p, 'show_alert');
    const url = optString(p, 'url');
    if (url !== undefined && !isValidUrl(url, ['http:', 'https:', 'tg:'])) throw badRequest('URL_INVALID');
    const cacheTime = optInt(p, 'cache_time');
    if (cacheTime !== undefined && cacheTime < 0) throw badRequest('cache_time must be non-negative');
    q.answered = true;
    return true;
  }

  // ─── commands ───

  private commandKey(scope: Json | undefined, languageCode: string): string {
    const s = scope ?? { type: 'default' };
    return `${String(s.type)}|${s.chat_id === undefined ? '' : String(s.chat_id)}|${s.user_id === undefined ? '' : String(s.user_id)}|${languageCode}`;
  }

  private parseScope(p: Params): { key: string } {
    const rawScope = optObject(p, 'scope');
    const scope = rawScope ? { ...rawScope } : undefined;
    const lang = optString(p, 'language_code') ?? '';
    if (lang !== '' && !/^[a-z]{2}$/.test(lang)) throw badRequest('invalid language code specified');
    if (scope) {
      if (typeof scope.type !== 'string' || !COMMAND_SCOPE_TYPES.has(scope.type)) throw badRequest("can't parse BotCommandScope: unknown type");
      if (['chat', 'chat_administrators', 'chat_member'].includes(scope.type)) {
        const state = this.resolveChat(scope.chat_id, false);
        scope.chat_id = state.chat.id;
        if (scope.type === 'chat_member') {
          const userId = optInt(scope, 'user_id');
          if (userId === undefined) throw badRequest('user_id is required for BotCommandScopeChatMember');
          scope.user_id = userId;
        }
      }
    }
    return { key: this.commandKey(scope, lang) };
  }

  private setMyCommands(p: Params): true {
    const commands = optArray(p, 'commands');
    if (commands === undefined) throw badRequest('parameter "commands" is required');
    if (commands.length > 100) throw badRequest('BOT_COMMANDS_TOO_MUCH');
    const seen = new Set<string>();
    for (const c of commands) {
      if (!isObject(c)) throw badRequest("can't parse BotCommand: BotCommand must be an Object");
      if (typeof c.command !== 'string' || !/^[a-z0-9_]{1,32}$/.test(c.command)) throw badRequest('BOT_COMMAND_INVALID');
      if (typeof c.description !== 'string' || c.description.trim().length === 0 || [...c.description].length > 256) {
        throw badRequest('BOT_COMMAND_DESCRIPTION_INVALID');
      }
      if (seen.has(c.command)) throw badRequest('BOT_COMMAND_DUPLICATE');
      seen.add(c.command);
    }
    const { key } = this.parseScope(p);
    if (commands.length === 0) this.commands.delete(key);
    else this.commands.set(key, commands.map((c) => ({ command: (c as Json).command, description: (c as Json).description })));
    return true;
  }

  private deleteMyCommands(p: Params): true {
    this.commands.delete(this.parseScope(p).key);
    return true;
  }

  private getMyCommands(p: Params): unknown[] {
    return structuredClone(this.commands.get(this.parseScope(p).key) ?? []);
  }

  // ─── long polling ───

  private isAllowed(u: Update): boolean {
    const type = Object.keys(u).find((k) => k !== 'update_id') ?? '';
    if (this.allowedUpdates) return this.allowedUpdates.has(type);
    return type !== 'chat_member' && type !== 'message_reaction' && type !== 'message_reaction_count';
  }

  private setAllowedUpdates(list: unknown[] | undefined): void {
    if (list === undefined) return;
    for (const t of list) if (typeof t !== 'string') throw badRequest("can't parse allowed_updates: must be an Array of String");
    this.allowedUpdates = list.length === 0 ? null : new Set(list as string[]);
  }

  private getUpdates(p: Params, ctx: DispatchContext): Promise<Update[]> | Update[] {
    if (this.webhookState) throw new ApiError(409, WEBHOOK_CONFLICT);
    const offset = optInt(p, 'offset');
    const limit = Math.min(100, Math.max(1, optInt(p, 'limit') ?? 100));
    const timeout = Math.max(0, optInt(p, 'timeout') ?? 0);
    this.setAllowedUpdates(optArray(p, 'allowed_updates'));

    const previous = this.poller;
    if (previous) {
      this.poller = null;
      previous.terminate(new ApiError(409, POLL_CONFLICT));
    }

    if (offset !== undefined && offset > 0) {
      this.pending = this.pending.filter((u) => u.update_id >= offset);
      this.confirmed = Math.max(this.confirmed, offset);
    } else if (offset !== undefined && offset < 0) {
      const keep = -offset;
      const dropped = this.pending.slice(0, Math.max(0, this.pending.length - keep));
      this.pending = this.pending.slice(Math.max(0, this.pending.length - keep));
      const last = dropped[dropped.length - 1];
      if (last) this.confirmed = Math.max(this.confirmed, last.update_id + 1);
    }

    const ready = (): Update[] => this.pending.filter((u) => this.isAllowed(u)).slice(0, limit);
    const now = ready();
    if (now.length > 0 || timeout === 0) return now;

    return new Promise<Update[]>((resolve, reject) => {
      let done = false;
      const finish = (fn: () => void): void => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        if (this.poller === poller) this.poller = null;
        fn();
      };
      const timer = setTimeout(() => finish(() => resolve(ready())), timeout * 1000);
      const poller: Poller = {
        call: ctx.call,
        wake: () => {
          const r = ready();
          if (r.length > 0) finish(() => resolve(r));
        },
        terminate: (error) => {
          // A client that abandons its long poll and starts another (grammY's bot.stop) closes the first connection
          // just before; on a loaded machine that close can be read after the new request. Telegram answers the old
          // request over a network, later than that: a short grace lets an abandoned poll count as aborted.
          setTimeout(() => {
            if (ctx.isClosed()) ctx.call.aborted = true;
            finish(() => reject(error));
          }, TERMINATE_GRACE_MS);
        },
      };
      ctx.onClose(() => {
        ctx.call.aborted = true;
        finish(() => reject(new ApiError(499, 'client closed the request')));
      });
      this.poller = poller;
    });
  }

  // ─── webhooks ───

  private setWebhook(p: Params): true {
    const url = optString(p, 'url');
    if (url === undefined) throw badRequest('parameter "url" is required');
    const allowed = optArray(p, 'allowed_updates');
    const drop = optBool(p, 'drop_pending_updates') ?? false;
    const maxConnections = optInt(p, 'max_connections') ?? 40;
    if (url === '') {
      this.webhookState = null;
      if (drop) this.dropPending();
      return true;
    }
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw badRequest('bad webhook: invalid URL');
    }
    const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
    if (parsed.protocol === 'http:' && !loopback) throw badRequest('bad webhook: An HTTPS URL must be provided for webhook');
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw badRequest('bad webhook: An HTTPS URL must be provided for webhook');
    if (parsed.protocol === 'https:' && !loopback && parsed.port !== '' && !['443', '80', '88', '8443'].includes(parsed.port)) {
      throw badRequest('bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443');
    }
    const secret = optString(p, 'secret_token');
    if (secret !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secret)) {
      throw badRequest('bad webhook: secret token must be 1-256 characters, only A-Z, a-z, 0-9, _ and - are allowed');
    }
    if (maxConnections < 1 || maxConnections > 100) throw badRequest('bad webhook: max_connections must be between 1 and 100');
    this.setAllowedUpdates(allowed);
    if (drop) this.dropPending();
    const state: WebhookState = { url, max_connections: maxConnections };
    if (secret !== undefined) state.secret_token = secret;
    if (this.allowedUpdates) state.allowed_updates = [...this.allowedUpdates];
    this.webhookState = state;
    const poller = this.poller;
    if (poller) {
      this.poller = null;
      poller.terminate(new ApiError(409, WEBHOOK_CONFLICT));
    }
    this.kickDelivery();
    return true;
  }

  private deleteWebhook(p: Params): true {
    const drop = optBool(p, 'drop_pending_updates') ?? false;
    this.webhookState = null;
    if (drop) this.dropPending();
    return true;
  }

  private dropPending(): void {
    const last = this.pending[this.pending.length - 1];
    if (last) this.confirmed = Math.max(this.confirmed, last.update_id + 1);
    this.pending = [];
  }

  private getWebhookInfo(): Json {
    const wh = this.webhookState;
    const info: Json = {
      url: wh?.url ?? '',
      has_custom_certificate: false,
      pending_update_count: this.pending.length,
    };
    if (wh) {
      info.max_connections = wh.max_connections;
      if (wh.last_error_date !== undefined) info.last_error_date = wh.last_error_date;
      if (wh.last_error_message !== undefined) info.last_error_message = wh.last_error_message;
    }
    if (this.allowedUpdates) info.allowed_updates = [...this.allowedUpdates];
    return info;
  }

  private kickDelivery(): void {
    if (this.deliveryRunning || !this.webhookState || this.closed) return;
    this.deliveryRunning = true;
    void this.runDelivery().finally(() => {
      this.deliveryRunning = false;
      // Something may have been pushed while the loop was finishing.
      if (this.webhookState && !this.closed && this.pending.some((u) => this.isAllowed(u))) this.kickDelivery();
    });
  }

  private async runDelivery(): Promise<void> {
    while (!this.closed) {
      const wh = this.webhookState;
      if (!wh) return;
      // Updates of types the bot didn't ask for are never sent to a webhook.
      this.pending = this.pending.filter((u) => this.isAllowed(u));
      const update = this.pending[0];
      if (!update) return;
      let delivered = false;
      for (let attempt = 1; attempt <= 1 + this.opts.webhookRetries && !this.closed; attempt++) {
        if (this.webhookState !== wh) return; // webhook changed/removed: keep the update queued
        const outcome = await this.postUpdate(wh, update);
        const record: WebhookDelivery = { update_id: update.update_id, status: outcome.status, attempt, at: Date.now() };
        if (outcome.error !== undefined) record.error = outcome.error;
        this.webhookDeliveries.push(record);
        if (outcome.status >= 200 && outcome.status < 300) {
          delivered = true;
          this.handleWebhookReply(outcome.body);
          break;
        }
        wh.last_error_date = Math.floor(Date.now() / 1000);
        wh.last_error_message = outcome.error ?? `Wrong response from the webhook: ${outcome.status}`;
        if (attempt <= this.opts.webhookRetries) await sleep(this.opts.webhookRetryDelayMs);
      }
      if (this.closed) return;
      if (this.webhookState !== wh && !delivered) return;
      // Delivered, or given up after the retries: the update leaves the queue.
      this.pending = this.pending.filter((u) => u !== update);
    }
  }

  private async postUpdate(wh: WebhookState, update: Update): Promise<{ status: number; body: string; error?: string }> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (wh.secret_token !== undefined) headers['X-Telegram-Bot-Api-Secret-Token'] = wh.secret_token;
    try {
      const res = await fetch(wh.url, {
        method: 'POST',
        headers,
        body: JSON.stringify(update),
        signal: AbortSignal.any([AbortSignal.timeout(this.opts.webhookTimeoutMs), this.closeController.signal]),
      });
      const body = await res.text();
      return { status: res.status, body };
    } catch (e) {
      return { status: 0, body: '', error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
    }
  }

  /** A webhook response may carry a Bot API call ({ method, ...params }); Telegram executes it. */
  private handleWebhookReply(body: string): void {
    if (!body.trim()) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return;
    }
    if (!isObject(parsed) || typeof parsed.method !== 'string') return;
    const rawMethod = parsed.method as string;
    const params: Params = { ...parsed };
    delete params.method;
    const method = canonicalMethod(rawMethod) ?? rawMethod;
    const call: RecordedCall = { method, params, at: Date.now(), ok: false, pending: true, via: 'webhook-reply' };
    this.calls.push(call);
    if (!canonicalMethod(rawMethod)) {
      this.respondError(call, null, new ApiError(404, 'Not Found'));
      return;
    }
    const ctx: DispatchContext = { call, onClose: () => undefined, isClosed: () => true };
    if (method === 'getUpdates') {
      this.respondError(call, null, badRequest('getUpdates is not allowed in a webhook reply'));
      return;
    }
    this.dispatch(method, params, ctx).then(
      (result) => this.respond(call, null, 200, { ok: true, result }),
      (e: unknown) => this.respondError(call, null, e),
    );
  }
}

// ─── inline query results ───

function validateInlineResult(r: unknown, k: number, ids: Set<string>): void {
  if (!isObject(r)) throw badRequest(`can't parse InlineQueryResult #${k}: must be an Object`);
  if (typeof r.type !== 'string' || !INLINE_RESULT_TYPES.has(r.type)) throw badRequest('RESULT_TYPE_INVALID');
  if (typeof r.id !== 'string' || r.id.length === 0 || utf8Length(r.id) > 64) throw badRequest('RESULT_ID_INVALID');
  if (ids.has(r.id)) throw badRequest('RESULT_ID_DUPLICATE');
  ids.add(r.id);
  const type = r.type;
  const requireString = (field: string, code: string): void => {
    if (typeof r[field] !== 'string' || (r[field] as string).trim() === '') throw badRequest(code);
  };
  const requireUrl = (field: string): void => {
    if (!isValidUrl(r[field], ['http:', 'https:'])) throw badRequest(`${field.toUpperCase()}_INVALID`);
  };
  const needsTitle = ['article', 'location', 'venue', 'document', 'video', 'audio', 'voice', 'mpeg4_gif', 'gif', 'photo'];
  switch (type) {
    case 'article':
      requireString('title', 'RESULT_TITLE_EMPTY');
      if (r.input_message_content === undefined) throw badRequest('input_message_content is required for InlineQueryResultArticle');
      if (r.url !== undefined) requireUrl('url');
      break;
    case 'photo':
      if (r.photo_file_id === undefined) {
        requireUrl('photo_url');
        requireUrl('thumbnail_url');
      } else requireString('photo_file_id', 'PHOTO_FILE_ID_INVALID');
      break;
    case 'gif':
    case 'mpeg4_gif': {
      const prefix = type === 'gif' ? 'gif' : 'mpeg4';
      if (r[`${prefix}_file_id`] === undefined) {
        requireUrl(`${prefix}_url`);
        requireUrl('thumbnail_url');
      } else requireString(`${prefix}_file_id`, 'FILE_ID_INVALID');
      break;
    }
    case 'video':
    case 'audio':
    case 'voice':
    case 'document':
      if (r[`${type}_file_id`] === undefined) requireUrl(`${type}_url`);
      else requireString(`${type}_file_id`, 'FILE_ID_INVALID');
      if (type === 'video' || type === 'document' || type === 'voice' || type === 'audio') requireString('title', 'RESULT_TITLE_EMPTY');
      break;
    case 'location':
    case 'venue':
      if (typeof r.latitude !== 'number' || typeof r.longitude !== 'number') throw badRequest('latitude and longitude must be Numbers');
      requireString('title', 'RESULT_TITLE_EMPTY');
      if (type === 'venue') requireString('address', 'VENUE_ADDRESS_INVALID');
      break;
    case 'contact':
      requireString('phone_number', 'PHONE_NUMBER_INVALID');
      requireString('first_name', 'FIRST_NAME_INVALID');
      break;
    case 'game':
      requireString('game_short_name', 'GAME_SHORT_NAME_INVALID');
      break;
    case 'sticker':
      requireString('sticker_file_id', 'STICKER_FILE_ID_INVALID');
      break;
  }
  if (r.title !== undefined && typeof r.title !== 'string') throw badRequest('RESULT_TITLE_EMPTY');
  if (needsTitle.includes(type) && r.title !== undefined && (r.title as string).trim() === '') throw badRequest('RESULT_TITLE_EMPTY');
  if (r.description !== undefined && typeof r.description !== 'string') throw badRequest('description must be a String');
  if (r.thumbnail_url !== undefined && type !== 'photo' && type !== 'gif' && type !== 'mpeg4_gif') requireUrl('thumbnail_url');
  if (r.caption !== undefined) formatText(r.caption, r.parse_mode, r.caption_entities, 1024);
  validateReplyMarkup(r.reply_markup, { inlineOnly: true });
  if (r.input_message_content !== undefined) validateInputMessageContent(r.input_message_content);
}

function validateInputMessageContent(raw: unknown): void {
  const c = parseMaybeJson(raw);
  if (!isObject(c)) throw badRequest("can't parse InputMessageContent: must be an Object");
  if (c.message_text !== undefined) {
    formatText(c.message_text, c.parse_mode, c.entities);
    if (c.link_preview_options !== undefined && !isObject(c.link_preview_options)) throw badRequest("can't parse link_preview_options");
    return;
  }
  if (c.latitude !== undefined || c.longitude !== undefined) {
    if (typeof c.latitude !== 'number' || typeof c.longitude !== 'number') throw badRequest('latitude and longitude must be Numbers');
    return;
  }
  if (c.phone_number !== undefined) {
    if (typeof c.phone_number !== 'string' || typeof c.first_name !== 'string') throw badRequest('phone_number and first_name are required');
    return;
  }
  if (c.payload !== undefined && c.currency !== undefined) return;
  throw badRequest("can't parse InputMessageContent: message text is empty");
}

// ─── request parsing ───

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parseParams(url: URL, contentType: string | undefined, body: Buffer): Params {
  const params: Params = {};
  for (const [k, v] of url.searchParams) params[k] = normalizeEncodedValue(k, v);
  const ct = (contentType ?? '').toLowerCase();
  if (body.length === 0) return params;
  const text = body.toString('utf8');
  if (ct.includes('application/json') || (!ct && text.trimStart().startsWith('{'))) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      throw badRequest(`can't parse JSON body: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (!isObject(parsed)) throw badRequest('JSON body must be an Object');
    Object.assign(params, parsed);
  } else if (ct.includes('application/x-www-form-urlencoded')) {
    for (const [k, v] of new URLSearchParams(text)) params[k] = normalizeEncodedValue(k, v);
  } else if (ct.includes('multipart/form-data')) {
    const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '');
    const b = boundary?.[1] ?? boundary?.[2];
    if (!b) throw badRequest('multipart/form-data without boundary');
    for (const part of body.toString('latin1').split(`--${b}`)) {
      const sep = part.indexOf('\r\n\r\n');
      if (sep < 0) continue;
      const head = part.slice(0, sep);
      const name = /name="([^"]*)"/i.exec(head)?.[1];
      if (!name) continue;
      const filename = /filename="([^"]*)"/i.exec(head)?.[1];
      const value = Buffer.from(part.slice(sep + 4).replace(/\r\n$/, ''), 'latin1').toString('utf8');
      params[name] = filename !== undefined ? `[file ${filename}]` : normalizeEncodedValue(name, value);
    }
  }
  return params;
}
