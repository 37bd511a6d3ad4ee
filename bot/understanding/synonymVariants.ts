/**
 * A phrase written with one name of a thing, also written with each of its other names (lexicon.yaml `synonyms`):
 * staff write "sổ đỏ ... bị mất" once, and "bìa đỏ bị mất", "giấy chứng nhận quyền sử dụng đất ... bị mất" match too.
 * The first name found in the phrase is the one replaced; the phrase itself comes first.
 */
export function synonymVariants(phrase: string, synonyms: Readonly<Record<string, readonly string[]>>): string[] {
  const lower = phrase.toLowerCase();
  for (const [canonical, variants] of Object.entries(synonyms)) {
    const names = [canonical, ...variants].map((name) => name.toLowerCase());
    const found = names.find((name) => wordsAt(lower, name) >= 0);
    if (found === undefined) continue;
    const at = wordsAt(lower, found);
    return [phrase, ...names.filter((name) => name !== found).map((name) => lower.slice(0, at) + name + lower.slice(at + found.length))];
  }
  return [phrase];
}

/** Where `name` stands in `text` as whole words, or -1. */
function wordsAt(text: string, name: string): number {
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    const before = at === 0 || /\s/.test(text[at - 1]);
    const end = at + name.length;
    const after = end === text.length || /\s/.test(text[end]);
    if (before && after) return at;
  }
  return -1;
}
