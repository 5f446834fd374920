/**
 * Helpers for chaos tests against FakeTelegram: seeded randomness, random fault injection per request,
 * and bookkeeping of which question got which answers.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Chat, Message, Update, User } from 'grammy/types';
import type { BotProcess } from './bot-process.ts';
import type { FakeTelegram, FaultSpec, RecordedCall } from './fake-telegram.ts';
import { PROJECT_ROOT } from './run-process.ts';
import type { UpdateBuilder } from './update-builders.ts';

/** mulberry32: a small, fast, seedable PRNG (same seed, same sequence). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

export type FaultKind = '429' | '500' | '502' | 'drop';

export const FAULTS: Record<FaultKind, FaultSpec | 'drop'> = {
  '429': { error_code: 429, description: 'Too Many Requests: retry after 1', retry_after: 1 },
  '500': { error_code: 500, description: 'Internal Server Error' },
  '502': { error_code: 502, description: 'Bad Gateway' },
  drop: 'drop',
};

export interface FaultPlan {
  /** probability that one request to the method fails */
  rate: number;
  kinds: readonly FaultKind[];
  /** at most this many faults for the method (default: unlimited) */
  max?: number;
  /** the first `skip` requests to the method are never faulted (e.g. the first getUpdates) */
  skip?: number;
}

export interface FaultInjector {
  /** faults injected so far, by method and kind */
  counts(): Record<string, Record<FaultKind, number>>;
  total(): number;
  /** stop injecting (already queued faults are not affected) */
  stop(): void;
}

/**
 * Makes a random share of requests fail, decided per request with a seeded RNG: the fake records every request
 * (calls.push) before it looks up its fault queue, so a fault queued at that moment hits exactly that request.
 * Uses only FakeTelegram's public surface (calls, injectFault).
 */
export function injectRandomFaults(tg: FakeTelegram, plans: Record<string, FaultPlan>, random: () => number): FaultInjector {
  const counts: Record<string, Record<FaultKind, number>> = {};
  const seen: Record<string, number> = {};
  let active = true;
  const calls = tg.calls;
  const originalPush = calls.push;
  calls.push = function push(this: RecordedCall[], ...items: RecordedCall[]): number {
    for (const call of items) {
      const plan = plans[call.method];
      if (!plan || !active || call.via === 'webhook-reply') continue;
      const index = (seen[call.method] = (seen[call.method] ?? 0) + 1);
      const perMethod = (counts[call.method] ??= { '429': 0, '500': 0, '502': 0, drop: 0 });
      const injected = Object.values(perMethod).reduce((a, b) => a + b, 0);
      if (index <= (plan.skip ?? 0) || injected >= (plan.max ?? Infinity) || random() >= plan.rate) continue;
      const kind = plan.kinds[Math.floor(random() * plan.kinds.length)] as FaultKind;
      tg.injectFault(call.method, FAULTS[kind], 1);
      perMethod[kind] += 1;
    }
    return originalPush.apply(this, items);
  };
  return {
    counts: () => structuredClone(counts),
    total: () => Object.values(counts).reduce((sum, perMethod) => sum + Object.values(perMethod).reduce((a, b) => a + b, 0), 0),
    stop: () => {
      active = false;
    },
  };
}

/** Faults the fake actually answered with (injected), by method and kind, read back from its records. */
export function injectedFaults(tg: FakeTelegram): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const c of tg.calls) {
    if (!c.injected) continue;
    const kind = c.error?.error_code === 0 ? 'drop' : String(c.error?.error_code);
    const perMethod = (out[c.method] ??= {});
    perMethod[kind] = (perMethod[kind] ?? 0) + 1;
  }
  return out;
}

// ───────────────────────────── questions and answers ─────────────────────────────

export interface ChatSpec {
  chat: Chat;
  /** the user who asks in a private chat; askers in groups are distinct per question */
  user?: User;
  /** forum topic the questions are asked in */
  threadId?: number;
}

