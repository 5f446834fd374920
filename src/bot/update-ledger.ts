/**
 * Which updates of this run are waiting for their turn, being handled, handled, or skipped by a stop.
 *
 * Updates are handled concurrently across chats and finish out of order. When the bot stops, updates whose turn has
 * not come yet are skipped: they stay unfinished in the journal and are answered after the restart.
 */
export class UpdateLedger {
  private readonly seen = new Set<number>();
  private readonly waiting = new Set<number>();
  private readonly running = new Set<number>();
  private idleWaiters: Array<() => void> = [];
  private draining = false;
  highestUpdateId: number | undefined;

  /** The update arrived (from Telegram or the journal). False when it is already known: Telegram sent it again. */
  received(id: number): boolean {
    if (this.seen.has(id)) return false;
    this.seen.add(id);
    this.waiting.add(id);
    if (this.highestUpdateId === undefined || id > this.highestUpdateId) this.highestUpdateId = id;
    return true;
  }

  /** Its turn has come (after the chat's earlier updates): handle it, or skip it because the bot is stopping? */
  begin(id: number): boolean {
    this.waiting.delete(id);
    if (this.draining) return false;
    this.running.add(id);
    return true;
  }

  /** Handling ended. True when the update was handled (not skipped by a stop). */
  settle(id: number): boolean {
    const handled = this.running.delete(id) || this.waiting.delete(id);
    if (this.waiting.size === 0 && this.running.size === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
    return handled;
  }

  /** Stop starting new updates; resolves when every received update is handled or skipped. */
  drain(): Promise<void> {
    this.draining = true;
    if (this.waiting.size === 0 && this.running.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }
}
