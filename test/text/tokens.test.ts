import { fold, stripMarks } from '../../bot/text/fold';
import { bigrams, canonicalToken, markedTokens, tokenize } from '../../bot/text/tokens';

describe('fold', () => {
  it('lower-cases, strips tone marks and turns đ into d', () => {
    expect(fold('Đăng Ký Khai Sinh')).toBe('dang ky khai sinh');
    expect(stripMarks('Đồng Nai')).toBe('Dong Nai');
  });

  it('gives the same form for composed (NFC) and decomposed (NFD) input', () => {
    const composed = 'Giấy chứng nhận';
    expect(fold(composed.normalize('NFD'))).toBe(fold(composed));
  });

  it('turns punctuation and emoji into single spaces and trims', () => {
    expect(fold('  hộ chiếu???😀 ở đâu!!  ')).toBe('ho chieu o dau');
  });
});

describe('tokenize', () => {
  it('splits folded text into words', () => {
    expect(tokenize('Làm hộ chiếu, ở đâu?')).toEqual(['lam', 'ho', 'chieu', 'o', 'dau']);
    expect(tokenize(' ... ')).toEqual([]);
  });

  it('writes a final y after a consonant as i, so kỹ/kĩ and lý/lí meet', () => {
    expect(tokenize('đăng ký')).toEqual(tokenize('đăng kí'));
    expect(tokenize('lý lịch')).toEqual(['li', 'lich']);
    expect(tokenize('quy trình tuỳ')).toEqual(['quy', 'trinh', 'tuy']);
  });

  it('drops an English plural s (and ies -> y), but not from short words or words in ss/us', () => {
    expect(tokenize('documents fees cities')).toEqual(['document', 'fee', 'city']);
    expect(tokenize('bus class status')).toEqual(['bus', 'class', 'status']);
  });

  it('drops a trailing Telex tone key on longer words (canonicalToken)', () => {
    expect(canonicalToken('dangs')).toBe('dang');
    expect(canonicalToken('kys')).toBe('kys');
  });
});

describe('markedTokens', () => {
  it('tells which words were typed with Vietnamese marks, token for token', () => {
    const text = 'Hộ chieu, đi đâu';
    expect(markedTokens(text)).toEqual([true, false, true, true]);
    expect(markedTokens(text)).toHaveLength(tokenize(text).length);
  });
});

describe('bigrams', () => {
  it('joins adjacent words', () => {
    expect(bigrams(['ho', 'chieu', 'moi'])).toEqual(['ho chieu', 'chieu moi']);
    expect(bigrams(['ho'])).toEqual([]);
  });
});
