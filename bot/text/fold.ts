/**
 * Text folding for comparison: NFC, lower case, tone marks removed, `đ` -> `d` (it does not decompose under NFD),
 * apostrophes inside words dropped ("I'm" -> "im", "don't" -> "dont"), other punctuation turned into spaces, spaces
 * collapsed. Two texts that a citizen would type for the same words fold
 * to the same string, with or without tone marks.
 */
export function fold(text: string): string {
  return stripMarks(text.normalize('NFC').toLowerCase())
    .replace(/(\p{L})['’](\p{L})/gu, '$1$2')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Removes Vietnamese tone and vowel marks, keeping letters and everything else. */
export function stripMarks(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
}
