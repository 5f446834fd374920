/**
 * Acronyms of names the sources spell out: "SCO" for "Shanghai Cooperation Organization", "MFA" for "Ministry of
 * Foreign Affairs", "OSCE" for "Organization for Security and Co-operation in Europe". People type the short form;
 * the articles often give only the long one. The table is read off the corpus itself (the initials of every run of
 * capitalised words, small joining words skipped), so it knows exactly the names the sources use.
 */

/** Words that join the capitalised words of a name without giving it a letter. */
const JOINING = new Set(['of', 'for', 'and', 'the', 'on', 'in', 'to', '&']);
/** A capitalised word of a name ("Co-operation" gives its initial only). */
const CAPITALISED = /^\p{Lu}[\p{L}’'-]*$/u;
const MIN_LETTERS = 2;
const MAX_LETTERS = 6;

/** Initials (lowercase) → the name they stand for, as the sources write it (the most frequent spelling). */
export function acronymTable(texts: Iterable<string>): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const text of texts) {
    for (const run of capitalisedRuns(text)) {
      // Every stretch of the run that starts and ends with a capitalised word: "Ministry of Foreign Affairs of
      // Kazakhstan" gives MFA as well as MFAK.
      for (let from = 0; from < run.length; from++) {
        if (JOINING.has(run[from]!.toLowerCase())) continue;
        let initials = '';
        for (let to = from; to < run.length && initials.length < MAX_LETTERS; to++) {
          const word = run[to]!;
          if (JOINING.has(word.toLowerCase())) continue;
          initials += word[0]!.toLowerCase();
          if (initials.length < MIN_LETTERS) continue;
          const name = run.slice(from, to + 1).join(' ');
          let names = counts.get(initials);
          if (!names) counts.set(initials, (names = new Map()));
          names.set(name, (names.get(name) ?? 0) + 1);
        }
      }
    }
  }
  const table = new Map<string, string>();
  for (const [initials, names] of counts) {
    let best = '';
    let bestCount = 0;
    for (const [name, count] of names) if (count > bestCount) [best, bestCount] = [name, count];
    table.set(initials, best);
  }
  return table;
}

/** Runs of capitalised words, with the joining words between them ("Organization for Security and Co-operation"). */
function capitalisedRuns(text: string): string[][] {
  const runs: string[][] = [];
  let run: string[] = [];
  const flush = () => {
    while (run.length > 0 && JOINING.has(run[run.length - 1]!.toLowerCase())) run.pop();
    if (run.length >= 2) runs.push(run);
    run = [];
  };
  for (const raw of text.split(/\s+/)) {
    const word = raw.replace(/^[«“"(]+|[»”",.;:)!?]+$|’s$|'s$/gu, '');
    const edge = /[,.;:)!?»”"]$/.test(raw);
    if (CAPITALISED.test(word) && !/^\p{Lu}{2,}$/u.test(word)) run.push(word);
    else if (run.length > 0 && JOINING.has(word.toLowerCase())) run.push(word);
    else flush();
    if (edge) flush();
  }
  flush();
  return runs;
}
