/**
 * Which polled updates are handled, so a stop within Telegram's patience never answers one twice.
 *
 * Updates are handled concurrently across chats, so they finish out of order. On stop, updates whose turn has not
 * come yet are skipped (Telegram delivers them again after the restart, from the confirmed offset); updates already
 * handled above that offset are remembered in a small state file, and skipped when Telegram delivers them again.
 */
export class UpdateLedger {
  private readonly waiting = new Set<number>();
  private readonly running = new Set<number>();
  private readonly handled = new Set<number>();
  private readonly skipped = new Set<number>();
  private readonly handledBefore: Set<number>;
  private idleWaiters: Array<() => void> = [];
  private draining = false;
  highestUpdateId: number | undefined;

  constructor(handledBefore: Iterable<number> = []) {
    this.handledBefore = new Set(handledBefore);
  }

  /** The update was fetched from Telegram. */
  received(id: number): void {
    this.waiting.add(id);
    if (this.highestUpdateId === undefined || id > this.highestUpdateId) this.highestUpdateId = id;
  }

  /** Its turn has come (after the chat's earlier updates): handle it, or not? */
  begin(id: number): boolean {
    this.waiting.delete(id);
    if (this.handledBefore.has(id)) {
      this.handledBefore.delete(id);
      this.handled.add(id);
      return false;
    }
    if (this.draining) {
      this.skipped.add(id);
      return false;
    }
    this.running.add(id);
    return true;
  }

  /** Handling ended (or the update never reached the handlers). */
  settle(id: number): void {
    if (this.running.delete(id) || this.waiting.delete(id)) this.handled.add(id);
    if (this.waiting.size === 0 && this.running.size === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  /** Stop starting new updates; resolves when every fetched update is handled or skipped. */
  drain(): Promise<void> {
    this.draining = true;
    if (this.waiting.size === 0 && this.running.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** The offset to confirm, and the handled updates at or above it that must not be handled again. */
  checkpoint(): { offset: number | undefined; handledAbove: number[] } {
    const unfinished = [...this.skipped, ...this.waiting, ...this.running];
    if (unfinished.length === 0) {
      return { offset: this.highestUpdateId === undefined ? undefined : this.highestUpdateId + 1, handledAbove: [] };
    }
    const offset = Math.min(...unfinished);
    return { offset, handledAbove: [...this.handled].filter((id) => id > offset).sort((a, b) => a - b) };
  }
}