export interface Question {
  n: number;
  chatId: number;
  messageId: number;
  threadId?: number;
  text: string;
  update: Update;
}

/**
 * Registers the chats with the fake: private chats of users 3000+i, basic groups, supergroups (some forums) and
 * channels, so that message ids are allocated by the fake and never clash with the bot's messages.
 */
export function makeChats(tg: FakeTelegram, counts: { privateChats: number; groups: number; supergroups: number; forums: number; channels: number }, base = 0): ChatSpec[] {
  const out: ChatSpec[] = [];
  for (let i = 0; i < counts.privateChats; i++) {
    const user: User = { id: 3000 + base + i, is_bot: false, first_name: `User ${base + i}`, language_code: 'en' };
    tg.addChat({ id: user.id, type: 'private', first_name: user.first_name });
    out.push({ chat: { id: user.id, type: 'private', first_name: user.first_name }, user });
  }
  for (let i = 0; i < counts.groups; i++) {
    const chat: Chat.GroupChat = { id: -(5000 + base + i), type: 'group', title: `Group ${base + i}` };
    tg.addChat(chat);
    out.push({ chat });
  }
  for (let i = 0; i < counts.supergroups + counts.forums; i++) {
    const forum = i >= counts.supergroups;
    const chat: Chat.SupergroupChat = { id: -(1_002_000_000_000 + base + i), type: 'supergroup', title: `Supergroup ${base + i}`, ...(forum ? { is_forum: true as const } : {}) };
    tg.addChat(chat);
    out.push({ chat, ...(forum ? { threadId: 10 + i } : {}) });
  }
  for (let i = 0; i < counts.channels; i++) {
    const chat: Chat.ChannelChat = { id: -(1_003_000_000_000 + base + i), type: 'channel', title: `Channel ${base + i}` };
    tg.addChat(chat);
    out.push({ chat });
  }
  return out;
}

export const ANSWERABLE_QUESTIONS = [
  'How many polling places were there?',
  'When was the referendum held?',
  'Who is the Secretary of the Central Election Commission?',
  'How many precincts were opened abroad?',
  'Who moderated the KazISS expert platform meeting?',
  'What percentage of Kazakhstanis support holding the referendum?',
  'Who chaired the Dialogue Platform meeting?',
  'How many respondents took part in the KazISS telephone survey?',
  'Who is the Commissioner for Human Rights in Kazakhstan?',
  'When did Astana host the CEC conference?',
];
export const OUT_OF_SCOPE_QUESTIONS = ['What is the capital of France?', 'Who won the football world cup?', 'How do I bake sourdough bread?', 'What will the weather be in Almaty tomorrow?'];

/**
 * Builds one question update per (chat, slot): private chats get plain text, groups and channels `/ask ...`;
 * in groups every question comes from a different user (the per-user rate limit is not what is tested here).
 * Each text ends with " (#n)" so every question is unique. Message ids come from the fake (via the builder).
 */
export function buildQuestions(b: UpdateBuilder, order: ChatSpec[], random: () => number, firstN = 1): Question[] {
  return order.map((spec, i) => {
    const n = firstN + i;
    const base = random() < 0.75 ? ANSWERABLE_QUESTIONS[Math.floor(random() * ANSWERABLE_QUESTIONS.length)] : OUT_OF_SCOPE_QUESTIONS[Math.floor(random() * OUT_OF_SCOPE_QUESTIONS.length)];
    const chat = spec.chat;
    let update: Update;
    let text: string;
    if (chat.type === 'private') {
      text = `${base} (#${n})`;
      update = b.privateText(text, { from: spec.user as User });
    } else if (chat.type === 'channel') {
      text = `/ask ${base} (#${n})`;
      update = b.channelPost(text, { chat });
    } else {
      text = `/ask ${base} (#${n})`;
      const from: User = { id: 100_000 + n, is_bot: false, first_name: `Asker ${n}` };
      update = chat.type === 'group' ? b.groupText(text, { chat, from }) : b.supergroupText(text, { chat, from, ...(spec.threadId !== undefined ? { threadId: spec.threadId } : {}) });
    }
    const message = (update.message ?? update.channel_post) as Message;
    return { n, chatId: chat.id, messageId: message.message_id, ...(spec.threadId !== undefined ? { threadId: spec.threadId } : {}), text, update };
  });
}

