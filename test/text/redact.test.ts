import { redactPersonalData } from '../../bot/text/redact';

describe('redactPersonalData', () => {
  it.each([
    ['số tôi 0912 345 678 nhé', 'số tôi [number] nhé'],
    ['cccd 038095001234', 'cccd [number]'],
    ['mail nguyenvana@gmail.com giúp', 'mail [email] giúp'],
    ['+84 912-345-678', '[number]'],
  ])('hides %p', (text, expected) => {
    expect(redactPersonalData(text)).toBe(expected);
  });

  it('keeps dossier codes, years and short numbers', () => {
    const text = 'hồ sơ 000.00.20.H56-240322-0056 nộp năm 2024, 3 ngày';
    expect(redactPersonalData(text)).toBe(text);
  });

  it('keeps at most 300 characters', () => {
    expect(redactPersonalData('a'.repeat(500))).toHaveLength(300);
  });
});
