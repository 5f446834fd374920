/**
 * Issue 13: sockets that sent nothing, stopped inside the headers or stalled inside a body stayed open for more than
 * 400 s (about 1,000 of them and /healthz failed with EMFILE); every forged webhook request wrote a warn line; HEAD
 * /healthz was 404; /metrics was open on the webhook port. Proven here with short limits; the defaults are checked
 * against the 65 s bar.
 */
import { connect, type Socket } from 'node:net';
import { Writable } from 'node:stream';
import type { Bot } from 'grammy';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { BotContext } from '../src/bot/context.ts';
import { InFlight } from '../src/bot/in-flight.ts';
import { DEFAULT_HTTP_LIMITS, startHttpServer, startMetricsServer, type HttpLimits, type HttpServer, type MetricsServer } from '../src/http-server.ts';
import { createMetrics } from '../src/metrics.ts';

const SECRET = 'test_secret-0123456789';
const SHORT: HttpLimits = { headersTimeoutMs: 300, requestTimeoutMs: 600, keepAliveTimeoutMs: 200, maxConnections: 50 };
const health = () => ({ ready: true, mode: 'webhook', passages: 1, documents: 1 });
const servers: Array<HttpServer | MetricsServer> = [];
const sockets: Socket[] = [];

afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  for (const s of servers.splice(0)) await s.close();
});

function capturingLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n')) if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

async function start(limits: HttpLimits, logger = pino({ level: 'silent' }), metrics = createMetrics()) {
  const http = await startHttpServer('127.0.0.1', 0, health, logger, { limits, metrics, refusedLogIntervalMs: 60_000 });
  http.setWebhook({ path: '/hook', secret: SECRET, bot: {} as Bot<BotContext>, inFlight: new InFlight() });
  servers.push(http);
  return http;
}

/** Opens a socket, writes `data`, and resolves with how long until the server closed it (and what it answered). */
function probe(port: number, data: string, giveUpMs = 5_000): Promise<{ closedAfterMs: number | undefined; reply: string }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = connect(port, '127.0.0.1', () => {
      if (data) socket.write(data);
    });
    sockets.push(socket);
    let reply = '';
    socket.on('data', (chunk) => (reply += chunk.toString()));
    socket.on('error', () => undefined);
    const timer = setTimeout(() => resolve({ closedAfterMs: undefined, reply }), giveUpMs);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ closedAfterMs: Date.now() - started, reply });
    });
  });
}

describe('HTTP server limits', () => {
  it('closes idle, slow-header, stalled-body and idle keep-alive sockets once their limits pass', async () => {
    const http = await start(SHORT);
    const [idle, slowHeaders, stalledBody, keepAlive] = await Promise.all([
      probe(http.port, ''),
      probe(http.port, 'POST /hook HTTP/1.1\r\nHost: x\r\nX-Telegram-Bot'),
      probe(http.port, `POST /hook HTTP/1.1\r\nHost: x\r\nX-Telegram-Bot-Api-Secret-Token: ${SECRET}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"update_id":`),
      probe(http.port, 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n'),
    ]);
    // Limit plus one check interval (300 ms here; at most 1 s with any limits), with slack for a busy machine.
    expect(idle.closedAfterMs).toBeLessThan(SHORT.headersTimeoutMs + 1_500);
    expect(slowHeaders.closedAfterMs).toBeLessThan(SHORT.headersTimeoutMs + 1_500);
    expect(stalledBody.closedAfterMs).toBeLessThan(SHORT.requestTimeoutMs + 1_500);
    expect(stalledBody.reply).toMatch(/^HTTP\/1.1 408/);
    expect(keepAlive.reply).toMatch(/^HTTP\/1.1 200/);
    expect(keepAlive.closedAfterMs).toBeLessThan(SHORT.requestTimeoutMs + 1_500);
  });

  it('caps connections: past maxConnections a new socket is closed at once', async () => {
    const http = await start({ ...SHORT, headersTimeoutMs: 10_000, requestTimeoutMs: 10_000, maxConnections: 5 });
    const held = Array.from({ length: 5 }, () => probe(http.port, 'GET /healthz HTTP/1.1\r\nHost: x\r\n', 3_000));
    await new Promise((r) => setTimeout(r, 200));
    const extra = await probe(http.port, '', 3_000);
    expect(extra.closedAfterMs).toBeLessThan(1_000);
    expect(extra.reply).toBe('');
    for (const s of sockets) s.destroy();
    await Promise.all(held);
  });

  it('defaults close every such socket within 65 s, and are what a server gets without options', async () => {
    const checkEveryMs = 1_000;
    expect(DEFAULT_HTTP_LIMITS.headersTimeoutMs + checkEveryMs).toBeLessThanOrEqual(65_000);
    expect(DEFAULT_HTTP_LIMITS.requestTimeoutMs + checkEveryMs).toBeLessThanOrEqual(65_000);
    expect(DEFAULT_HTTP_LIMITS.keepAliveTimeoutMs + checkEveryMs).toBeLessThanOrEqual(65_000);
    // Telegram's webhook requests are small and quick: a request fully received within 30 s is plenty.
    expect(DEFAULT_HTTP_LIMITS.requestTimeoutMs).toBeGreaterThanOrEqual(10_000);
    const http = await startHttpServer('127.0.0.1', 0, health, pino({ level: 'silent' }));
    servers.push(http);
    expect({
      headersTimeoutMs: http.server.headersTimeout,
      requestTimeoutMs: http.server.requestTimeout,
      keepAliveTimeoutMs: http.server.keepAliveTimeout,
      maxConnections: http.server.maxConnections,
    }).toEqual(DEFAULT_HTTP_LIMITS);
  });
});

describe('HTTP endpoints', () => {
  it('answers HEAD /healthz like GET, without a body', async () => {
    const http = await start(SHORT);
    const head = await fetch(`http://127.0.0.1:${http.port}/healthz`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await fetch(`http://127.0.0.1:${http.port}/healthz`)).status).toBe(200);
  });

  it('logs refused webhook requests a bounded number of times, and counts every one', async () => {
    const { logger, lines } = capturingLogger();
    const metrics = createMetrics();
    const http = await start(SHORT, logger, metrics);
    for (let i = 0; i < 200; i++) {
      const res = await fetch(`http://127.0.0.1:${http.port}/hook`, { method: 'POST', headers: { 'x-telegram-bot-api-secret-token': 'forged' }, body: '{}' });
      expect(res.status).toBe(401);
    }
    const refusedLines = lines.filter((l) => /wrong or missing secret/.test(String(l.msg)));
    expect(refusedLines).toHaveLength(1); // one line per minute here (refusedLogIntervalMs)
    expect(await metrics.registry.getSingleMetricAsString('bot_webhook_refused_total')).toMatch(/bot_webhook_refused_total 200/);
  });

  it('serves /metrics on its own listener only', async () => {
    const metrics = createMetrics();
    metrics.updates.inc({ type: 'message' });
    const http = await start(SHORT, undefined, metrics);
    const own = await startMetricsServer('127.0.0.1', 0, metrics.registry, SHORT);
    servers.push(own);
    expect((await fetch(`http://127.0.0.1:${http.port}/metrics`)).status).toBe(404);
    const res = await fetch(`http://127.0.0.1:${own.port}/metrics`);
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/bot_updates_total\{type="message"\} 1/);
    expect((await fetch(`http://127.0.0.1:${own.port}/healthz`)).status).toBe(404);
  });
});
