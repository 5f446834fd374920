import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Update } from 'grammy/types';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { UpdateJournal } from '../../src/bot/update-journal.ts';
import { UpdateLedger } from '../../src/bot/update-ledger.ts';

const update = (id: number) => ({ update_id: id, message: { message_id: id, date: 0, chat: { id: 1, type: 'private', first_name: 'A' }, text: `q${id}` } }) as Update;
const logger = pino({ level: 'silent' });

describe('UpdateLedger', () => {
  it('ignores an update Telegram sends again', () => {
    const ledger = new UpdateLedger();
    expect(ledger.received(7)).toBe(true);
    expect(ledger.received(7)).toBe(false);
    expect(ledger.highestUpdateId).toBe(7);
  });

  it('on drain skips updates whose turn has not come, and waits for the running ones', async () => {
    const ledger = new UpdateLedger();
    for (const id of [1, 2, 3]) ledger.received(id);
    expect(ledger.begin(1)).toBe(true);
    let drained = false;
    const done = ledger.drain().then(() => (drained = true));
    expect(ledger.begin(2)).toBe(false);
    expect(ledger.settle(2)).toBe(false);
    await Promise.resolve();
    expect(drained).toBe(false);
    expect(ledger.settle(1)).toBe(true);
    expect(ledger.begin(3)).toBe(false);
    expect(ledger.settle(3)).toBe(false);
    await done;
    expect(drained).toBe(true);
  });

  // Issue 13: the ledger remembered every update_id; at 2^24 of them Set threw RangeError and polling died.
  it('stays bounded past 2^24 updates: ids below the confirmed offset are forgotten', () => {
    const ledger = new UpdateLedger();
    const heapBefore = process.memoryUsage().heapUsed;
    const batch = 100;
    let largest = 0;
    // As polling does: each getUpdates confirms the previous batch, then the batch arrives and is handled.
    for (let first = 1; first <= 2 ** 24 + 1_000; first += batch) {
      ledger.confirmed(first);
      for (let id = first; id < first + batch; id++) ledger.received(id);
      largest = Math.max(largest, ledger.size);
      for (let id = first; id < first + batch; id++) {
        ledger.begin(id);
        ledger.settle(id);
      }
    }
    expect(ledger.highestUpdateId).toBeGreaterThan(2 ** 24);
    expect(largest).toBeLessThanOrEqual(2 * batch);
    expect(ledger.size).toBeLessThanOrEqual(batch);
    // The old ledger held ~20 B per update here (over 300 MB) before it threw.
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(50 * 2 ** 20);
  }, 60_000);

  it('still recognises an update sent again, within the unconfirmed window and below it', () => {
    const ledger = new UpdateLedger();
    for (const id of [10, 11, 12]) ledger.received(id);
    ledger.confirmed(12);
    expect(ledger.received(10)).toBe(false); // below the confirmed offset: Telegram never sends it again
    expect(ledger.received(12)).toBe(false); // known, not confirmed yet
    expect(ledger.received(13)).toBe(true);
  });

  it('at the deadline counts updates with an answer out or on its way as done, and leaves the others for the next run', () => {
    const ledger = new UpdateLedger();
    for (const id of [1, 2, 3, 4]) ledger.received(id);
    for (const id of [1, 2, 3]) ledger.begin(id);
    ledger.requestSent(1); // on the wire (a slow Telegram)
    ledger.requestSent(2);
    ledger.requestEnded(2, true); // sent; the update is still busy
    // 3: nothing sent yet (e.g. held by the throttler); 4: its turn never came
    expect(ledger.close()).toEqual({ answered: [1, 2], unanswered: [3] });
    expect(ledger.isClosed).toBe(true);
    expect(ledger.begin(4)).toBe(false);
    // Whatever finishes now is not marked done in the journal: the deadline decided already.
    expect(ledger.settle(1)).toBe(false);
    expect(ledger.settle(3)).toBe(false);
  });
});

describe('UpdateJournal', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('hands back what a previous run received but did not finish, in update order', () => {
    dir = mkdtempSync(join(tmpdir(), 'journal-'));
    const file = join(dir, 'updates.jsonl');
    const first = new UpdateJournal(file, logger);
    expect(first.recover()).toEqual([]);
    first.received([update(3), update(1), update(2)]);
    first.done(1);
    // The process dies here: no clean shutdown.
    const second = new UpdateJournal(file, logger);
    expect(second.recover().map((u) => u.update_id)).toEqual([2, 3]);
    second.done(2);
    second.done(3);
    expect(new UpdateJournal(file, logger).recover()).toEqual([]);
  });

  it('survives a line cut short by a crash, and compacts itself', () => {
    dir = mkdtempSync(join(tmpdir(), 'journal-'));
    const file = join(dir, 'updates.jsonl');
    writeFileSync(file, `${JSON.stringify({ u: update(5) })}\n{"u":{"update_id":6,"mess`);
    const journal = new UpdateJournal(file, logger, 3);
    expect(journal.recover().map((u) => u.update_id)).toEqual([5]);
    journal.received([update(6), update(7), update(8)]);
    for (const id of [5, 6, 7]) journal.done(id);
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(1);
    expect(new UpdateJournal(file, logger).recover().map((u) => u.update_id)).toEqual([8]);
  });

  it('is readable by the owner only, remembers when each update was fetched, and is compacted on a clean exit', () => {
    dir = mkdtempSync(join(tmpdir(), 'journal-'));
    const file = join(dir, 'state', 'updates.jsonl');
    const journal = new UpdateJournal(file, logger);
    journal.recover();
    journal.received([update(1), update(2), update(3)], 1_000);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'state')).mode & 0o777).toBe(0o700);
    journal.done(1);
    journal.close();
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(2); // only the unfinished ones
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const next = new UpdateJournal(file, logger);
    expect(next.recover().map((u) => u.update_id)).toEqual([2, 3]);
    expect(next.fetchedAt(2)).toBe(1_000);
    next.done(2);
    next.done(3);
    next.close();
    expect(existsSync(file)).toBe(false); // nothing unfinished: nothing kept
  });

  it('removes the temporary file of a compaction a crash cut short', () => {
    dir = mkdtempSync(join(tmpdir(), 'journal-'));
    const file = join(dir, 'updates.jsonl');
    writeFileSync(`${file}.tmp`, '{"u":{"update_id":1');
    new UpdateJournal(file, logger).recover();
    expect(existsSync(`${file}.tmp`)).toBe(false);
  });
});
