import { describe, expect, it } from 'vitest';
import { UpdateLedger } from '../../src/bot/update-ledger.ts';

describe('UpdateLedger', () => {
  it('confirms past the highest update when everything was handled', async () => {
    const ledger = new UpdateLedger();
    for (const id of [10, 11, 12]) ledger.received(id);
    for (const id of [11, 10, 12]) {
      expect(ledger.begin(id)).toBe(true);
      ledger.settle(id);
    }
    await ledger.drain();
    expect(ledger.checkpoint()).toEqual({ offset: 13, handledAbove: [] });
  });

  it('on drain skips updates whose turn has not come, and remembers handled ones above the offset', async () => {
    const ledger = new UpdateLedger();
    for (const id of [1, 2, 3, 4]) ledger.received(id);
    expect(ledger.begin(1)).toBe(true); // chat A, running
    expect(ledger.begin(3)).toBe(true); // chat B
    ledger.settle(3);
    const drained = ledger.drain();
    expect(ledger.begin(2)).toBe(false); // chat A's next: skipped, Telegram will redeliver it
    ledger.settle(2);
    ledger.settle(1);
    expect(ledger.begin(4)).toBe(false);
    ledger.settle(4);
    await drained;
    expect(ledger.checkpoint()).toEqual({ offset: 2, handledAbove: [3] });
  });

  it('a restart skips the updates the previous run handled above its offset, and handles the rest', () => {
    const ledger = new UpdateLedger([3]);
    for (const id of [2, 3, 4]) ledger.received(id);
    expect([2, 3, 4].map((id) => ledger.begin(id))).toEqual([true, false, true]);
  });

  it('an update that never reached the handlers counts as handled once settled', async () => {
    const ledger = new UpdateLedger();
    ledger.received(5);
    ledger.settle(5);
    await ledger.drain();
    expect(ledger.checkpoint().offset).toBe(6);
  });
});
