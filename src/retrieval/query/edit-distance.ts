/** Three reusable rows for editDistance (words are short; the rows grow when a longer one comes). */
let rows = [new Int32Array(32), new Int32Array(32), new Int32Array(32)] as [Int32Array, Int32Array, Int32Array];

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions), giving up beyond `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  const cols = b.length + 1;
  if (rows[0].length < cols) rows = [new Int32Array(cols * 2), new Int32Array(cols * 2), new Int32Array(cols * 2)];
  let before = rows[0];
  let previous = rows[1];
  let current = rows[2];
  for (let j = 0; j < cols; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, before[j - 2]! + 1);
      current[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin >= limit) return limit;
    const spare = before;
    before = previous;
    previous = current;
    current = spare;
  }
  return previous[b.length]!;
}
