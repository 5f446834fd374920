/**
 * Which letters a word has, as bits (a letter's code modulo 32; letters may share a bit). One edit (a letter
 * changed, added, dropped, or two swapped) flips at most two bits, so words d edits apart differ in at most 2d:
 * a cheap test that rules most candidates out before an edit distance is worked out.
 */
export function letterMask(word: string): number {
  let mask = 0;
  for (let i = 0; i < word.length; i++) mask |= 1 << (word.charCodeAt(i) & 31);
  return mask;
}

export function bitCount(n: number): number {
  let x = n - ((n >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
