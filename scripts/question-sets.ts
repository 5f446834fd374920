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