const replyTarget = (c: RecordedCall): number | undefined => (c.params.reply_parameters as { message_id?: number } | undefined)?.message_id;
const key = (chatId: unknown, messageId: unknown) => `${String(chatId)}:${String(messageId)}`;

export interface AnswerReport {
  questions: number;
  /** successful sendMessage calls replying to one of the questions */
  answers: number;
  answered: number;
  unanswered: Question[];
  /** questions answered more than once, with how many times */
  duplicated: Array<{ question: Question; times: number }>;
  /** extra answers beyond the first, summed */
  duplicates: number;
  /** chats whose answers did not come in question order */
  outOfOrder: Array<{ chatId: number; questionOrder: number[]; answerOrder: number[] }>;
  /** answers to a forum-topic question sent outside that topic */
  wrongTopic: Question[];
  /** successful sendMessage calls that reply to no known question */
  stray: RecordedCall[];
}

/** Matches every successful sendMessage to the question it replies to (chat_id + reply_parameters.message_id). */
export function answerReport(tg: FakeTelegram, questions: readonly Question[]): AnswerReport {
  const byKey = new Map(questions.map((q) => [key(q.chatId, q.messageId), q]));
  const answersTo = new Map<string, RecordedCall[]>();
  const stray: RecordedCall[] = [];
  const answerOrderByChat = new Map<number, number[]>();
  for (const call of tg.sentMessages()) {
    const k = key(call.params.chat_id, replyTarget(call));
    const q = byKey.get(k);
    if (!q) {
      stray.push(call);
      continue;
    }
    answersTo.set(k, [...(answersTo.get(k) ?? []), call]);
    answerOrderByChat.set(q.chatId, [...(answerOrderByChat.get(q.chatId) ?? []), q.messageId]);
  }
  const unanswered: Question[] = [];
  const duplicated: Array<{ question: Question; times: number }> = [];
  const wrongTopic: Question[] = [];
  let answers = 0;
  for (const q of questions) {
    const got = answersTo.get(key(q.chatId, q.messageId)) ?? [];
    answers += got.length;
    if (got.length === 0) unanswered.push(q);
    if (got.length > 1) duplicated.push({ question: q, times: got.length });
    if (q.threadId !== undefined && got.some((c) => c.params.message_thread_id !== q.threadId)) wrongTopic.push(q);
  }
  const outOfOrder: AnswerReport['outOfOrder'] = [];
  const questionOrderByChat = new Map<number, number[]>();
  for (const q of questions) questionOrderByChat.set(q.chatId, [...(questionOrderByChat.get(q.chatId) ?? []), q.messageId]);
  for (const [chatId, answerOrder] of answerOrderByChat) {
    // First answers only: a duplicate is reported as a duplicate, not as a reordering.
    const firsts = answerOrder.filter((id, i) => answerOrder.indexOf(id) === i);
    const asked = (questionOrderByChat.get(chatId) ?? []).filter((id) => firsts.includes(id));
    if (firsts.join() !== asked.join()) outOfOrder.push({ chatId, questionOrder: asked, answerOrder: firsts });
  }
  return {
    questions: questions.length,
    answers,
    answered: questions.length - unanswered.length,
    unanswered,
    duplicated,
    duplicates: duplicated.reduce((sum, d) => sum + d.times - 1, 0),
    outOfOrder,
    wrongTopic,
    stray,
  };
}

