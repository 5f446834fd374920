/**
 * Chaos tests: the real bot process (`node --import tsx src/main.ts`, polling) against the strict FakeTelegram.
 *
 * 1. A burst of 500 unique questions from 50 chats (40 private, 4 groups, 3 supergroups, 2 forum topics, 1 channel)
 *    while ~10% of sendMessage calls and a few getUpdates calls fail (429 retry_after 1, 500, 502, dropped
 *    connection). Every question must get exactly one answer, in question order per chat, in its forum topic,
 *    with nothing the fake rejects and within Telegram's flood limits.
 * 2. SIGTERM in the middle of a burst of 100: exit 0 within 10 s; after a restart every question has been
 *    answered exactly once across both runs.
 * 3. SIGKILL in the middle of a burst of 100: after a restart every question has been answered at least once
 *    (updates not confirmed are delivered again); duplicates are counted and reported.
 *
 * CHAOS_SEED=<n> changes the shuffling and the fault pattern (default fixed).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { BotProcess } from '../support/bot-process.ts';
import {
  answerReport,
  buildQuestions,
  crash,
  injectedFaults,
  injectRandomFaults,
  killProcessTree,
  makeChats,
  maxInSlidingWindow,
  removePollingState,
  seconds,
  seededRandom,
  shuffle,
  waitUntil,
  waitUntilDoneOrQuiet,
  type AnswerReport,
  type ChatSpec,
  type Question,
} from '../support/chaos-helpers.ts';
import { FakeTelegram } from '../support/fake-telegram.ts';
import { UpdateBuilder } from '../support/update-builders.ts';

const SEED = Number(process.env.CHAOS_SEED ?? 7_012_022);
const fakes: FakeTelegram[] = [];
const bots: BotProcess[] = [];

afterAll(async () => {
  for (const bot of bots) killProcessTree(bot);
  for (const tg of fakes) {
    await tg.close();
    removePollingState(tg);
  }
});

async function startFake(): Promise<FakeTelegram> {
  const tg = await FakeTelegram.start();
  fakes.push(tg);
  return tg;
}

async function startBot(tg: FakeTelegram): Promise<BotProcess> {
  const bot = BotProcess.start({ BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.apiRoot, BOT_MODE: 'polling' });
  bots.push(bot);
  await bot.waitForLog(/polling for updates/, 30_000);
  return bot;
}

/** `count` questions per chat, in a random interleaving. */
function burstOrder(chats: ChatSpec[], perChat: number, random: () => number): ChatSpec[] {
  return shuffle(
    chats.flatMap((chat) => Array.from({ length: perChat }, () => chat)),
    random,
  );
}

const problems = (tg: FakeTelegram) => tg.rejected().map((c) => `${c.method} ${c.error?.error_code ?? ''}: ${c.error?.description ?? ''} ${JSON.stringify(c.params).slice(0, 200)}`);
const brief = (r: AnswerReport) => ({
  questions: r.questions,
  answered: r.answered,
  answers: r.answers,
  unanswered: r.unanswered.length,
  duplicates: r.duplicates,
  duplicated_questions: r.duplicated.length,
  out_of_order_chats: r.outOfOrder.length,
  wrong_topic: r.wrongTopic.length,
  stray: r.stray.length,
});
const questionIds = (qs: Question[]) => qs.map((q) => `#${q.n} (chat ${q.chatId}, message ${q.messageId})`);
const errorLogs = (bot: BotProcess) => bot.logs.filter((l) => /"level":(50|60)/.test(l));

