import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Bot } from 'grammy';
import type { Update } from 'grammy/types';
import type { Registry } from 'prom-client';
import type { CorpusHealth } from './corpus-reload.ts';
import type { Metrics } from './metrics.ts';
import type { BotContext } from './bot/context.ts';
import type { InFlight } from './bot/in-flight.ts';
import type { Logger } from './logger.ts';

export interface Health {
  ready: boolean;
  mode: string;
  passages: number;
  documents: number;
  /** Shared state of replicas: "off" without REDIS_URL; "down" while unreachable (the bot still answers). */
  redis?: 'off' | 'up' | 'down';
  /** The corpus served: its version, when it was loaded, how the last reload went. */
  corpus?: CorpusHealth;
}

export interface WebhookTarget {
  path: string;
  secret: string;
  bot: Bot<BotContext>;
  inFlight: InFlight;
}

/**
 * Limits of the HTTP server, so idle, slow and stalled sockets cannot pile up until file descriptors run out.
 * Node closes a socket (408) whose headers are not in after headersTimeoutMs (a socket that sends nothing included),
 * whose request (body included) is not in after requestTimeoutMs, and an idle keep-alive socket after
 * keepAliveTimeoutMs; the time a handler takes to answer does not count. Connections past maxConnections are closed
 * at once. Checked every second, so a socket is closed at most a second after its limit.
 */
export interface HttpLimits {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  maxConnections: number;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000, maxConnections: 256 };

export interface HttpServerOptions {
  limits?: HttpLimits;
  /** Counts refused webhook requests (every one; the log lines about them are sampled). */
  metrics?: Pick<Metrics, 'webhookRefused'>;
  /** At most one log line about refused webhook requests per this many ms (default 10 s). */
  refusedLogIntervalMs?: number;
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

/**
 * A log line that cannot flood: the first event is logged at once, later ones at most once per interval, each line
 * saying how many were left out since the previous one.
 */
export function sampledLog(logger: Logger, level: 'warn' | 'error', message: string, intervalMs: number, now: () => number = Date.now): (fields: Record<string, unknown>) => void {
  let lastLogged = -Infinity;
  let leftOut = 0;
  return (fields) => {
    const t = now();
    if (t - lastLogged < intervalMs) {
      leftOut += 1;
      return;
    }
    logger[level]({ ...fields, ...(leftOut > 0 ? { not_logged_since_last: leftOut } : {}) }, message);
    lastLogged = t;
    leftOut = 0;
  };
}

function applyLimits(server: Server, limits: HttpLimits): void {
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxConnections = limits.maxConnections;
}

const serverOptions = (limits: HttpLimits) => ({
  headersTimeout: limits.headersTimeoutMs,
  requestTimeout: limits.requestTimeoutMs,
  keepAliveTimeout: limits.keepAliveTimeoutMs,
  connectionsCheckingInterval: Math.min(1_000, limits.headersTimeoutMs, limits.requestTimeoutMs),
});

/**
 * `GET`/`HEAD /healthz` in every mode, plus the webhook endpoint (POST on the WEBHOOK_URL path) in webhook mode.
 * No /metrics here: this port faces Telegram (and so anyone); see startMetricsServer.
 */
export async function startHttpServer(host: string, port: number, health: () => Health, logger: Logger, options: HttpServerOptions = {}): Promise<HttpServer> {
  const started = Date.now();
  let webhook: WebhookTarget | undefined;
  const limits = options.limits ?? DEFAULT_HTTP_LIMITS;
  const logInterval = options.refusedLogIntervalMs ?? 10_000;
  const logRefused = sampledLog(logger, 'warn', 'webhook requests with a wrong or missing secret token', logInterval);
  const logFailure = sampledLog(logger, 'error', 'http handler failed', logInterval);

  const server = createServer(serverOptions(limits), (req, res) => {
    handle(req, res).catch((error: unknown) => {
      logFailure({ err: String(error) });
      if (!res.headersSent) send(res, 500, { ok: false });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    if ((req.method === 'GET' || req.method === 'HEAD') && path === '/healthz') {
      const h = health();
      send(res, h.ready ? 200 : 503, { ...h, uptime_s: Math.round((Date.now() - started) / 1000) });
      return;
    }
    if (webhook && path === webhook.path) {
      if (req.method !== 'POST') return send(res, 405, { ok: false });
      if (!secretMatches(req.headers['x-telegram-bot-api-secret-token'], webhook.secret)) {
        options.metrics?.webhookRefused.inc();
        logRefused({ remote: req.socket.remoteAddress });
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

  applyLimits(server, limits);
  await listen(server, host, port);
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

export interface MetricsServer {
  server: Server;
  port: number;
  close(): Promise<void>;
}

/**
 * `GET /metrics` (Prometheus text) on its own listener, METRICS_HOST:METRICS_PORT, loopback by default: only
 * operators (or a scraper on the same host or network) reach it, and a flood of it is kept off the webhook port.
 */
export async function startMetricsServer(host: string, port: number, registry: Registry, limits: HttpLimits = DEFAULT_HTTP_LIMITS): Promise<MetricsServer> {
  const server = createServer(serverOptions(limits), (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if ((req.method === 'GET' || req.method === 'HEAD') && path === '/metrics') {
      registry.metrics().then(
        (body) => {
          res.writeHead(200, { 'content-type': registry.contentType });
          res.end(body);
        },
        () => send(res, 500, { ok: false }),
      );
      return;
    }
    send(res, 404, { ok: false, error: 'not found' });
  });
  applyLimits(server, { ...limits, maxConnections: Math.min(limits.maxConnections, 16) });
  await listen(server, host, port);
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body)); // a HEAD request gets the headers only (Node drops the body)
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
