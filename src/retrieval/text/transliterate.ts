/**
 * Russian and Kazakh Cyrillic in Latin letters, the way English-language sources spell Kazakh names
 * ("Ерман" → "yerman", "Қорабоев" → "koraboyev", "Жолдыбалина" → "zholdybalina"). Used to find names and
 * international words the lexicon does not list among the corpus's words.
 */
const LETTERS: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'yo', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o',
  п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu',
  я: 'ya', ә: 'a', ғ: 'g', қ: 'k', ң: 'n', ө: 'o', ұ: 'u', ү: 'u', һ: 'h', і: 'i',
};
const VOWELS = new Set('аеёиоуыэюяәөұүіъь');

export function transliterate(word: string): string {
  const lower = word.toLowerCase();
  let out = '';
  for (let i = 0; i < lower.length; i++) {
    const ch = lower[i]!;
    // "е" is "ye" at the start of a word and after a vowel: Ерман → Yerman, Токаев → Tokayev.
    if (ch === 'е' && (i === 0 || VOWELS.has(lower[i - 1]!))) out += 'ye';
    else out += LETTERS[ch] ?? ch;
  }
  return out;
}
