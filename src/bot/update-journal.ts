import { appendFileSync, chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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
 *
 * Each update is written with the time it was fetched (`t`), so a restart can tell queries Telegram stopped waiting
 * for. The file holds people's names and messages: it is readable by the owner only (0600, its folder 0700), and a
 * clean exit compacts it to what is still unfinished (removing it when nothing is).
 */
export class UpdateJournal {
  private readonly unfinished = new Map<number, Entry>();
  private doneSinceCompaction = 0;
  private closed = false;

  constructor(
    private readonly file: string,
    private readonly logger: Logger,
    private readonly compactAfter = 10_000,
  ) {}

  /** Reads what a previous run left unfinished and starts a fresh journal holding just that. */
  recover(): Update[] {
    // A compaction cut short by a crash leaves its temporary file behind; the journal itself is still whole.
    rmSync(`${this.file}.tmp`, { force: true });
    let text = '';
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.logger.warn({ file: this.file, err: String(error) }, 'cannot read the update journal');
    }
    for (const line of text.split('\n')) {
      if (!line) continue;
      try {
        const entry = JSON.parse(line) as { u?: Update; t?: number; d?: number };
        if (entry.u && Number.isSafeInteger(entry.u.update_id)) this.unfinished.set(entry.u.update_id, { u: entry.u, ...(typeof entry.t === 'number' ? { t: entry.t } : {}) });
        else if (typeof entry.d === 'number') this.unfinished.delete(entry.d);
      } catch {
        // A line cut short by a crash: everything before it is still good.
      }
    }
    this.compact();
    return [...this.unfinished.values()].map((e) => e.u).sort((a, b) => a.update_id - b.update_id);
  }

  /** When the update was fetched from Telegram (ms since the epoch); undefined when unknown (older journals). */
  fetchedAt(updateId: number): number | undefined {
    return this.unfinished.get(updateId)?.t;
  }

  /** Record a fetched batch; must happen before the next getUpdates confirms it. */
  received(updates: readonly Update[], now = Date.now()): void {
    if (updates.length === 0 || this.closed) return;
    for (const u of updates) this.unfinished.set(u.update_id, { u, t: now });
    this.append(updates.map((u) => JSON.stringify({ u, t: now })).join('\n') + '\n');
  }

  done(updateId: number): void {
    if (this.closed || !this.unfinished.delete(updateId)) return;
    this.append(`${JSON.stringify({ d: updateId })}\n`);
    if (++this.doneSinceCompaction >= this.compactAfter) this.compact();
  }

  has(updateId: number): boolean {
    return this.unfinished.has(updateId);
  }

  /** A clean exit: keep only what is unfinished (nothing at all when everything was answered); no writes after this. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.unfinished.size > 0) {
      this.compact();
      return;
    }
    try {
      rmSync(this.file, { force: true });
    } catch (error) {
      this.logger.warn({ file: this.file, err: String(error) }, 'cannot remove the empty update journal');
    }
  }

  private append(text: string): void {
    try {
      appendFileSync(this.file, text, { mode: 0o600 });
    } catch (error) {
      this.logger.error({ file: this.file, err: String(error) }, 'cannot write the update journal; a crash now could lose updates');
    }
  }

  /** Rewrites the journal with only the unfinished updates (write to a temporary file, then rename). */
  private compact(): void {
    try {
      mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
      const temporary = `${this.file}.tmp`;
      writeFileSync(temporary, [...this.unfinished.values()].map((e) => `${JSON.stringify(e)}\n`).join(''), { mode: 0o600 });
      chmodSync(temporary, 0o600); // a leftover temporary file keeps its old mode otherwise
      renameSync(temporary, this.file);
      this.doneSinceCompaction = 0;
    } catch (error) {
      this.logger.error({ file: this.file, err: String(error) }, 'cannot write the update journal; a crash now could lose updates');
    }
  }
}

interface Entry {
  u: Update;
  /** fetched at (ms since the epoch) */
  t?: number;
}
