import { loadKnowledge } from '../../bot/knowledge/loadKnowledge';
import { LanguageGuess } from '../../bot/understanding/detectLanguage';
import { Understander } from '../../bot/understanding/understander';
import { FROZEN_KB } from '../helpers/paths';

const small = new LanguageGuess({
  english: ['how', 'do', 'i', 'get', 'a', 'passport', 'where', 'is', 'the', 'office', 'can', 'me', 'to', 'thanks', 'much', 'so'],
  loanwords: ['online', 'ok'],
  vietnamese: ['ko', 'dc', 'ad'],
  sentence: ['toi', 'gi', 'lam'],
});

describe('LanguageGuess on a small vocabulary', () => {
  it('says Vietnamese as soon as the message carries a Vietnamese mark', () => {
    expect(small.guess('passport ở đâu')).toBe('vi');
    expect(small.guess('đi')).toBe('vi');
  });

  it('needs words that no Vietnamese syllable spells to say English', () => {
    expect(small.guess('how do i get a passport')).toBe('en');
    expect(small.guess('thanks so much')).toBe('en');
    // Every word here is also a Vietnamese syllable: nothing says English.
    expect(small.guess('can to me')).toBeNull();
  });

  it('reads Telex keys, doubled letters and shorthand as Vietnamese', () => {
    expect(small.weigh('banj')).toBe('vi');
    expect(small.weigh('khongg')).toBe('vi');
    expect(small.weigh('ko')).toBe('vi');
    expect(small.weigh('can')).toBe('both');
    expect(small.weigh('online')).toBe('neither');
  });

  it('cannot tell for short messages without marks or telling words', () => {
    expect(small.guess('ok')).toBeNull();
    expect(small.guess('12')).toBeNull();
    expect(small.guess('')).toBeNull();
  });
});

/** The guess as the bot makes it: the real lexicon and the English of the frozen knowledge base. */
describe('the language guess of the real knowledge base', () => {
  let understander: Understander;
  beforeAll(() => {
    const { kb } = loadKnowledge(FROZEN_KB);
    if (!kb) throw new Error('the frozen knowledge base does not load');
    understander = new Understander(kb);
  });
  const guess = (text: string) => understander.understand(text).language;

  // Unaccented Vietnamese whose words are nearly all English letter strings too ("can", "to", "me", "on", "the").
  it.each([
    'can giay to gi',
    'cam on',
    'cam on ban',
    'me toi can lam gi',
    'con toi can lam the can cuoc',
    'to can hoi ve the bao hiem',
    'ban oi cho hoi',
    'thu tuc the nao',
    'xin chao',
    'ok cam on ad nhe',
    'me con di dang ky tam tru',
    'hi ban',
    'on roi cam on',
    'to khai o dau',
    'bo me toi muon tach thua dat',
    'the can cuoc het han',
    'mat bao lau',
    'lam online duoc ko',
    'camr own banj',
    'chaof banj',
    'ddawng kys tamj truws owr ddaau',
    'thank you ad, de mai em mang giay to len phuong',
    'tks ad',
    'dang ky khai sinh can nhung gi',
    'so do lam lan dau mat bao lau',
    'me toi 80 tuoi co duoc tro cap khong',
    'hom nay ban co lam viec khong',
    'ho so cua toi den dau roi',
    'nhan con cho be',
    'sang ten xe may o dau',
  ])('never takes %j for English', (text) => {
    expect(guess(text)).not.toBe('en');
  });

  it.each([
    'thanks so much',
    'thank you',
    'hello',
    'how much is it?',
    'where is the office?',
    'i need help',
    'what documents do i need?',
    'good morning',
    'passport fee?',
    'help me please',
    'how do i register a birth?',
    'can i talk to a real person?',
    'is it free?',
    'which papers should i bring?',
    'my id card is lost',
    'how long does it take?',
    // A French accent in an English word is no Vietnamese mark.
    'my fiancée and I want to get married',
  ])('takes the short English message %j for English', (text) => {
    expect(guess(text)).toBe('en');
  });

  it('answers an unaccented Vietnamese sentence in Vietnamese, and leaves a bare procedure name undecided', () => {
    expect(guess('lam giay khai sinh o dau')).toBe('vi');
    expect(guess('can giay to gi')).toBe('vi');
    expect(guess('dang ky tam tru')).toBeNull();
    // Thanks typed without marks after an English message is still Vietnamese.
    expect(guess('cam on')).toBe('vi');
  });
});
