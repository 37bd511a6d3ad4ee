import { Speller } from '../../bot/understanding/speller';
import { markedTokens, tokenize } from '../../bot/text/tokens';

/** Repairs `text` as the normaliser does: folded tokens, with the marks the citizen typed. */
function repair(speller: Speller, text: string): string {
  return speller.repair(tokenize(text), markedTokens(text)).join(' ');
}

describe('Speller', () => {
  const vocabulary = ['đăng ký khai sinh', 'chứng thực bản sao', 'bằng lái xe', 'bác sĩ', 'menu', 'giấy tờ'];
  const speller = new Speller(vocabulary.map(tokenize));

  it('knows the words of its texts', () => {
    expect(speller.knows('khai')).toBe(true);
    expect(speller.knows('tau')).toBe(false);
  });

  it('undoes Telex residue: unconverted vowel keys and a trailing tone key', () => {
    expect(repair(speller, 'dawng kys khai sinh')).toBe('dang ki khai sinh');
    expect(repair(speller, 'giaays tow')).toBe('giay to');
  });

  it('removes doubled letters when that lands on a known word', () => {
    expect(repair(speller, 'menuu')).toBe('menu');
    expect(repair(speller, 'khai sinhh')).toBe('khai sinh');
  });

  it('fixes a one-letter slip when the neighbouring word supports it', () => {
    expect(repair(speller, 'chứg thực')).toBe('chung thuc');
    expect(repair(speller, 'bằg lái')).toBe('bang lai');
    expect(repair(speller, 'bax sao')).toBe('ban sao');
  });

  it('leaves a short slip with several candidates and no support alone', () => {
    // "bax" is one letter from both "ban" and "bac"; nothing around it says which.
    expect(repair(speller, 'bax')).toBe('bax');
    expect(repair(speller, 'sao bax')).toBe('sao bax');
  });

  it('fixes a longer slip without context when only one known word is that close', () => {
    expect(repair(speller, 'chứg')).toBe('chung');
  });

  it('leaves an unknown word alone when it was typed with its marks and is a real syllable', () => {
    const small = new Speller([tokenize('giao thông')]);
    expect(repair(small, 'giàu')).toBe('giau');
    expect(repair(small, 'giau')).toBe('giao');
    expect(repair(speller, 'tàu')).toBe('tau');
  });

  it('matches a long word with more than one slip approximately, when one known word is clearly closest', () => {
    const english = new Speller([tokenize('birth registration'), tokenize('temporary residence')]);
    expect(repair(english, 'birth regestraton')).toBe('birth registration');
    expect(repair(english, 'residance')).toBe('residence');
    expect(repair(english, 'kangaroo')).toBe('kangaroo');
  });

  it('leaves words with digits and words it cannot place as they are', () => {
    expect(repair(speller, 'xyz 2024')).toBe('xyz 2024');
  });
});
