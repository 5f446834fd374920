import 'dotenv/config';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync } from 'node:fs';
import { Api, GrammyError, type Bot, type StorageAdapter } from 'grammy';
import { registerCommands } from './bot/commands-menu.ts';
import type { BotContext } from './bot/context.ts';
import { ALLOWED_UPDATES, createBot } from './bot/create-bot.ts';
import { classifyError } from './bot/errors.ts';
import { createI18n } from './bot/i18n.ts';
import { InFlight } from './bot/in-flight.ts';
import { startPolling, type Polling } from './bot/polling.ts';
import { SqliteSessionStorage } from './bot/session-storage.ts';
import { UpdateJournal } from './bot/update-journal.ts';
import { UpdateLedger } from './bot/update-ledger.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { runConsole } from './console-mode.ts';
import { startHttpServer, startMetricsServer, type Health, type HttpServer, type MetricsServer } from './http-server.ts';
import { atLeast, createLogger, plainTextDestination, type Logger } from './logger.ts';
import { createMetrics } from './metrics.ts';
import { Corpus } from './corpus-reload.ts';
import { openSharedState, type SharedState } from './redis/shared-state.ts';
import { CorpusError } from './retrieval/errors.ts';

const SHUTDOWN_DEADLINE_MS = 9_000;
/** The journal of polled updates (see UpdateJournal): one per bot and Bot API server, local to this machine. */
function journalFile(config: Config): string {
  const key = createHash('sha256').update(`${config.botToken}\u0000${config.apiRoot}`).digest('hex').slice(0, 16);
  return `.cache/updates-${key}.jsonl`;
}
/** Each user's /language choice, in one database per bot id (a new token of the same bot keeps them). */
function usersFile(config: Config): string {
  return `.cache/users-${config.botToken?.split(':')[0] ?? 'console'}.sqlite`;
}
/** Where earlier versions kept one JSON file per user; moved into usersFile at the first start. */
function legacyUsersDir(config: Config): string {
  return `.cache/users-${config.botToken?.split(':')[0] ?? 'console'}`;
}

/** The journal and the language choices hold people's ids, names and messages: owner only. */
function privateCacheDir(logger: Logger): void {
  try {
    mkdirSync('.cache', { recursive: true, mode: 0o700 });
    chmodSync('.cache', 0o700);
  } catch (error) {
    logger.warn({ err: String(error) }, 'cannot make .cache/ private to this user');
  }
}


/** A startup failure the operator can fix (rejected token, port in use, ...): the message says how; no stack trace. */
class StartupError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'StartupError';
  }
}

