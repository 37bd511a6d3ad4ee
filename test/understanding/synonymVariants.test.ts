import { synonymVariants } from '../../bot/understanding/synonymVariants';

describe('an out-of-scope phrase with the other names of what it names', () => {
  const synonyms = { 'giấy chứng nhận quyền sử dụng đất': ['sổ đỏ', 'bìa đỏ'], 'xe máy': ['mô tô'] };

  it('writes the phrase with each other name of the first thing it names, the phrase itself first', () => {
    expect(synonymVariants('sổ đỏ ... bị mất', synonyms)).toEqual([
      'sổ đỏ ... bị mất',
      'giấy chứng nhận quyền sử dụng đất ... bị mất',
      'bìa đỏ ... bị mất',
    ]);
  });

  it('replaces whole words only, and leaves a phrase naming nothing as it is', () => {
    expect(synonymVariants('bảo hiểm xe máy', synonyms)).toEqual(['bảo hiểm xe máy', 'bảo hiểm mô tô']);
    expect(synonymVariants('sổ đỏa', synonyms)).toEqual(['sổ đỏa']);
    expect(synonymVariants('ly hôn', synonyms)).toEqual(['ly hôn']);
  });
});
