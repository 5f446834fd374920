/**
 * Builders for realistic Telegram Update objects (as the Bot API delivers them),
 * with incrementing update_id and per-chat incrementing message_id.
 *
 *   const b = new UpdateBuilder({ fake: tg });   // optional: share message ids with the fake server
 *   tg.pushUpdate(b.privateText('/start'));
 *   tg.pushUpdate(b.supergroupText('hello', { threadId: 7 }));
 */
import type { CallbackQuery, Chat, InlineQuery, Message, MessageEntity, Update, User } from 'grammy/types';

export interface MessageIdSource {
  allocateMessageId(chatId: number): number;
}

export interface UpdateBuilderOptions {
  /** When given, message ids are allocated by the fake server so they never clash with bot-sent messages. */
  fake?: MessageIdSource;
  /** First update_id (default 1). Leave update ids to FakeTelegram.pushUpdate by passing `assignUpdateIds: false`. */
  firstUpdateId?: number;
  assignUpdateIds?: boolean;
  /** Unix time in seconds used for `date` (default: now). */
  now?: () => number;
}

export interface TextOptions {
  from?: User;
  /** reply to this message (a Message object, e.g. the result of a bot's sendMessage) */
  replyTo?: Message;
  entities?: MessageEntity[];
  messageId?: number;
}

export const DEFAULT_USER: User = {
  id: 1001,
  is_bot: false,
  first_name: 'Aigerim',
  last_name: 'Test',
  username: 'aigerim_test',
  language_code: 'ru',
};

export const DEFAULT_GROUP: Chat.GroupChat = { id: -4001, type: 'group', title: 'Test group' };
export const DEFAULT_SUPERGROUP: Chat.SupergroupChat = {
  id: -1001000000001,
  type: 'supergroup',
  title: 'Test forum',
  username: 'test_forum',
  is_forum: true,
};
export const DEFAULT_CHANNEL: Chat.ChannelChat = { id: -1001000000002, type: 'channel', title: 'Test channel', username: 'test_channel' };

/** bot_command entities Telegram adds for commands like /start or /ask@bot at the start of words. */
export function commandEntities(text: string): MessageEntity[] {
  const out: MessageEntity[] = [];
  const re = /(^|\s)(\/[a-zA-Z0-9_]{1,32}(?:@[a-zA-Z0-9_]{5,32})?)/g;
  for (const m of text.matchAll(re)) {
    const offset = (m.index ?? 0) + (m[1] ?? '').length;
    out.push({ type: 'bot_command', offset, length: (m[2] ?? '').length });
  }
  return out;
}

export class UpdateBuilder {
  private updateId: number;
  private readonly messageIds = new Map<number, number>();
  private queryCounter = 0;
  private readonly opts: UpdateBuilderOptions;

  constructor(options: UpdateBuilderOptions = {}) {
    this.opts = options;
    this.updateId = (options.firstUpdateId ?? 1) - 1;
  }

  private now(): number {
    return this.opts.now ? this.opts.now() : Math.floor(Date.now() / 1000);
  }

  private wrap<K extends keyof Omit<Update, 'update_id'>>(key: K, payload: NonNullable<Update[K]>): Update {
    const u = { [key]: payload } as unknown as Update;
    if (this.opts.assignUpdateIds !== false) {
      this.updateId += 1;
      (u as { update_id: number }).update_id = this.updateId;
    }
    return u;
  }

  nextMessageId(chatId: number): number {
    if (this.opts.fake) return this.opts.fake.allocateMessageId(chatId);
    const next = (this.messageIds.get(chatId) ?? 0) + 1;
    this.messageIds.set(chatId, next);
    return next;
  }

  private nextQueryId(): string {
    this.queryCounter += 1;
    return `${Date.now()}${String(this.queryCounter).padStart(4, '0')}`;
  }

  user(overrides: Partial<User> = {}): User {
    return { ...DEFAULT_USER, ...overrides };
  }

