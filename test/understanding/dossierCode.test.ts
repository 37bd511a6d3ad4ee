import { findDossierCode } from '../../bot/dossiers/dossierCode';

describe('findDossierCode', () => {
  it.each([
    ['hồ sơ 000.00.20.H56-240322-0056 của tôi', '000.00.20.H56-240322-0056'],
    ['ma ho so h57.01-250101-0099 den dau roi', 'H57.01-250101-0099'],
    ['H56-240315-001', 'H56-240315-001'],
    ['(000.00.20.H56-240322-0056).', '000.00.20.H56-240322-0056'],
  ])('finds the code in %j, upper-cased', (text, code) => {
    expect(findDossierCode(text)).toBe(code);
  });

  it('takes the first code when there are two', () => {
    expect(findDossierCode('H56-240315-0012 hoặc H56-240316-0013')).toBe('H56-240315-0012');
  });

  it.each([
    'gọi 0912345678 giúp em',
    'ngày 2024-03-15',
    'H56-24031-0012',
    'H56-240315-12',
    'abcH57.01-250101-0099',
    'H56-240315-0012345',
    'làm hộ chiếu ở đâu',
  ])('finds no code in %j', (text) => {
    expect(findDossierCode(text)).toBeNull();
  });
});
