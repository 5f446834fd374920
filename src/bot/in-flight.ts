/** Counts updates being handled, so shutdown can wait for them, and remembers the highest update id seen. */
export class InFlight {
  private running = 0;
  private waiters: Array<() => void> = [];
  highestUpdateId: number | undefined;

  async track<T>(updateId: number, work: () => Promise<T>): Promise<T> {
    this.running += 1;
    if (this.highestUpdateId === undefined || updateId > this.highestUpdateId) this.highestUpdateId = updateId;
    try {
      return await work();
    } finally {
      this.running -= 1;
      if (this.running === 0) for (const resolve of this.waiters.splice(0)) resolve();
    }
  }

  get size(): number {
    return this.running;
  }

  /** Resolves when nothing is being handled (at once if nothing is). */
  idle(): Promise<void> {
    return this.running === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }
}