describe('chaos: the bot process under faults, restarts and crashes', () => {
  it('500 questions from 50 chats in a burst, with faults on sendMessage and getUpdates: each answered exactly once, in order', async () => {
    const random = seededRandom(SEED);
    const tg = await startFake();
    const b = new UpdateBuilder({ fake: tg });
    const chats = makeChats(tg, { privateChats: 40, groups: 4, supergroups: 3, forums: 2, channels: 1 });
    expect(chats).toHaveLength(50);
    const bot = await startBot(tg);

    const faults = injectRandomFaults(
      tg,
      {
        sendMessage: { rate: 0.1, kinds: ['429', '500', '502', 'drop'] },
        getUpdates: { rate: 0.5, kinds: ['429', '500', '502', 'drop'], max: 4 },
      },
      random,
    );
    const questions = buildQuestions(b, burstOrder(chats, 10, random), random);
    const started = Date.now();
    for (const q of questions) tg.pushUpdate(q.update);

    const allAnswered = () => answerReport(tg, questions).unanswered.length === 0;
    await waitUntilDoneOrQuiet(allAnswered, () => tg.calls.length, { quietMs: 20_000, timeoutMs: 100_000 });
    const elapsed = Date.now() - started;
    faults.stop();
    await new Promise((resolve) => setTimeout(resolve, 1500)); // late duplicates, if any
    const report = answerReport(tg, questions);

    const injected = injectedFaults(tg);
    console.log(
      `chaos burst: ${JSON.stringify({
        ...brief(report),
        faults_injected: injected,
        faults_total: Object.values(injected).reduce((s, m) => s + Object.values(m).reduce((a, x) => a + x, 0), 0),
        sendMessage_attempts: tg.callsTo('sendMessage').length,
        getUpdates_calls: tg.callsTo('getUpdates').length,
        elapsed_s: seconds(elapsed),
        rejected: tg.rejected().length,
        flood_violations: tg.floodViolations().length,
        max_messages_in_any_second: maxInSlidingWindow(tg),
        bot_error_logs: errorLogs(bot).length,
      })}`,
    );

    if (tg.floodViolations().length > 0) console.log(`flood violations: ${tg.floodViolations().join('; ')}`);
    expect.soft(questionIds(report.unanswered), 'questions without an answer').toEqual([]);
    expect.soft(report.duplicated.map((d) => `#${d.question.n} answered ${d.times} times`), 'questions answered more than once').toEqual([]);
    expect.soft(report.outOfOrder, 'answers out of question order').toEqual([]);
    expect.soft(questionIds(report.wrongTopic), 'answers outside the forum topic').toEqual([]);
    expect.soft(report.stray.length, 'messages that answer no question').toBe(0);
    expect.soft(problems(tg), 'requests the fake rejected').toEqual([]);
    expect.soft(tg.floodViolations(), 'flood limits').toEqual([]);
    expect(faults.total()).toBeGreaterThan(30);
    expect(injected.getUpdates, 'getUpdates faults').toBeDefined();
  }, 120_000);

  it('SIGTERM mid-burst: exits 0 within 10 s; after a restart every question is answered exactly once across both runs', async () => {
    const random = seededRandom(SEED + 1);
    const tg = await startFake();
    const b = new UpdateBuilder({ fake: tg });
    const chats = makeChats(tg, { privateChats: 20, groups: 2, supergroups: 1, forums: 1, channels: 1 }, 100);
    const first = await startBot(tg);
    const questions = buildQuestions(b, burstOrder(chats, 4, random), random);
    const started = Date.now();
    for (const q of questions) tg.pushUpdate(q.update);

    await waitUntil(() => answerReport(tg, questions).answered >= Math.ceil(questions.length / 3), 30_000);
    const atSignal = answerReport(tg, questions).answered;
    const confirmedAtSignal = tg.confirmedOffset();
    const stopped = await first.stop('SIGTERM');
    const byFirst = answerReport(tg, questions).answered;
    const confirmed = tg.confirmedOffset();

    const second = await startBot(tg);
    await waitUntilDoneOrQuiet(() => answerReport(tg, questions).unanswered.length === 0, () => tg.calls.length, { quietMs: 8_000, timeoutMs: 40_000 });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const report = answerReport(tg, questions);
    console.log(
      `chaos SIGTERM: ${JSON.stringify({
        ...brief(report),
        answered_at_signal: atSignal,
        answered_by_first_run: byFirst,
        exit_code: stopped.code,
        exit_ms: stopped.ms,
        confirmed_offset_at_signal: confirmedAtSignal,
        confirmed_offset_after_exit: confirmed,
        shutdown_checkpoint: first.logs.find((l) => /confirmed polling offset/.test(l))?.replace(/^.*?"confirmed_offset"/, '{"confirmed_offset"'),
        last_update_id: questions.at(-1)?.update.update_id,
        elapsed_s: seconds(Date.now() - started),
        rejected: tg.rejected().length,
        flood_violations: tg.floodViolations().length,
        max_messages_in_any_second: maxInSlidingWindow(tg),
        bot_error_logs: errorLogs(first).length + errorLogs(second).length,
      })}`,
    );
    if (tg.floodViolations().length > 0) console.log(`flood violations: ${tg.floodViolations().join('; ')}`);
    if (stopped.ms > 9_000) console.log(first.logs.filter((l) => /shutdown|stopped|confirmed/.test(l)).join('\n'));

    expect.soft(stopped.code).toBe(0);
    expect.soft(stopped.ms).toBeLessThan(10_000);
    expect.soft(questionIds(report.unanswered), 'questions never answered').toEqual([]);
    expect.soft(report.duplicated.map((d) => `#${d.question.n} answered ${d.times} times`), 'questions answered twice').toEqual([]);
    expect.soft(report.outOfOrder, 'answers out of question order').toEqual([]);
    expect.soft(questionIds(report.wrongTopic), 'answers outside the forum topic').toEqual([]);
    expect.soft(problems(tg), 'requests the fake rejected').toEqual([]);
    expect.soft(tg.floodViolations(), 'flood limits').toEqual([]);
  }, 90_000);

  it('SIGKILL mid-burst: after a restart every question is answered at least once (duplicates are reported)', async () => {
    const random = seededRandom(SEED + 2);
    const tg = await startFake();
    const b = new UpdateBuilder({ fake: tg });
    const chats = makeChats(tg, { privateChats: 20, groups: 2, supergroups: 1, forums: 1, channels: 1 }, 200);
    const first = await startBot(tg);
    const questions = buildQuestions(b, burstOrder(chats, 4, random), random);
    const started = Date.now();
    for (const q of questions) tg.pushUpdate(q.update);

    await waitUntil(() => answerReport(tg, questions).answered >= Math.ceil(questions.length / 3), 30_000);
    const crashCode = await crash(first);
    const byFirst = answerReport(tg, questions).answered;
    const confirmed = tg.confirmedOffset();
    const pendingAtCrash = tg.pendingUpdates().length;

    const second = await startBot(tg);
    await waitUntilDoneOrQuiet(() => answerReport(tg, questions).unanswered.length === 0, () => tg.calls.length, { quietMs: 8_000, timeoutMs: 40_000 });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const report = answerReport(tg, questions);
    const firstUpdateId = questions[0]?.update.update_id ?? 0;
    console.log(
      `chaos SIGKILL: ${JSON.stringify({
        ...brief(report),
        answered_by_first_run: byFirst,
        crash_exit_code: crashCode,
        confirmed_offset_at_crash: confirmed,
        update_ids: `${firstUpdateId}..${questions.at(-1)?.update.update_id}`,
        confirmed_but_unanswered_at_crash: questions.filter((q) => q.update.update_id < confirmed).length - byFirst,
        pending_at_crash: pendingAtCrash,
        elapsed_s: seconds(Date.now() - started),
        rejected: tg.rejected().length,
        bot_error_logs: errorLogs(first).length + errorLogs(second).length,
      })}`,
    );

    expect.soft(questionIds(report.unanswered), 'questions lost by the crash (never answered)').toEqual([]);
    expect.soft(problems(tg), 'requests the fake rejected').toEqual([]);
  }, 90_000);
});