  privateChat(user: User = DEFAULT_USER): Chat.PrivateChat {
    const chat: Chat.PrivateChat = { id: user.id, type: 'private', first_name: user.first_name };
    if (user.last_name !== undefined) chat.last_name = user.last_name;
    if (user.username !== undefined) chat.username = user.username;
    return chat;
  }

  /** A text Message object (not wrapped in an update). */
  textMessage(chat: Chat, text: string, opts: TextOptions & { threadId?: number } = {}): Message {
    const message: Record<string, unknown> = { message_id: opts.messageId ?? this.nextMessageId(chat.id) };
    if (chat.type === 'channel') message.sender_chat = chat;
    else message.from = opts.from ?? DEFAULT_USER;
    message.chat = chat;
    message.date = this.now();
    if (opts.threadId !== undefined) {
      message.message_thread_id = opts.threadId;
      message.is_topic_message = true;
    }
    if (opts.replyTo) message.reply_to_message = opts.replyTo;
    message.text = text;
    const entities = opts.entities ?? commandEntities(text);
    if (entities.length > 0) message.entities = entities;
    return message as unknown as Message;
  }

  privateText(text: string, opts: TextOptions = {}): Update {
    const from = opts.from ?? DEFAULT_USER;
    return this.wrap('message', this.textMessage(this.privateChat(from), text, { ...opts, from }) as Update['message'] & object);
  }

  groupText(text: string, opts: TextOptions & { chat?: Chat.GroupChat } = {}): Update {
    return this.wrap('message', this.textMessage(opts.chat ?? DEFAULT_GROUP, text, opts) as Update['message'] & object);
  }

  /** A message in a forum supergroup topic (message_thread_id + is_topic_message). */
  supergroupText(text: string, opts: TextOptions & { chat?: Chat.SupergroupChat; threadId?: number } = {}): Update {
    const chat = opts.chat ?? DEFAULT_SUPERGROUP;
    return this.wrap('message', this.textMessage(chat, text, opts) as Update['message'] & object);
  }

  channelPost(text: string, opts: Omit<TextOptions, 'from'> & { chat?: Chat.ChannelChat } = {}): Update {
    const chat = opts.chat ?? DEFAULT_CHANNEL;
    return this.wrap('channel_post', this.textMessage(chat, text, opts) as Update['channel_post'] & object);
  }

  editedPrivateText(original: Message, newText: string): Update {
    const edited = { ...original, text: newText, edit_date: this.now() } as Record<string, unknown>;
    const entities = commandEntities(newText);
    if (entities.length > 0) edited.entities = entities;
    else delete edited.entities;
    return this.wrap('edited_message', edited as unknown as NonNullable<Update['edited_message']>);
  }

  inlineQuery(query: string, opts: { from?: User; offset?: string; chatType?: InlineQuery['chat_type']; id?: string } = {}): Update {
    const q: InlineQuery = {
      id: opts.id ?? this.nextQueryId(),
      from: opts.from ?? DEFAULT_USER,
      query,
      offset: opts.offset ?? '',
    };
    if (opts.chatType !== undefined) q.chat_type = opts.chatType;
    return this.wrap('inline_query', q);
  }

  /** A callback query; pass the message the button was attached to (e.g. the bot's sendMessage result). */
  callbackQuery(data: string, opts: { message?: Message; from?: User; id?: string; inlineMessageId?: string } = {}): Update {
    const from = opts.from ?? DEFAULT_USER;
    const q: Record<string, unknown> = {
      id: opts.id ?? this.nextQueryId(),
      from,
      chat_instance: String(-(opts.message?.chat.id ?? from.id) * 7919),
    };
    if (opts.message) q.message = opts.message;
    if (opts.inlineMessageId !== undefined) q.inline_message_id = opts.inlineMessageId;
    q.data = data;
    return this.wrap('callback_query', q as unknown as CallbackQuery);
  }
}
