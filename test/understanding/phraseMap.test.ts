import { PhraseMap } from '../../bot/understanding/phraseMap';

const words = (text: string): string[] => text.split(' ');

describe('PhraseMap', () => {
  it('replaces variants by their canonical form, in place', () => {
    const map = new PhraseMap([[words('dk'), words('dang ky')]]);
    expect(map.apply(words('dk ket hon o dau'))).toEqual(words('dang ky ket hon o dau'));
  });

  it('prefers the longest variant starting at a word', () => {
    const map = new PhraseMap([
      [words('ho'), words('hộ')],
      [words('ho kinh doanh ca the'), words('ho kinh doanh')],
    ]);
    expect(map.apply(words('dang ky ho kinh doanh ca the'))).toEqual(words('dang ky ho kinh doanh'));
  });

  it('leaves a canonical form that maps to itself alone, even with a shorter variant inside it', () => {
    const map = new PhraseMap([
      [words('nhu the nao'), words('nhu the nao')],
      [words('the nao'), words('nhu the nao')],
    ]);
    expect(map.apply(words('lam nhu the nao'))).toEqual(words('lam nhu the nao'));
    expect(map.apply(words('lam the nao'))).toEqual(words('lam nhu the nao'));
  });

  it('never rewrites a replacement again', () => {
    const map = new PhraseMap([
      [words('ks'), words('khai sinh')],
      [words('khai sinh'), words('giay khai sinh')],
    ]);
    expect(map.apply(words('ks'))).toEqual(words('khai sinh'));
  });

  it('tells of each variant replaced, not of a canonical form left as it is', () => {
    const map = new PhraseMap([
      [words('dk tt'), words('dang ky tam tru hoac dang ky thuong tru')],
      [words('dang ky'), words('dang ky')],
    ]);
    const replaced: string[] = [];
    expect(map.apply(words('dk tt va dang ky'), undefined, (to) => replaced.push(to.join(' ')))).toEqual(
      words('dang ky tam tru hoac dang ky thuong tru va dang ky'),
    );
    expect(replaced).toEqual(['dang ky tam tru hoac dang ky thuong tru']);
  });

  it('ignores empty variants and lists its vocabulary', () => {
    const map = new PhraseMap([[[], words('x')], [words('j'), words('gi')]]);
    expect(map.apply(words('can j'))).toEqual(words('can gi'));
    expect([...map.vocabulary()].sort()).toEqual(['gi', 'j']);
  });
});
