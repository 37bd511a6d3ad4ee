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
