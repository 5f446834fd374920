/**
 * A minimal, fast fake Telegram Bot API for the end-to-end benchmark (the strict one in tests/support checks every
 * request and is slower): getUpdates from a queue with long polling, sendMessage answered with a message object,
 * every other method `ok: true`. It reports each sendMessage's chat, so the benchmark can time each answer.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Update, UserFromGetMe } from 'grammy/types';

export interface FakeBotApi {
  apiRoot: string;
  /** Queues an update for getUpdates (answers a waiting long poll at once). */
  enqueue(update: Update): void;
  /** Called for every sendMessage, with its chat id. */
  onSendMessage: (chatId: number) => void;
  close(): Promise<void>;
}

interface Waiter {
  res: ServerResponse;
  offset: number;
  limit: number;
  timer: NodeJS.Timeout;
}

export async function startFakeBotApi(): Promise<FakeBotApi> {
  let queue: Update[] = [];
  let waiters: Waiter[] = [];
  let messageId = 0;

  const reply = (res: ServerResponse, result: unknown) => {
    const body = JSON.stringify({ ok: true, result });
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };
  const pending = (offset: number, limit: number) => {
    if (queue.length > 0 && queue[0]!.update_id < offset) queue = queue.filter((u) => u.update_id >= offset);
    return queue.slice(0, limit);
  };

  const api: FakeBotApi = {
    apiRoot: '',
    onSendMessage: () => undefined,
    enqueue(update) {
      queue.push(update);
      const ready = waiters;
      waiters = [];
      for (const w of ready) {
        clearTimeout(w.timer);
        reply(w.res, pending(w.offset, w.limit));
      }
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const method = (req.url ?? '').split('/').pop()?.split('?')[0] ?? '';
      const params = chunks.length > 0 ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>) : {};
      if (method === 'getUpdates') {
        const offset = Number(params.offset ?? 0);
        const limit = Number(params.limit ?? 100);
        const updates = pending(offset, limit);
        if (updates.length > 0 || !params.timeout) return reply(res, updates);
        const waiter: Waiter = { res, offset, limit, timer: setTimeout(() => ((waiters = waiters.filter((w) => w !== waiter)), reply(res, [])), Number(params.timeout) * 1000) };
        waiters.push(waiter);
        res.on('close', () => {
          clearTimeout(waiter.timer);
          waiters = waiters.filter((w) => w !== waiter);
        });
        return;
      }
      if (method === 'sendMessage') {
        const chatId = Number(params.chat_id);
        reply(res, { message_id: ++messageId, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: 'private', first_name: 'User' }, text: String(params.text ?? '') });
        api.onSendMessage(chatId);
        return;
      }
      reply(res, true);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  api.apiRoot = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return api;
}

/** The getMe answer of a benchmark bot (preset, so no getMe is sent). */
export function benchBotInfo(id: number, username: string): UserFromGetMe {
  return {
    id,
    is_bot: true,
    first_name: 'Referendum Q&A',
    username,
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: true,
    can_connect_to_business: false,
    has_main_web_app: false,
  } as UserFromGetMe;
}
