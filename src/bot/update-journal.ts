import { appendFileSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Update } from 'grammy/types';
import type { Logger } from '../logger.ts';

/**
 * A local journal of polled updates, so none is lost once Telegram considers it delivered.
 *
 * Every getUpdates call confirms the previous batch, long before its updates are answered. So each batch is
 * written here before the next call, and each update is marked done once handled. At startup the updates a previous
 * run received but did not finish (a stop that skipped them, or a crash) are handed back to be answered.
 * Appends survive the process being killed; only a machine crash loses the last writes (not fsynced).
 */
export class UpdateJournal {
  private readonly unfinished = new Map<number, Update>();
  private doneSinceCompaction = 0;

  constructor(
    private readonly file: string,
    private readonly logger: Logger,
    private readonly compactAfter = 10_000,
  ) {}

  /** Reads what a previous run left unfinished and starts a fresh journal holding just that. */
  recover(): Update[] {
    let text = '';
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.logger.warn({ file: this.file, err: String(error) }, 'cannot read the update journal');
    }
    for (const line of text.split('\n')) {
      if (!line) continue;
      try {
        const entry = JSON.parse(line) as { u?: Update; d?: number };
        if (entry.u && Number.isSafeInteger(entry.u.update_id)) this.unfinished.set(entry.u.update_id, entry.u);
        else if (typeof entry.d === 'number') this.unfinished.delete(entry.d);
      } catch {
        // A line cut short by a crash: everything before it is still good.
      }
    }
    this.compact();
    return [...this.unfinished.values()].sort((a, b) => a.update_id - b.update_id);
  }

  /** Record a fetched batch; must happen before the next getUpdates confirms it. */
  received(updates: readonly Update[]): void {
    if (updates.length === 0) return;
    for (const u of updates) this.unfinished.set(u.update_id, u);
    this.append(updates.map((u) => JSON.stringify({ u })).join('\n') + '\n');
  }

  done(updateId: number): void {
    if (!this.unfinished.delete(updateId)) return;
    this.append(`${JSON.stringify({ d: updateId })}\n`);
    if (++this.doneSinceCompaction >= this.compactAfter) this.compact();
  }

  has(updateId: number): boolean {
    return this.unfinished.has(updateId);
  }

  private append(text: string): void {
    try {
      appendFileSync(this.file, text);
    } catch (error) {
      this.logger.error({ file: this.file, err: String(error) }, 'cannot write the update journal; a crash now could lose updates');
    }
  }

  /** Rewrites the journal with only the unfinished updates (write to a temporary file, then rename). */
  private compact(): void {
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      const temporary = `${this.file}.tmp`;
      writeFileSync(temporary, [...this.unfinished.values()].map((u) => `${JSON.stringify({ u })}\n`).join(''));
      renameSync(temporary, this.file);
      this.doneSinceCompaction = 0;
    } catch (error) {
      this.logger.error({ file: this.file, err: String(error) }, 'cannot write the update journal; a crash now could lose updates');
    }
  }
}
