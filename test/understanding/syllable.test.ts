import { isTelexSyllable, isVietnameseSyllable } from '../../bot/understanding/syllable';

describe('isVietnameseSyllable', () => {
  it.each(['a', 'can', 'to', 'me', 'the', 'nghieng', 'khuyen', 'quyet', 'gi', 'gin', 'gia', 'uong', 'nguoi', 'oanh', 'thuyen', 'yeu', 'dang'])(
    'accepts the folded syllable %j',
    (word) => expect(isVietnameseSyllable(word)).toBe(true),
  );

  it.each(['how', 'thanks', 'passport', 'much', 'dad', 'hello', 'street', 'you', 'ok', 'cccd', 'fee', 'well'])(
    'refuses %j, which no Vietnamese syllable spells',
    (word) => expect(isVietnameseSyllable(word)).toBe(false),
  );
});

describe('isTelexSyllable', () => {
  it.each(['banj', 'ddawng', 'truws', 'owr', 'chaof', 'nguowif'])('reads %j as a syllable typed in Telex', (word) => {
    expect(isTelexSyllable(word)).toBe(true);
  });

  it.each(['can', 'passport', 'hello', 'thanks'])('does not read %j as Telex', (word) => {
    expect(isTelexSyllable(word)).toBe(false);
  });
});
