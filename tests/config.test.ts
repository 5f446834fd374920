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
      logLevel: 'info',
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