/** Polls until `done()` or the timeout; resolves true when done, false on timeout (never throws). */
export async function waitUntil(done: () => boolean, timeoutMs: number, intervalMs = 25): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (done()) return true;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  return done();
}

/**
 * Waits until `done()`, or until nothing new has happened for `quietMs` (the count returned by `progress()` has not
 * changed), or the hard timeout. Returns whether `done()` holds.
 */
export async function waitUntilDoneOrQuiet(done: () => boolean, progress: () => number, options: { quietMs: number; timeoutMs: number }): Promise<boolean> {
  const deadline = Date.now() + options.timeoutMs;
  let last = progress();
  let lastChange = Date.now();
  while (Date.now() < deadline) {
    if (done()) return true;
    const now = progress();
    if (now !== last) {
      last = now;
      lastChange = Date.now();
    } else if (Date.now() - lastChange >= options.quietMs) {
      return done();
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return done();
}

export const seconds = (ms: number) => Math.round(ms / 100) / 10;

/** The most successful sendMessage/editMessageText calls in any sliding window of `windowMs` (Telegram: 30 per second overall). */
export function maxInSlidingWindow(tg: FakeTelegram, windowMs = 1000): number {
  const times = tg.calls.filter((c) => c.ok && (c.method === 'sendMessage' || c.method === 'editMessageText')).map((c) => c.at).sort((a, b) => a - b);
  let best = 0;
  for (let hi = 0, lo = 0; hi < times.length; hi++) {
    while ((times[hi] as number) - (times[lo] as number) >= windowMs) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}

// ───────────────────────────── processes ─────────────────────────────

/** Child process ids of `pid` (Linux /proc; [] elsewhere or when it is gone). */
function childPids(pid: number): number[] {
  try {
    const fromTask = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
    if (fromTask) return fromTask.split(/\s+/).map(Number);
  } catch {
    // fall back to scanning /proc
  }
  const out: number[] = [];
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        if (ppid === pid) out.push(Number(entry));
      } catch {
        // gone meanwhile
      }
    }
  } catch {
    // no /proc
  }
  return out;
}

/** `pid` and all its descendants, deepest first. */
export function processTree(pid: number): number[] {
  return [...childPids(pid).flatMap(processTree), pid];
}

/**
 * `kill -9` of the bot itself, and of anything it started. Resolves with the exit code.
 */
export async function crash(bot: BotProcess): Promise<number | null> {
  const pid = bot.child.pid;
  if (pid === undefined || bot.child.exitCode !== null) return bot.child.exitCode;
  const exited = new Promise<number | null>((resolve) => bot.child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 + 9 : null))));
  const descendants = processTree(pid).filter((p) => p !== pid);
  for (const p of descendants) {
    try {
      process.kill(p, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  if (descendants.length === 0) bot.child.kill('SIGKILL');
  const timer = setTimeout(() => bot.child.kill('SIGKILL'), 5_000);
  const code = await exited;
  clearTimeout(timer);
  return code;
}

/** Cleanup: SIGKILL the wrapper and everything under it (by pid), so no bot outlives the test. */
export function killProcessTree(bot: BotProcess): void {
  const pid = bot.child.pid;
  // An exited wrapper's pid may belong to another process by now.
  if (pid === undefined || bot.child.exitCode !== null || bot.child.signalCode !== null) return;
  for (const p of processTree(pid)) {
    try {
      process.kill(p, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/**
 * Removes the update journal the bot keeps (src/main.ts: `.cache/updates-<key>.jsonl`,
 * key = sha256(token NUL apiRoot)), for a fake server that no bot will poll again. No-op if there is none.
 */
export function removePollingState(tg: FakeTelegram): void {
  const key = createHash('sha256').update(`${tg.token}\u0000${tg.apiRoot}`).digest('hex').slice(0, 16);
  rmSync(join(PROJECT_ROOT, '.cache', `updates-${key}.jsonl`), { force: true });
}
