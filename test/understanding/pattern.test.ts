import { Pattern } from '../../bot/understanding/pattern';

const words = (text: string): string[] => text.split(' ');

describe('Pattern', () => {
  it('matches adjacent words and returns their positions', () => {
    const pattern = new Pattern(words('gap can bo'));
    expect(pattern.match(words('toi muon gap can bo'))).toEqual([2, 3, 4]);
    expect(pattern.match(words('gap mot can bo'))).toBeNull();
  });

  it('lets "..." stand for a few words between runs', () => {
    const pattern = new Pattern(words('ho so ... den dau'));
    expect(pattern.match(words('ho so cua em den dau roi'))).toEqual([0, 1, 4, 5]);
    expect(pattern.match(words('ho so den dau'))).toEqual([0, 1, 2, 3]);
  });

  it('allows a gap of up to 8 words and no more', () => {
    const pattern = new Pattern(words('ho so ... den dau'));
    const gap = (n: number) => ['ho', 'so', ...Array<string>(n).fill('x'), 'den', 'dau'];
    expect(pattern.match(gap(8))).not.toBeNull();
    expect(pattern.match(gap(9))).toBeNull();
  });

  it('keeps the order of the runs and takes the first match from the left', () => {
    const pattern = new Pattern(words('ho so ... xong'));
    expect(pattern.match(words('xong ho so'))).toBeNull();
    expect(pattern.match(words('ho so a ho so b xong'))).toEqual([0, 1, 6]);
  });

  it('is empty when it has no words (the recogniser drops such patterns)', () => {
    expect(new Pattern(['...']).empty).toBe(true);
    expect(new Pattern(words('chao')).empty).toBe(false);
  });

  it('tells whether a match ends at the last word, whatever the gap when built to span', () => {
    const pattern = new Pattern(words('co ... khong'), Infinity);
    expect(pattern.endsAt(words('toi co the uy quyen cho em gai o que nop ho so thay khong'))).toBe(true);
    expect(pattern.endsAt(words('co ai khong biet'))).toBe(false);
    expect(new Pattern(words('khong')).endsAt(words('co khong'))).toBe(true);
  });
});
