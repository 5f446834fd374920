import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Bot } from 'grammy';
import type { Update } from 'grammy/types';
import type { Registry } from 'prom-client';
import type { BotContext } from './bot/context.ts';
import type { InFlight } from './bot/in-flight.ts';
import type { Logger } from './logger.ts';

export interface Health {
  ready: boolean;
  mode: string;
  passages: number;
  documents: number;
}

export interface WebhookTarget {
  path: string;
  secret: string;
  bot: Bot<BotContext>;
  inFlight: InFlight;
}

const MAX_BODY_BYTES = 1_000_000;
/** Telegram redelivers an update whose webhook request is not answered in time (about a minute). */
const WEBHOOK_REPLY_WITHIN_MS = 25_000;

/** Constant-time comparison, so the secret cannot be guessed one character at a time from response times. */
export function secretMatches(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface HttpServer {
  server: Server;
  port: number;
  setWebhook(target: WebhookTarget): void;
  /** Stop accepting requests; resolves when open requests are done. */
  close(): Promise<void>;
}

/** `GET /healthz` in every mode, plus the webhook endpoint (POST on the WEBHOOK_URL path) in webhook mode. */
export async function startHttpServer(host: string, port: number, health: () => Health, logger: Logger, registry?: Registry): Promise<HttpServer> {
  const started = Date.now();
  let webhook: WebhookTarget | undefined;

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      logger.error({ err: String(error) }, 'http handler failed');
      if (!res.headersSent) send(res, 500, { ok: false });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/healthz') {
      const h = health();
      send(res, h.ready ? 200 : 503, { ...h, uptime_s: Math.round((Date.now() - started) / 1000) });
      return;
    }
    if (req.method === 'GET' && path === '/metrics' && registry) {
      const body = await registry.metrics();
      res.writeHead(200, { 'content-type': registry.contentType });
      res.end(body);
      return;
    }
    if (webhook && path === webhook.path) {
      if (req.method !== 'POST') return send(res, 405, { ok: false });
      if (!secretMatches(req.headers['x-telegram-bot-api-secret-token'], webhook.secret)) {
        logger.warn({ remote: req.socket.remoteAddress }, 'webhook request with a wrong or missing secret token');
        req.resume();
        return send(res, 401, { ok: false, error: 'unauthorized' });
      }
      const body = await readBody(req);
      let update: Update;
      try {
        update = JSON.parse(body) as Update;
        if (typeof update !== 'object' || update === null || typeof update.update_id !== 'number') throw new Error('no update_id');
      } catch {
        return send(res, 400, { ok: false, error: 'bad update' });
      }
      const target = webhook;
      // Errors are handled (and logged) by bot.catch; Telegram gets 200 so it does not redeliver a poison update forever.
      // An answer held up by flood limits keeps going after the reply, before Telegram's own timeout would redeliver it.
      const handled = target.inFlight.track(update.update_id, () => target.bot.handleUpdate(update)).catch(() => undefined);
      await Promise.race([handled, new Promise((r) => setTimeout(r, WEBHOOK_REPLY_WITHIN_MS).unref())]);
      return send(res, 200, { ok: true });
    }
    send(res, 404, { ok: false, error: 'not found' });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    setWebhook: (target) => {
      webhook = target;
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
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
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
