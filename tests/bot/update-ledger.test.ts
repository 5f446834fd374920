import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
});
