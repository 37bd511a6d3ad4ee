/**
 * The applicant's name as the bot may show it to whoever holds the code: enough for the applicant to recognise
 * their own dossier, not enough to learn a stranger's name. Vietnamese names run family name, middle names, given
 * name: "Nguyễn Văn An" becomes "Ng***n V** A" (family name: two first letters and the last; middle names: the
 * first letter; given name: its initial only). Masking a masked name changes nothing, so the registry can keep only
 * the masked form.
 */
export function maskName(name: string): string {
  const words = name.normalize('NFC').trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '';
  if (words.length === 1) return initial(words[0]);
  return words
    .map((word, i) => {
      if (i === words.length - 1) return initial(word);
      return i === 0 ? maskFamilyName(word) : maskMiddle(word);
    })
    .join(' ');
}

function maskFamilyName(word: string): string {
  const letters = [...word];
  if (letters.length <= 3) return maskMiddle(word);
  return letters[0] + letters[1] + '*'.repeat(letters.length - 3) + letters[letters.length - 1];
}

function maskMiddle(word: string): string {
  const letters = [...word];
  return letters[0] + '*'.repeat(letters.length - 1);
}

function initial(word: string): string {
  return [...word][0].toUpperCase();
}
