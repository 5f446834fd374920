import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

const TOKEN = '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghi';

describe('loadConfig', () => {
  it('has the documented defaults and no token means console mode', () => {
    expect(loadConfig({})).toEqual({
      botToken: undefined,
      apiRoot: 'https://api.telegram.org',
      mode: 'polling',
      webhook: undefined,
      host: '0.0.0.0',
      port: 8080,
      corpusDir: './corpus',
      corpusWatch: false,
      logLevel: 'info',
      metrics: { host: '127.0.0.1', port: 9091 },
      http: { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000, maxConnections: 256 },
      userDataTtlDays: 365,
    });
    expect(loadConfig({ BOT_TOKEN: '  ' }).botToken).toBeUndefined();
  });

  it('reads webhook settings and serves the URL path', () => {
    const c = loadConfig({ BOT_TOKEN: TOKEN, BOT_MODE: 'webhook', WEBHOOK_URL: 'https://bot.example.org/tg/abc?x=1', WEBHOOK_SECRET: 's3cr3t_-', PORT: '3000', TELEGRAM_API_ROOT: 'http://127.0.0.1:8081/' });
    expect(c.webhook).toEqual({ url: 'https://bot.example.org/tg/abc?x=1', path: '/tg/abc', secret: 's3cr3t_-' });
    expect(c.port).toBe(3000);
    expect(c.apiRoot).toBe('http://127.0.0.1:8081');
  });

  it('names every bad variable at once and never echoes the token', () => {
    let error: unknown;
    try {
      loadConfig({ BOT_TOKEN: 'secret-but-malformed', BOT_MODE: 'webhok', PORT: '99999', LOG_LEVEL: 'loud', TELEGRAM_API_ROOT: 'ftp://x' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    for (const v of ['BOT_TOKEN', 'BOT_MODE', 'PORT', 'LOG_LEVEL', 'TELEGRAM_API_ROOT']) expect(message).toContain(`- ${v}:`);
    expect(message).not.toContain('secret-but-malformed');
  });

  it('reads the metrics listener, HTTP limits and the idle time after which language choices are deleted', () => {
    const c = loadConfig({ METRICS_HOST: '10.0.0.5', METRICS_PORT: '0', HTTP_HEADERS_TIMEOUT_MS: '500', HTTP_REQUEST_TIMEOUT_MS: '700', HTTP_KEEPALIVE_TIMEOUT_MS: '300', HTTP_MAX_CONNECTIONS: '4', USER_DATA_TTL_DAYS: '30' });
    expect(c.metrics).toEqual({ host: '10.0.0.5', port: 0 });
    expect(c.http).toEqual({ headersTimeoutMs: 500, requestTimeoutMs: 700, keepAliveTimeoutMs: 300, maxConnections: 4 });
    expect(c.userDataTtlDays).toBe(30);
    expect(() => loadConfig({ HTTP_HEADERS_TIMEOUT_MS: '120000', USER_DATA_TTL_DAYS: '0', METRICS_PORT: 'x' })).toThrow(/HTTP_HEADERS_TIMEOUT_MS[\s\S]*USER_DATA_TTL_DAYS|METRICS_PORT/);
  });

  it('watches the corpus only when CORPUS_WATCH says so', () => {
    expect(loadConfig({ CORPUS_WATCH: '1' }).corpusWatch).toBe(true);
    expect(loadConfig({ CORPUS_WATCH: 'true' }).corpusWatch).toBe(true);
    expect(loadConfig({ CORPUS_WATCH: '0' }).corpusWatch).toBe(false);
    expect(loadConfig({ CORPUS_WATCH: ' ' }).corpusWatch).toBe(false);
    expect(() => loadConfig({ CORPUS_WATCH: 'yes please' })).toThrow(/CORPUS_WATCH: must be 1/);
  });

  it('requires the webhook URL and secret in webhook mode, even when other values are bad too', () => {
    expect(() => loadConfig({ BOT_MODE: 'webhook', PORT: 'x' })).toThrow(/WEBHOOK_URL: is required[\s\S]*WEBHOOK_SECRET: is required/);
    expect(() => loadConfig({ BOT_MODE: 'webhook', WEBHOOK_URL: 'https://x.org/h', WEBHOOK_SECRET: 'bad secret!' })).toThrow(/WEBHOOK_SECRET/);
  });
});

describe('webhook mode without a token', () => {
  it('is an error naming BOT_TOKEN, not the console mode (a broken deploy must not look healthy)', () => {
    expect(() => loadConfig({ BOT_MODE: 'webhook', WEBHOOK_URL: 'https://bot.example.org/tg/abc', WEBHOOK_SECRET: 'secret' })).toThrow(/- BOT_TOKEN: is required in webhook mode \(BOT_MODE=webhook\)/);
    expect(() => loadConfig({ WEBHOOK_URL: 'https://bot.example.org/tg/abc' })).toThrow(/- BOT_TOKEN: is required in webhook mode \(WEBHOOK_URL is set\)/);
    expect(() => loadConfig({ BOT_MODE: 'webhook', BOT_TOKEN: ' ' })).toThrow(/BOT_TOKEN[\s\S]*WEBHOOK_URL[\s\S]*WEBHOOK_SECRET/);
    expect(loadConfig({ BOT_MODE: 'polling' }).botToken).toBeUndefined();
  });
});
