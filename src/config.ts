import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Empty values in the environment or .env mean "not set". */
const optionalText = z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().optional());

/** A whole number in [min, max] given as text, with a default. */
const wholeNumber = (fallback: number, min: number, max: number, what: string) =>
  optionalText
    .default(String(fallback))
    .refine((v) => /^\d{1,10}$/.test(v ?? '') && Number(v) >= min && Number(v) <= max, { message: `must be ${what} from ${min} to ${max}` })
    .transform((v) => Number(v));

const schema = z
  .object({
    BOT_TOKEN: optionalText.refine((v) => v === undefined || /^\d{1,20}:[A-Za-z0-9_-]{30,}$/.test(v), {
      message: 'must look like "123456789:AA..." (the token @BotFather gave you)',
    }),
    TELEGRAM_API_ROOT: optionalText
      .default('https://api.telegram.org')
      .refine((v) => /^https?:\/\/[^\s/]+/.test(v ?? ''), { message: 'must be an http(s) URL such as https://api.telegram.org' })
      .transform((v) => (v ?? '').replace(/\/+$/, '')),
    BOT_MODE: optionalText.default('polling').pipe(z.enum(['polling', 'webhook'], { message: 'must be "polling" or "webhook"' })),
    WEBHOOK_URL: optionalText.refine((v) => v === undefined || /^https?:\/\/[^\s/]+/.test(v), { message: 'must be the full public http(s) URL Telegram posts updates to' }),
    WEBHOOK_SECRET: optionalText.refine((v) => v === undefined || /^[A-Za-z0-9_-]{1,256}$/.test(v), {
      message: 'must be 1-256 characters of A-Z, a-z, 0-9, "_" and "-"',
    }),
    HOST: optionalText.default('0.0.0.0'),
    PORT: optionalText
      .default('8080')
      .refine((v) => /^\d{1,5}$/.test(v ?? '') && Number(v) <= 65535, { message: 'must be a port number 0-65535' })
      .transform((v) => Number(v)),
    CORPUS_DIR: optionalText.default('./corpus'),
    CORPUS_WATCH: optionalText
      .default('0')
      .pipe(z.enum(['0', '1', 'false', 'true'], { message: 'must be 1 (reload the corpus when its files change) or 0' }))
      .transform((v) => v === '1' || v === 'true'),
    LOG_LEVEL: optionalText.default('info').pipe(z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` })),
    METRICS_HOST: optionalText.default('127.0.0.1'),
    METRICS_PORT: wholeNumber(9091, 0, 65535, 'a port number'),
    HTTP_HEADERS_TIMEOUT_MS: wholeNumber(10_000, 100, 60_000, 'milliseconds'),
    HTTP_REQUEST_TIMEOUT_MS: wholeNumber(30_000, 100, 60_000, 'milliseconds'),
    HTTP_KEEPALIVE_TIMEOUT_MS: wholeNumber(5_000, 100, 60_000, 'milliseconds'),
    HTTP_MAX_CONNECTIONS: wholeNumber(256, 1, 100_000, 'a number of connections'),
    USER_DATA_TTL_DAYS: wholeNumber(365, 1, 36_500, 'days'),
    REDIS_URL: optionalText.refine((v) => v === undefined || /^rediss?:\/\/[^\s]*$/.test(v), { message: 'must be a redis:// or rediss:// URL, e.g. redis://localhost:6379' }),
  });

export interface Config {
  botToken: string | undefined;
  apiRoot: string;
  mode: 'polling' | 'webhook';
  webhook: { url: string; path: string; secret: string } | undefined;
  host: string;
  port: number;
  corpusDir: string;
  /** Reload the corpus when a file in corpusDir changes (SIGHUP reloads it either way). */
  corpusWatch: boolean;
  logLevel: (typeof LOG_LEVELS)[number];
  /** GET /metrics is served on its own listener, loopback by default (not on the webhook port). */
  metrics: { host: string; port: number };
  /** Limits of the HTTP server (/healthz, webhook): slow or idle sockets are closed, connections capped. */
  http: { headersTimeoutMs: number; requestTimeoutMs: number; keepAliveTimeoutMs: number; maxConnections: number };
  /** Language choices of users not seen for this many days are deleted. */
  userDataTtlDays: number;
  /** Shared state of replicas (language choices, rate and flood limits, webhook de-duplication, polling lease). */
  redisUrl: string | undefined;
}

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(readonly problems: Array<{ variable: string; message: string }>) {
    super(['Invalid configuration (environment or .env):', ...problems.map((p) => `  - ${p.variable}: ${p.message}`)].join('\n'));
    this.name = 'ConfigError';
  }
}

/** Parses the environment once; throws a ConfigError naming every bad variable (never echoing secrets). */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = schema.safeParse(env);
  const problems = parsed.success ? [] : parsed.error.issues.map((issue) => ({ variable: String(issue.path[0] ?? 'environment'), message: issue.message }));
  // Checked on the raw values too, so one run names every problem even when other variables are bad.
  if (env.BOT_MODE?.trim() === 'webhook') {
    for (const variable of ['WEBHOOK_URL', 'WEBHOOK_SECRET']) {
      if (!env[variable]?.trim() && !problems.some((p) => p.variable === variable)) problems.push({ variable, message: 'is required when BOT_MODE=webhook' });
    }
  }
  // Without a token the process would start the local console and exit 0: a broken deploy that looks healthy.
  const webhookWanted = env.BOT_MODE?.trim() === 'webhook' || Boolean(env.WEBHOOK_URL?.trim());
  if (webhookWanted && !env.BOT_TOKEN?.trim() && !problems.some((p) => p.variable === 'BOT_TOKEN')) {
    problems.unshift({ variable: 'BOT_TOKEN', message: `is required in webhook mode (${env.BOT_MODE?.trim() === 'webhook' ? 'BOT_MODE=webhook' : 'WEBHOOK_URL is set'}); the console mode runs only when no webhook is configured` });
  }
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);
  const e = parsed.data;
  return {
    botToken: e.BOT_TOKEN,
    apiRoot: e.TELEGRAM_API_ROOT,
    mode: e.BOT_MODE,
    webhook: e.BOT_MODE === 'webhook' && e.WEBHOOK_URL && e.WEBHOOK_SECRET ? { url: e.WEBHOOK_URL, path: new URL(e.WEBHOOK_URL).pathname, secret: e.WEBHOOK_SECRET } : undefined,
    host: e.HOST ?? '0.0.0.0',
    port: e.PORT,
    corpusDir: e.CORPUS_DIR ?? './corpus',
    corpusWatch: e.CORPUS_WATCH,
    logLevel: e.LOG_LEVEL,
    metrics: { host: e.METRICS_HOST ?? '127.0.0.1', port: e.METRICS_PORT },
    http: { headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS, requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS, keepAliveTimeoutMs: e.HTTP_KEEPALIVE_TIMEOUT_MS, maxConnections: e.HTTP_MAX_CONNECTIONS },
    userDataTtlDays: e.USER_DATA_TTL_DAYS,
    redisUrl: e.REDIS_URL,
  };
}
