/**
 * `npm run bench -- soak [--seconds=180] [--rate=600] [--users=100000] [--json]`: memory over a long steady run.
 *
 * The bot runs in its own process wired as src/main.ts wires it for polling (createBot with the default per-user
 * rate limit, the SQLite language store, startPolling with ledger and journal; retries on, throttler off so the rate
 * is the bot's and not Telegram's flood limit; info-level logs to /dev/null) against bench/fake-bot-api.ts. This
 * process sends updates at a steady rate (open loop) from `users` distinct users in turn, so every user asks at
 * least once when rate × seconds ≥ users; one update in 20 is a /language choice (a write to the store).
 * The bot reports RSS and heap (after a full GC) every 5 s; the table gives start (first sample), middle and end.
 * Not a test: nothing fails, the numbers are for reading (bench/RESULTS.md keeps the last run).
 *
 * Child: node --expose-gc --import tsx bench/soak.ts --bot <apiRoot> <dir>
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, release, totalmem } from 'node:os';
import { join } from 'node:path';
import type { Update } from 'grammy/types';
import { benchBotInfo, startFakeBotApi } from './fake-bot-api.ts';
import { JSON_MODE, say, table } from './measure.ts';
import { benchQuestions } from './synthetic.ts';

const TOKEN = '123456:soak-token-abcdefghijklmnopqrstuvwxyz0';
const BOT_INFO = benchBotInfo(43, 'referendum_soak_bot');
const SAMPLE_EVERY_MS = 5_000;

interface Sample {
  t_s: number;
  rss_mb: number;
  heap_mb: number;
  ledger: number;
  store_rows: number;
}

export interface SoakResult {
  seconds: number;
  rate: number;
  users: number;
  sent: number;
  answered: number;
  /** answered when the traffic stopped (the rest were still queued) */
  answeredAtEnd: number;
  /** seconds from the first update to the last (the bot's clock starts a little earlier) */
  trafficEndS: number;
  distinctUsers: number;
  samples: Sample[];
}

const arg = (name: string, fallback: number) => {
  const found = process.argv.find((a) => a.startsWith(`--${name}=`));
  return found ? Number(found.slice(name.length + 3)) : fallback;
};

export async function runSoak(options: { seconds: number; rate: number; users: number }): Promise<SoakResult> {
  const api = await startFakeBotApi();
  const dir = join('.cache', 'bench', `soak-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/soak.ts', '--bot', api.apiRoot, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const samples: Sample[] = [];
  let buffer = '';
  let ready: () => void;
  const isReady = new Promise<void>((resolve) => (ready = resolve));
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk;
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) {
      const message = JSON.parse(line) as { ready?: true } & Partial<Sample>;
      if (message.ready) ready();
      else samples.push(message as Sample);
    }
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await Promise.race([isReady, exited.then(() => Promise.reject(new Error('soak bot exited before it was ready')))]);
    const questions = benchQuestions();
    const seen = new Set<number>();
    let sent = 0;
    let answered = 0;
    api.onSendMessage = () => {
      answered += 1;
    };
    const started = performance.now();
    const total = Math.round(options.rate * options.seconds);
    let lastReport = 0;
    while (sent < total) {
      const elapsed = (performance.now() - started) / 1000;
      const due = Math.min(total, Math.floor(elapsed * options.rate));
      for (; sent < due; sent++) {
        const user = 1 + (sent % options.users);
        seen.add(user);
        const text = sent % 20 === 19 ? `/language ${['ru', 'kk', 'en'][sent % 3]}` : questions[sent % questions.length]!;
        const update = {
          update_id: sent + 1,
          message: {
            message_id: sent + 1,
            date: Math.floor(Date.now() / 1000),
            chat: { id: user, type: 'private', first_name: 'User' },
            from: { id: user, is_bot: false, first_name: 'User', language_code: 'en' },
            text,
            ...(text.startsWith('/') ? { entities: [{ type: 'bot_command', offset: 0, length: text.indexOf(' ') }] } : {}),
          },
        } as Update;
        api.enqueue(update);
      }
      if (elapsed - lastReport >= 30) {
        lastReport = elapsed;
        say(`  soak: ${Math.round(elapsed)} s, ${sent} sent, ${answered} answered, rss ${samples.at(-1)?.rss_mb ?? '?'} MB`);
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const trafficEndS = (performance.now() - started) / 1000;
    const answeredAtEnd = answered;
    // Let the backlog drain (a busy machine falls behind), then one more sample.
    const drainUntil = performance.now() + 90_000;
    while (answered < sent && performance.now() < drainUntil) await new Promise((resolve) => setTimeout(resolve, 100));
    await new Promise((resolve) => setTimeout(resolve, SAMPLE_EVERY_MS + 500));
    return { ...options, sent, answered, answeredAtEnd, trafficEndS, distinctUsers: seen.size, samples };
  } finally {
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The start, middle and end samples, and the report (also written to bench/RESULTS.md between its markers). */
export function reportSoak(result: SoakResult): { lines: string[]; summary: Record<string, unknown> } {
  const s = result.samples;
  const during = s.filter((x) => x.t_s <= result.trafficEndS + 3);
  const at = (list: Sample[], i: number) => list[Math.max(0, Math.min(list.length - 1, i))];
  const points = [
    ['start (before traffic)', at(s, 0)],
    ['middle of traffic', at(during, Math.floor((during.length - 1) / 2))],
    ['end of traffic', at(during, during.length - 1)],
    ['after the backlog drained', at(s, s.length - 1)],
  ] as const;
  const every30 = s.filter((x, i) => i === 0 || x.t_s % 30 < SAMPLE_EVERY_MS / 1000);
  const lines = [
    `## Soak: ${result.seconds} s at ${result.rate} updates/s from ${result.users.toLocaleString('en')} distinct users (polling, rate limit and SQLite store on, throttler off)`,
    '',
    `${result.sent} updates sent (${result.distinctUsers.toLocaleString('en')} distinct users, one in 20 a /language choice), ${result.answeredAtEnd} answered when the traffic stopped, ${result.answered} in all. Samples every ${SAMPLE_EVERY_MS / 1000} s from the bot process; heap is heapUsed after a full GC; ledger ids = update ids the polling ledger holds.`,
    '',
    table(
      ['when', 'time s', 'RSS MB', 'heap MB', 'ledger ids', 'language rows'],
      points.map(([when, p]) => [when, p?.t_s ?? null, p?.rss_mb ?? null, p?.heap_mb ?? null, p?.ledger ?? null, p?.store_rows ?? null]),
    ),
    '',
    `Every 30 s (time s: RSS MB / heap MB): ${every30.map((x) => `${x.t_s}: ${x.rss_mb} / ${x.heap_mb}`).join(', ')}.`,
    '',
  ];
  const summary = {
    soak: {
      seconds: result.seconds,
      rate: result.rate,
      users: result.distinctUsers,
      sent: result.sent,
      answered: result.answered,
      rss_mb: Object.fromEntries(points.map(([when, p]) => [when.split(' ')[0], p?.rss_mb ?? null])),
      heap_mb: Object.fromEntries(points.map(([when, p]) => [when.split(' ')[0], p?.heap_mb ?? null])),
    },
  };
  return { lines, summary };
}