/** Startup problems a person can fix: print the message and exit non-zero. Anything else is a bug: with its stack. */
function fail(error: unknown): never {
  if (error instanceof ConfigError || error instanceof CorpusError || error instanceof StartupError) {
    process.stderr.write(`error [${error.code}]: ${error.message}\n`);
  } else {
    process.stderr.write(`error [STARTUP_FAILED]: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
}

/** How long one getMe at startup may take before it counts as a failed attempt. */
const GET_ME_TIMEOUT_S = 10;

/**
 * getMe until Telegram answers: an unreachable API at startup is waited out, not fatal (health says 503 meanwhile).
 * It is asked through a client of its own, without the bot's auto-retry (which would retry for about a minute before
 * this loop saw the first failure): every failed attempt is logged at once, with the wait before the next one.
 */
async function initWithRetry(bot: Bot<BotContext>, config: Config, logger: Logger, stopping: () => boolean): Promise<void> {
  const api = new Api(config.botToken ?? '', { apiRoot: config.apiRoot, timeoutSeconds: GET_ME_TIMEOUT_S });
  for (let attempt = 1, delay = 500; ; attempt++, delay = Math.min(delay * 2, 30_000)) {
    try {
      bot.botInfo = await api.getMe();
      await bot.init();
      return;
    } catch (error) {
      const info = classifyError(error);
      if (info.status === 401 || info.status === 404) {
        throw new StartupError('TELEGRAM_TOKEN_REJECTED', `Telegram rejected BOT_TOKEN (${info.status} ${info.message}); copy the token again from @BotFather (/token) into BOT_TOKEN.`);
      }
      logger.warn({ attempt, retry_in_ms: delay, err: info }, `Telegram not reachable at ${config.apiRoot} (attempt ${attempt}); retrying in ${(delay / 1000).toFixed(1)} s`);
      if (stopping()) return;
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}

/** Why the HTTP server could not listen, in words that say what to change. */
function listenError(error: unknown, config: Config): StartupError {
  const code = (error as NodeJS.ErrnoException).code;
  const where = `${config.host}:${config.port}`;
  if (code === 'EADDRINUSE') return new StartupError('PORT_IN_USE', `Port ${config.port} is already in use on ${config.host} (another copy of the bot?); stop that process or set PORT to a free port.`);
  if (code === 'EACCES') return new StartupError('PORT_NOT_ALLOWED', `Not allowed to listen on ${where} (ports below 1024 need privileges); set PORT to 1024 or above.`);
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') return new StartupError('HOST_INVALID', `Cannot listen on ${where}: HOST is not an address of this machine; set HOST (0.0.0.0 listens on all).`);
  return new StartupError('LISTEN_FAILED', `Cannot listen on ${where} (${(error as Error).message}); set HOST/PORT.`);
}

/** Polling with Redis: refuse to start when another instance polls this bot (Telegram allows one consumer). */
async function takePollingLease(shared: SharedState, logger: Logger): Promise<void> {
  const outcome = await shared.pollingLease!.acquire();
  if (outcome.held === true) return;
  if (outcome.held === 'unknown') {
    logger.warn('cannot check through Redis that no other instance polls this bot; polling anyway (Telegram refuses a second consumer with 409 Conflict)');
    return;
  }
  await shared.close();
  throw new StartupError(
    'POLLING_LEASE_HELD',
    `Another instance is already polling this bot (${outcome.holder}), as recorded in Redis. Telegram allows one getUpdates consumer per bot: stop that instance, or run replicas with BOT_MODE=webhook (see docs/deploy.md).`,
  );
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    fail(error);
  }
  // The console mode is for a person at a terminal: plain-text warnings and errors only, no JSON lines.
  const logger = config.botToken
    ? createLogger(config.logLevel, [config.botToken, config.webhook?.secret])
    : createLogger(atLeast(config.logLevel, 'warn'), [], plainTextDestination());
  // The index from a snapshot when the corpus is unchanged since it was written, else built from the Markdown.
  let corpus: Corpus;
  try {
    corpus = await Corpus.open({ corpusDir: config.corpusDir, logger });
  } catch (error) {
    fail(error);
  }
  // Reloadable: whatever holds it sees every reload (SIGHUP, CORPUS_WATCH).
  const retriever = corpus.retriever;
  if (config.corpusWatch) corpus.watch();

  if (!config.botToken) {
    process.stderr.write(
      'BOT_TOKEN is not set. To run the Telegram bot, create one with @BotFather (/newbot), then put BOT_TOKEN=<token> in .env.\n' +
        'Starting the local console mode instead: the same cited answers, in this terminal.\n',
    );
    const quit = () => process.exit(0);
    process.once('SIGINT', quit);
    process.once('SIGTERM', quit);
    await runConsole(retriever);
    return;
  }

  // In the console mode SIGHUP keeps its default meaning (the terminal closed: exit); here it reloads the corpus.
  process.on('SIGHUP', () => void corpus.reload('SIGHUP'));
  const metrics = createMetrics({ processMetrics: true });
  const ledger = new UpdateLedger();
  const i18n = createI18n<BotContext>();
  privateCacheDir(logger);
  const shared = config.redisUrl ? await openSharedState({ url: config.redisUrl, botId: config.botToken.split(':')[0] ?? 'bot', mode: config.mode, userDataTtlDays: config.userDataTtlDays, logger }) : undefined;
  if (shared?.pollingLease) await takePollingLease(shared, logger);
  let storage: SqliteSessionStorage | undefined;
  if (!shared) {
    try {
      storage = new SqliteSessionStorage(usersFile(config), { ttlDays: config.userDataTtlDays, legacyDir: legacyUsersDir(config), logger });
    } catch (error) {
      logger.error({ file: usersFile(config), err: String(error) }, 'cannot keep language choices on disk; keeping them in memory until the next restart');
    }
  }
  const bot = createBot({
    config,
    retriever,
    logger,
    metrics,
    i18n,
    ...(shared ? { storage: shared.languageStorage, windowCounters: shared.windowCounters, floodLimiter: shared.floodLimiter } : storage ? { storage } : {}),
    ...(shared?.updateClaims ? { updateClaims: shared.updateClaims } : {}),
    ...(config.mode === 'polling' ? { ledger } : {}),
  });
  let ready = false;
  let stopping = false;
  let polling: Polling | undefined;
  const webhookInFlight = new InFlight();
  let http: HttpServer | undefined;
  try {
    const health = (): Health => ({ ready, mode: config.mode, passages: retriever.passageCount, documents: retriever.documents.length, corpus: corpus.health(), redis: shared?.status ?? 'off' });
    http = await startHttpServer(config.host, config.port, health, logger, { limits: config.http, metrics });
  } catch (error) {
    fail(listenError(error, config));
  }
  logger.info({ host: config.host, port: http.port }, 'http server listening (GET /healthz)');
  let metricsServer: MetricsServer | undefined;
  try {
    metricsServer = await startMetricsServer(config.metrics.host, config.metrics.port, metrics.registry, config.http);
  } catch (error) {
    fail(new Error(`Cannot listen on ${config.metrics.host}:${config.metrics.port} for /metrics (${(error as Error).message}); set METRICS_HOST/METRICS_PORT.`));
  }
  logger.info({ host: config.metrics.host, port: metricsServer.port }, 'metrics server listening (GET /metrics)');

  // A second signal (a service manager's retry, an impatient Ctrl-C) hurries the stop but never skips confirming the
  // offset or recording the answers in flight: it is handled, not left to Node's default (exit at once).
  const hurry = new AbortController();
  const shutdown = async (signal: string) => {
    if (stopping) {
      logger.warn({ signal }, 'already shutting down; no longer waiting for updates being handled');
      hurry.abort();
      return;
    }
    stopping = true;
    ready = false;
    logger.info({ signal }, 'shutting down');
    const deadline = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(0);
    }, SHUTDOWN_DEADLINE_MS);
    deadline.unref();
    try {
      if (polling) await polling.stop({ deadlineMs: SHUTDOWN_DEADLINE_MS - 1_500, hurry: hurry.signal });
      const hurried = new Promise((r) => (hurry.signal.aborted ? r(undefined) : hurry.signal.addEventListener('abort', r, { once: true })));
      await Promise.race([Promise.all([http?.close(), metricsServer?.close(), webhookInFlight.idle()]), hurried]);
    } catch (error) {
      logger.error({ err: classifyError(error) }, 'error during shutdown');
    }
    storage?.close();
    await shared?.pollingLease?.release();
    await shared?.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    await initWithRetry(bot, config, logger, () => stopping);
    if (stopping) return;
    logger.info({ username: bot.botInfo.username }, 'connected to Telegram');
    await registerCommands(bot.api, (lang, key) => i18n.t(lang, key)).catch((error: unknown) => logger.warn({ err: classifyError(error) }, 'setMyCommands failed'));
    if (config.mode === 'webhook' && config.webhook) {
      http.setWebhook({ path: config.webhook.path, secret: config.webhook.secret, bot, inFlight: webhookInFlight });
      await bot.api.setWebhook(config.webhook.url, { secret_token: config.webhook.secret, allowed_updates: ALLOWED_UPDATES }).catch((error: unknown) => {
        if (error instanceof GrammyError && error.error_code === 400) {
          throw new StartupError('WEBHOOK_REJECTED', `Telegram refused WEBHOOK_URL (${error.description}); it must be a public https:// URL on port 443, 80, 88 or 8443.`);
        }
        throw error;
      });
      logger.info({ path: config.webhook.path }, 'webhook set');
    } else {
      polling = await startPolling(bot, ledger, new UpdateJournal(journalFile(config), logger), logger);
      shared?.pollingLease?.keepRenewing((holder) => {
        logger.error({ holder }, 'another instance took the polling lease (this one was cut off from Redis); stopping');
        void shutdown('POLLING_LEASE_LOST');
      });
    }
    ready = true;
  } catch (error) {
    fail(error);
  }
}

main().catch(fail);
