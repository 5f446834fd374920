/**
 * End to end: updates per second and latency from an update entering the bot to its sendMessage reaching a
 * loopback fake Bot API (bench/fake-bot-api.ts), for 1, 10 and 100 concurrent chats, polling and webhook, the
 * throttler on and off. The bot runs in its own process, wired as src/main.ts wires it (createBot, startPolling
 * with ledger and journal, or startHttpServer + setWebhook; info-level logs to /dev/null, per-user rate limit off,
 * retries on); this process is the fake Bot API and the users. Each chat sends its next question as soon as its
 * answer arrives (closed loop), so "N chats" means N updates in flight.
 *   polling: an update enters when it is queued (a pending long poll is answered at once)
 *   webhook: an update enters when its POST starts
 *
 * Child: node --import tsx bench/e2e.ts --bot <polling|webhook> <throttle:on|off> <apiRoot> <journalFile>
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { request, Agent } from 'node:http';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Update } from 'grammy/types';
import { benchBotInfo, startFakeBotApi } from './fake-bot-api.ts';
import { summarise, type Summary } from './measure.ts';
import { benchQuestions } from './synthetic.ts';

const TOKEN = '123456:bench-token-abcdefghijklmnopqrstuvwxyz';
const SECRET = 'bench-webhook-secret';
const WEBHOOK_PATH = '/telegram/bench';
const BOT_INFO = benchBotInfo(42, 'referendum_bench_bot');

export type BotMode = 'polling' | 'webhook';

export interface E2EResult {
  mode: BotMode;
  chats: number;
  throttle: boolean;
  updatesPerSecond: number;
  latency: Summary;
}

export async function runE2E(mode: BotMode, chats: number, throttle: boolean, options: { warmupMs: number; measureMs: number }): Promise<E2EResult> {
  const api = await startFakeBotApi();
  const journal = join('.cache', 'bench', `journal-${process.pid}-${mode}-${chats}.jsonl`);
  // BENCH_BOT_NODE_ARGS="--cpu-prof --cpu-prof-dir=prof" profiles the bot process.
  const nodeArgs = (process.env.BENCH_BOT_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'bench/e2e.ts', '--bot', mode, throttle ? 'on' : 'off', api.apiRoot, journal], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const ready = await readyLine(child);
    const agent = new Agent({ keepAlive: true, maxSockets: chats + 10 });
    const questions = benchQuestions();
    let updateId = 0;
    let questionIndex = 0;
    const sentAt = new Map<number, number>();
    const latencies: number[] = [];
    let measuring = false;
    let answered = 0;
    let stopped = false;

    const send = (chatId: number) => {
      if (stopped) return;
      updateId += 1;
      const text = questions[questionIndex++ % questions.length]!;
      const update: Update = {
        update_id: updateId,
        message: { message_id: updateId, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: 'private', first_name: 'User' }, from: { id: chatId, is_bot: false, first_name: 'User', language_code: 'en' }, text },
      } as Update;
      sentAt.set(chatId, performance.now());
      if (mode === 'polling') return api.enqueue(update);
      const body = JSON.stringify(update);
      const req = request({ host: '127.0.0.1', port: ready.port, path: WEBHOOK_PATH, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-telegram-bot-api-secret-token': SECRET } }, (res) => res.resume());
      req.on('error', () => undefined);
      req.end(body);
    };
    api.onSendMessage = (chatId) => {
      const at = sentAt.get(chatId);
      if (at === undefined) return;
      sentAt.delete(chatId);
      if (measuring) {
        latencies.push(performance.now() - at);
        answered += 1;
      }
      send(chatId);
    };

    for (let c = 1; c <= chats; c++) send(1000 + c);
    await sleep(options.warmupMs);
    measuring = true;
    const started = performance.now();
    await sleep(options.measureMs);
    measuring = false;
    const elapsed = performance.now() - started;
    stopped = true;
    agent.destroy();
    return { mode, chats, throttle, updatesPerSecond: (answered / elapsed) * 1000, latency: summarise(latencies) };
  } finally {
    child.kill('SIGTERM');
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => (child.kill('SIGKILL'), resolve()), 5_000);
      child.once('exit', () => (clearTimeout(timer), resolve()));
    });
    await api.close();
    rmSync(journal, { force: true });
  }
}

function readyLine(child: ChildProcess): Promise<{ port: number }> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]!) as { port: number });
    });
    child.once('exit', (code) => reject(new Error(`bench bot exited (${code}) before it was ready`)));
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The bot process: production wiring against the fake API. */
async function bot(mode: BotMode, throttle: boolean, apiRoot: string, journalFile: string): Promise<void> {
  const pino = (await import('pino')).default;
  const { loadConfig } = await import('../src/config.ts');
  const { createLogger } = await import('../src/logger.ts');
  const { createMetrics } = await import('../src/metrics.ts');
  const { createBot } = await import('../src/bot/create-bot.ts');
  const { loadCorpus } = await import('../src/retrieval/corpus/load.ts');
  const { createRetriever } = await import('../src/retrieval/retriever.ts');

  const config = loadConfig({
    BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: apiRoot,
    BOT_MODE: mode,
    ...(mode === 'webhook' ? { WEBHOOK_URL: `https://bot.example.org${WEBHOOK_PATH}`, WEBHOOK_SECRET: SECRET } : {}),
    LOG_LEVEL: 'info',
  });
  const logger = createLogger('info', [TOKEN, SECRET], pino.destination({ dest: '/dev/null', sync: true }));
  const retriever = createRetriever(loadCorpus('corpus'));
  const metrics = createMetrics();
  let stop: () => Promise<void>;
  let port = 0;

  if (mode === 'polling') {
    const { UpdateLedger } = await import('../src/bot/update-ledger.ts');
    const { UpdateJournal } = await import('../src/bot/update-journal.ts');
    const { startPolling } = await import('../src/bot/polling.ts');
    const ledger = new UpdateLedger();
    const bot = createBot({ config, retriever, logger, metrics, botInfo: BOT_INFO, throttle, retry: true, rateLimit: false, ledger });
    const polling = await startPolling(bot, ledger, new UpdateJournal(journalFile, logger), logger);
    stop = () => polling.stop({ deadlineMs: 2_000 });
  } else {
    const { InFlight } = await import('../src/bot/in-flight.ts');
    const { startHttpServer } = await import('../src/http-server.ts');
    const bot = createBot({ config, retriever, logger, metrics, botInfo: BOT_INFO, throttle, retry: true, rateLimit: false });
    const http = await startHttpServer('127.0.0.1', 0, () => ({ ready: true, mode, passages: retriever.passageCount, documents: retriever.documents.length }), logger, { metrics });
    http.setWebhook({ path: WEBHOOK_PATH, secret: SECRET, bot, inFlight: new InFlight() });
    port = http.port;
    stop = () => http.close();
  }
  process.once('SIGTERM', () => {
    void stop().finally(() => process.exit(0));
  });
  process.stdout.write(`${JSON.stringify({ port })}\n`);
}

if (process.argv[2] === '--bot') {
  await bot(process.argv[3] as BotMode, process.argv[4] === 'on', process.argv[5]!, process.argv[6]!);
}
