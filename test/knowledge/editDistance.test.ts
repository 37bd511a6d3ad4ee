import { closest, didYouMean, editDistance } from '../../bot/knowledge/editDistance';

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('procesing_time', 'processing_time')).toBe(1);
    expect(editDistance('fee', 'fees')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('suggests only plausible typos', () => {
    const keys = ['processing_time', 'fee', 'copies', 'vi', 'en'];
    expect(closest('procesing_time', keys)).toBe('processing_time');
    expect(closest('Fee', keys)).toBe('fee');
    expect(closest('copy', keys)).toBe('copies');
    expect(closest('ghi_chu_them', keys)).toBeUndefined();
    expect(didYouMean('vn', keys)).toBe(' (did you mean "vi"?)');
    expect(didYouMean('xyz', keys)).toBe('');
  });
});
