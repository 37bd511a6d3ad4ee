import { Speller } from '../../bot/understanding/speller';
import { capitalisedWords, markedTokens, markedWords, tokenize } from '../../bot/text/tokens';

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

  it('reads known words as Telex only once a Telex repair made a Vietnamese syllable', () => {
    const english = new Speller(['how to transfer a school grade', 'own', 'ơn', 'cảm', 'hồ'].map(tokenize));
    // "grader" less its trailing "r" is "grade", English: "how" stays "how", not the Telex "hô".
    expect(repair(english, 'how to transfer grader')).toBe('how to transfer grade');
    // "camr" is "cảm": then "own" is "ơn" too.
    expect(repair(english, 'camr own')).toBe('cam on');
  });

  it('removes doubled letters when that lands on a known word', () => {
    expect(repair(speller, 'menuu')).toBe('menu');
    expect(repair(speller, 'khai sinhh')).toBe('khai sinh');
    // Typed with marks, a doubled letter is still a slip: "vớii" is no Vietnamese syllable.
    expect(repair(new Speller([tokenize('giúp mình với')]), 'giúp mình vớii')).toBe('giup minh voi');
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

  describe('typos that make another real syllable', () => {
    const texts = ['làm hộ chiếu', 'hộ chiếu hết hạn', 'đăng ký tạm trú', 'gia hạn tạm trú', 'đơn ly hôn', 'thủ tục ly hôn', 'nhà ở', 'cá nhân', 'hồ sơ cá nhân'];
    const sources = { names: texts, confusable: [['ch', 'tr'], ['m', 'n']] };
    const slips = new Speller([...texts, 'hôm nay', 'chú ý', 'cả nhà', 'hà nội'].map(tokenize), sources);
    const fit = (text: string) => slips.fitContext(slips.repair(tokenize(text), markedTokens(text)), markedWords(text), capitalisedWords(text)).join(' ');

    it('reads a word that fits neither neighbour as the one a slip away that makes a pair of the names', () => {
      expect(fit('làm hộ chếu')).toBe('lam ho chieu');
      expect(fit('đăng ký tạm chú')).toBe('dang ki tam tru');
      expect(fit('thủ tục ly hôm')).toBe('thu tuc li hon');
    });

    it('changes nothing in a pair the texts hold, nor a word typed with other marks, nor a name', () => {
      expect(fit('hôm nay làm hộ chiếu')).toBe('hom nay lam ho chieu');
      expect(fit('chú ý tạm trú')).toBe('chu y tam tru');
      expect(fit('cả nhà đi')).toBe('ca nha di');
      expect(fit('bà ở Hà Tĩnh')).toBe('ba o ha tinh');
    });

    it('changes nothing typed without marks: nothing tells a slip from another word there', () => {
      expect(fit('tam chu')).toBe('tam chu');
    });
  });
});
