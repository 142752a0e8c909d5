/**
 * The letter a Chinese word is filed under in a pinyin-ordered index (the glossary's A–Z), without a pinyin
 * dictionary: the zh-CN collator orders Han characters by pinyin, so the letter is that of the last of these
 * boundary characters (the first character of each letter in that order) that sorts before the word.
 * Words that start with a Latin letter are filed under it; digits and symbols under "#".
 */
const BOUNDARIES = [
  '阿',
  '八',
  '嚓',
  '哒',
  '妸',
  '发',
  '旮',
  '哈',
  '讥',
  '咔',
  '垃',
  '痳',
  '拏',
  '噢',
  '妑',
  '七',
  '呥',
  '扨',
  '它',
  '穵',
  '夕',
  '丫',
  '帀',
];
const LETTERS = 'ABCDEFGHJKLMNOPQRSTWXYZ';
const collator = new Intl.Collator('zh-CN');

export function pinyinInitial(word: string): string {
  const first = word.trim().charAt(0);
  if (/[a-z]/i.test(first)) return first.toUpperCase();
  if (!/\p{Script=Han}/u.test(first)) return '#';
  let letter = '#';
  BOUNDARIES.forEach((b, i) => {
    if (collator.compare(b, first) <= 0) letter = LETTERS[i];
  });
  return letter;
}

/** Groups words under their initials, in A–Z order ("#" last), keeping each group's given order. */
export function groupByInitial<T>(items: readonly T[], word: (item: T) => string): { letter: string; items: T[] }[] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const letter = pinyinInitial(word(item));
    if (!groups.has(letter)) groups.set(letter, []);
    groups.get(letter)!.push(item);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === '#' ? 1 : b === '#' ? -1 : a.localeCompare(b)))
    .map(([letter, list]) => ({ letter, items: list }));
}
