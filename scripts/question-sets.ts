/**
 * Which question sets the development tools may fit to (tune), check against (held-out), and never fit to.
 * Final sets are scored once, at the end of a piece of work, and are not listed here.
 */
export const TUNE_SETS = [
  'tests/fixtures/questions.en.tune.jsonl',
  'tests/fixtures/questions.en.tune3.jsonl',
  'tests/fixtures/questions.en.tune4.jsonl',
  'tests/fixtures/questions.ru-kk.v2.tune.jsonl',
  'tests/fixtures/questions.ru-kk.tune3.jsonl',
  'tests/fixtures/questions.oos.tune2.jsonl',
  // Older sets, used while the ranker and the lexicons were first written (no longer held out).
  'tests/fixtures/questions.heldout.jsonl',
  'tests/fixtures/questions.ru-kk.tune.jsonl',
  'tests/fixtures/questions.ru-kk.heldout.jsonl',
];

export const HELD_OUT_SETS = ['tests/fixtures/questions.en.heldout.jsonl', 'tests/fixtures/questions.ru-kk.v2.heldout.jsonl'];

/**
 * Final sets already scored and reported (spent): the ranker's weights may be fitted to them too, as more tune
 * questions; the newest spent finals are left out, to check a fit on questions it did not see besides held-out.
 * (Abstention is calibrated on TUNE_SETS alone: calibrated on these as well, it lost five points on held-out.)
 */
export const SPENT_FINAL_SETS = [
  'tests/fixtures/questions.en.final.jsonl',
  'tests/fixtures/questions.ru-kk.final.jsonl',
  'tests/fixtures/questions.ru-kk.v2.final.jsonl',
  ...Array.from({ length: 27 }, (_, i) => i + 2).flatMap((n) => [`tests/fixtures/questions.en.final${n}.jsonl`, `tests/fixtures/questions.ru-kk.final${n}.jsonl`]),
];

/** The newest spent finals, left out of every fit: a second check beside held-out. */
export const RECENT_FINAL_SETS = [29, 30, 31, 32].flatMap((n) => [`tests/fixtures/questions.en.final${n}.jsonl`, `tests/fixtures/questions.ru-kk.final${n}.jsonl`]);