export function writeSoakResults(lines: string[]): void {
  const file = 'bench/RESULTS.md';
  const begin = '<!-- soak:begin (generated by npm run bench -- soak; edit outside the markers) -->';
  const end = '<!-- soak:end -->';
  const generated = [
    begin,
    `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC. Machine: ${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), ${(totalmem() / 2 ** 30).toFixed(0)} GB, Linux ${release()}, Node ${process.version}.`,
    '',
    ...lines,
    end,
  ].join('\n');
  const text = readFileSync(file, 'utf8');
  const a = text.indexOf(begin);
  const b = text.indexOf(end);
  writeFileSync(file, a >= 0 && b > a ? text.slice(0, a) + generated + text.slice(b + end.length) : `${text.trimEnd()}\n\n${generated}\n`);
}

/** `npm run bench -- soak ...` (called from bench/run.ts). */
export async function soakMain(): Promise<void> {
  const options = { seconds: arg('seconds', 180), rate: arg('rate', 600), users: arg('users', 100_000) };
  say(`bench soak: ${options.seconds} s at ${options.rate} updates/s, ${options.users} users …`);
  const result = await runSoak(options);
  const { lines, summary } = reportSoak(result);
  for (const line of lines) say(line);
  writeSoakResults(lines);
  if (JSON_MODE) process.stdout.write(`${JSON.stringify(summary)}\n`);
}

/** The bot process: production wiring for polling against the fake API; prints a memory sample every 5 s. */
async function bot(apiRoot: string, dir: string): Promise<void> {
  const pino = (await import('pino')).default;
  const { loadConfig } = await import('../src/config.ts');
  const { createLogger } = await import('../src/logger.ts');
  const { createMetrics } = await import('../src/metrics.ts');
  const { createBot } = await import('../src/bot/create-bot.ts');
  const { loadCorpus } = await import('../src/retrieval/corpus/load.ts');
  const { createRetriever } = await import('../src/retrieval/retriever.ts');
  const { UpdateLedger } = await import('../src/bot/update-ledger.ts');
  const { UpdateJournal } = await import('../src/bot/update-journal.ts');
  const { startPolling } = await import('../src/bot/polling.ts');
  const { SqliteSessionStorage } = await import('../src/bot/session-storage.ts');

  const config = loadConfig({ BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: apiRoot, LOG_LEVEL: 'info' });
  const logger = createLogger('info', [TOKEN], pino.destination({ dest: '/dev/null', sync: true }));
  const retriever = createRetriever(loadCorpus('corpus'));
  const metrics = createMetrics({ processMetrics: true });
  const storage = new SqliteSessionStorage(join(dir, 'users.sqlite'), { ttlDays: config.userDataTtlDays, logger });
  const ledger = new UpdateLedger();
  const bot = createBot({ config, retriever, logger, metrics, botInfo: BOT_INFO, throttle: false, retry: true, ledger, storage });
  const polling = await startPolling(bot, ledger, new UpdateJournal(join(dir, 'updates.jsonl'), logger), logger);
  const started = performance.now();
  const sample = () => {
    (globalThis as { gc?: () => void }).gc?.();
    const m = process.memoryUsage();
    const line: Sample = { t_s: Math.round((performance.now() - started) / 1000), rss_mb: Math.round(m.rss / 2 ** 20), heap_mb: Math.round((m.heapUsed / 2 ** 20) * 10) / 10, ledger: ledger.size, store_rows: storage.size };
    process.stdout.write(`${JSON.stringify(line)}\n`);
  };
  sample(); // before any traffic
  setInterval(sample, SAMPLE_EVERY_MS);
  process.once('SIGTERM', () => {
    void polling.stop({ deadlineMs: 2_000 }).finally(() => {
      storage.close();
      process.exit(0);
    });
  });
  process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
}

if (process.argv[2] === '--bot') {
  await bot(process.argv[3]!, process.argv[4]!);
}
