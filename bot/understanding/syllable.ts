/**
 * Whether a folded word has the shape of a Vietnamese syllable (onset, optional glide, vowel nucleus, optional
 * ending). Permissive on purpose: it only tells a real word typed with its marks ("tàu", "giàu") from a slip
 * ("chứg", "bằg", "trườg"), so the speller leaves the former alone.
 */
const SYLLABLE =
  /^(ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdghklmnprstvx])?[ou]?(uye|uya|ie|ia|ua|uo|ye|ya|ue|oa|oe|uy|[aeiouy])(ng|nh|ch|[iouymnptc])?$/;

export function isSyllableShaped(word: string): boolean {
  return SYLLABLE.test(word);
}

/** Every onset of Vietnamese spelling, folded (đ is d), longest first; the empty onset is allowed too. */
const ONSETS = ['ngh', 'ng', 'gh', 'gi', 'kh', 'nh', 'ph', 'qu', 'th', 'tr', 'ch', 'b', 'c', 'd', 'g', 'h', 'k', 'l', 'm',
  'n', 'p', 'r', 's', 't', 'v', 'x'];

/**
 * Every rhyme of Vietnamese spelling once marks are folded away (ă, â -> a; ê -> e; ô, ơ -> o; ư -> u). A closed
 * list: endings are only c, ch, m, n, ng, nh, p, t and the glides i, o, u, y, so most English words fall outside.
 */
const RHYMES = new Set(
  `a ac ach ai am an ang anh ao ap at au ay
   e ec ech em en eng enh eo ep et eu
   i ia ich iec iem ien ieng iep iet ieu im in inh ip it iu
   o oa oac oach oai oam oan oang oanh oao oap oat oay oc oe oen oeo oet oi om on ong ooc oong op ot
   u ua uan uang uat uay uc ue uech uenh ui um un ung uo uoc uoi uom uon uong uop uot uou up ut uu
   uy uya uych uyen uyet uynh uyp uyt uyu
   y yem yen yet yeu`.split(/\s+/),
);

/**
 * Whether a folded word (lower case, no marks, đ -> d) can be written as one Vietnamese syllable. Exact rather
 * than permissive: this is the evidence the language guess rests on, since most Vietnamese typed without marks
 * ("can", "to", "me", "the") is also a valid English letter string, and only words outside this set ("how",
 * "passport", "thanks") can show that a message is English.
 */
export function isVietnameseSyllable(word: string): boolean {
  if (RHYMES.has(word)) return true;
  for (const onset of ONSETS) {
    if (word.startsWith(onset) && RHYMES.has(word.slice(onset.length))) return true;
    // "gi" and "qu" also lend their vowel: "gì" is g + i, "quá" is qu + a, "gìn" is g + in.
    if (onset === 'gi' && word.startsWith('gi') && RHYMES.has(word.slice(1))) return true;
  }
  return false;
}

/** Telex keys typed but not converted: vowel keys (aa, aw, ee, oo, ow, uw, w, dd) and one tone key at the end. */
const TELEX_VOWELS: [RegExp, string][] = [
  [/dd/g, 'd'],
  [/aw|aa/g, 'a'],
  [/ee/g, 'e'],
  [/oo|ow/g, 'o'],
  [/uw/g, 'u'],
  [/w/g, 'u'],
];

/**
 * Whether a word that is not a syllable as typed becomes one once Telex keys are read as marks: "banj" (bạn),
 * "ddawng" (đăng), "truws" (trứ), "owr" (ở). Such words were typed by a Vietnamese keyboard user.
 */
export function isTelexSyllable(word: string): boolean {
  if (!/^[a-z]+$/.test(word)) return false;
  let decoded = word;
  for (const [from, to] of TELEX_VOWELS) decoded = decoded.replace(from, to);
  const candidates = /[sfrxj]$/.test(decoded) && decoded.length > 1 ? [decoded, decoded.slice(0, -1)] : [decoded];
  return candidates.some((candidate) => candidate !== word && isVietnameseSyllable(candidate));
}
