import { detectLanguage } from '../../bot/understanding/detectLanguage';
import { tokenize } from '../../bot/text/tokens';

const ENGLISH = new Set(['how', 'do', 'i', 'get', 'a', 'passport', 'where', 'is', 'the', 'office'].flatMap(tokenize));
const detect = (text: string) => detectLanguage(text, tokenize(text), ENGLISH);

describe('detectLanguage', () => {
  it('says Vietnamese as soon as the message carries a Vietnamese mark', () => {
    expect(detect('passport ở đâu')).toBe('vi');
    expect(detect('đi')).toBe('vi');
  });

  it('says English when at least 40% of the words are common English words', () => {
    expect(detect('how do i get a passport')).toBe('en');
    expect(detect('where visa')).toBe('en');
  });

  it('leaves unaccented words that are mostly not English to the language the user chose', () => {
    expect(detect('lam ho chieu o dau')).toBeNull();
    expect(detect('the can cuoc lam o dau')).toBeNull();
  });

  it('cannot tell for short messages without marks or English words', () => {
    expect(detect('ok')).toBeNull();
    expect(detect('12')).toBeNull();
    expect(detect('')).toBeNull();
  });
});
