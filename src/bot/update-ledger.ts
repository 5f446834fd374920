/**
 * Which updates of this run are waiting for their turn, being handled, handled, or skipped by a stop.
 *
 * Updates are handled concurrently across chats and finish out of order. When the bot stops, updates whose turn has
 * not come yet are skipped: they stay unfinished in the journal and are answered after the restart.
 *
 * Memory stays bounded however long the bot runs: Telegram never sends again an update below the offset a getUpdates
 * call confirmed, so ids below it are forgotten (see confirmed()). What is kept is one batch or so of ids, plus the
 * updates being handled.
 */
export class UpdateLedger {
  /** Every id below this was confirmed to Telegram (getUpdates offset), so it can never arrive again. */
  private floor = 0;
  /** Ids received this run at or above the floor, to recognise one Telegram sends again. */
  private readonly known = new Set<number>();
  private readonly waiting = new Set<number>();
  private readonly running = new Map<number, AnswerState>();
  private idleWaiters: Array<() => void> = [];
  private draining = false;
  private closed = false;
  highestUpdateId: number | undefined;

  /** The update arrived (from Telegram or the journal). False when it is already known: Telegram sent it again. */
  received(id: number): boolean {
    if (id < this.floor || this.known.has(id)) return false;
    this.known.add(id);
    this.waiting.add(id);
    if (this.highestUpdateId === undefined || id > this.highestUpdateId) this.highestUpdateId = id;
    return true;
  }

  /** A getUpdates call with this offset is going out: Telegram forgets every update below it, and so may we. */
  confirmed(offset: number): void {
    if (offset <= this.floor) return;
    this.floor = offset;
    for (const id of this.known) if (id < offset) this.known.delete(id);
  }

  /** Ids remembered, for tests: stays about one batch plus the updates being handled, however long the run. */
  get size(): number {
    return this.known.size + this.waiting.size + this.running.size;
  }

  /** Its turn has come (after the chat's earlier updates): handle it, or skip it because the bot is stopping? */
  begin(id: number): boolean {
    this.waiting.delete(id);
    if (this.draining) return false;
    this.running.set(id, { onWire: 0, answered: false });
    return true;
  }

  /** A Bot API request made for update `id` is leaving for Telegram (after throttling and retry delays). */
  requestSent(id: number): void {
    const state = this.running.get(id);
    if (state) state.onWire += 1;
  }

  /** That request came back; `ok` when Telegram did what it asked (the answer is out). */
  requestEnded(id: number, ok: boolean): void {
    const state = this.running.get(id);
    if (!state) return;
    state.onWire = Math.max(0, state.onWire - 1);
    if (ok) state.answered = true;
  }

  /** After close(), nothing more may go out for this run's updates: they are recorded as done or left for the next run. */
  get isClosed(): boolean {
    return this.closed;
  }

  /** Handling ended. True when the update was handled (not skipped by a stop, nor given up at the deadline). */
  settle(id: number): boolean {
    const known = this.running.delete(id) || this.waiting.delete(id);
    if (this.waiting.size === 0 && this.running.size === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
    return known && !this.closed;
  }

  /** Stop starting new updates; resolves when every received update is handled or skipped. */
  drain(): Promise<void> {
    this.draining = true;
    if (this.waiting.size === 0 && this.running.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * The shutdown deadline: the updates still being handled are split into those whose answer is out or on its way
   * to Telegram (a request was sent: Telegram has it or will answer it; count them as done, or the next run would
   * answer them twice) and those with nothing sent yet (left unfinished, so the next run answers them). From now on
   * no request of this run's updates may go out (see isClosed) and settle() reports nothing as handled.
   */
  close(): { answered: number[]; unanswered: number[] } {
    this.draining = true;
    this.closed = true;
    const answered: number[] = [];
    const unanswered: number[] = [];
    for (const [id, state] of this.running) (state.answered || state.onWire > 0 ? answered : unanswered).push(id);
    return { answered, unanswered };
  }
}

interface AnswerState {
  /** requests of this update on their way to Telegram now */
  onWire: number;
  /** some request of this update succeeded (an answer is out) */
  answered: boolean;
}

/**
 * Which update a Bot API request was made for. The payload object travels unchanged through the transformers
 * (throttler, retries), so the one closest to the network can tell which update's answer is leaving.
 */
const requestOwners = new WeakMap<object, number>();

export function markRequest(payload: unknown, updateId: number): void {
  if (payload && typeof payload === 'object') requestOwners.set(payload, updateId);
}

export function requestOwner(payload: unknown): number | undefined {
  return payload && typeof payload === 'object' ? requestOwners.get(payload) : undefined;
}

/** A transformer rewrote a request (e.g. resent it without a reply): the new payload belongs to the same update. */
export function sameOwner(from: unknown, to: unknown): void {
  const owner = requestOwner(from);
  if (owner !== undefined) markRequest(to, owner);
}
