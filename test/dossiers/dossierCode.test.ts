import { DossierCodeReader, findDossierCode } from '../../bot/dossiers/dossierCode';

describe('dossier codes in free text', () => {
  it.each([
    ['hồ sơ 000.00.20.H56-240322-0056 của tôi', '000.00.20.H56-240322-0056'],
    ['ma ho so h57.01-250101-0099 den dau roi', 'H57.01-250101-0099'],
    ['(000.00.20.H56-240322-0056).', '000.00.20.H56-240322-0056'],
    ['the code is 000.00.07.H79-240912-0015. Is it ready yet?', '000.00.07.H79-240912-0015'],
    // Spaces instead of dots and dashes, a dash or all separators missing.
    ['Mã hồ sơ của tôi là 000 08 14 H56 240902 0035, nhờ xem giúp', '000.08.14.H56-240902-0035'],
    ['check giùm e hs h56.22 240419 0087 vs ad', 'H56.22-240419-0087'],
    ['tra cưu hồ sơ 000.21.09.H01-2408150021 giúp mìnhh', '000.21.09.H01-240815-0021'],
    ['mã hồ sơ 000.10.22.H562406050011 đang ở buóc nào vậy', '000.10.22.H56-240605-0011'],
    ['000-17-22-H56-210531-0001', '000.17.22.H56-210531-0001'],
    // A 5-digit sequence; any agency id.
    ['H56-240315-00121', 'H56-240315-00121'],
    ['hs 000.00.06.H56-231027-0361', '000.00.06.H56-231027-0361'],
    ['ma XA.VINHLOC-240315-0012 nhe', 'XA.VINHLOC-240315-0012'],
    // A stray number next to the code is not part of it.
    ['số 12 000.00.20.H56-240315-0012', '000.00.20.H56-240315-0012'],
    ['mã H56-240315-0012 3 ngày rồi chưa xong', 'H56-240315-0012'],
  ])('finds the code in %j', (text, code) => {
    expect(findDossierCode(text)).toBe(code);
  });

  it('takes the first code when there are two', () => {
    expect(findDossierCode('H56-240315-0012 hoặc H56-240316-0013')).toBe('H56-240315-0012');
  });

  it.each(['gọi 0912345678 giúp em', 'ngày 2024-03-15', 'làm hộ chiếu ở đâu', 'biển số 36A-123.45', 'sdt 0912.345.678', 'cccd 038090001234'])(
    'finds nothing in %j',
    (text) => {
      expect(new DossierCodeReader().read(text)).toBeNull();
    },
  );

  // Number plates: a series mixing letters and a digit gives them as many digits as a wrong code.
  it.each(['36K1-123.45', '29A-123.45', '36B2 12345', 'xe biển 36k1-123.45 bị phạt', '51LD 123.45', '36-K1 123.45', 'biển 36K1-123.45 2 năm rồi', '30A12345'])(
    'reads no code, right or wrong, in the number plate of %j',
    (text) => {
      expect(new DossierCodeReader().read(text)).toBeNull();
      expect(new DossierCodeReader().withoutCodes(text)).toBe(text);
    },
  );

  it.each([
    ['xe 36K1-123.45, hồ sơ 000.00.20.h56-240322-0056', { kind: 'code', code: '000.00.20.H56-240322-0056' }],
    ['biển 36B2 12345 mã hs h56 240419 0087', { kind: 'code', code: 'H56-240419-0087' }],
    ['36K1-123.45 và 000 08 14 h56 240902 0035', { kind: 'code', code: '000.08.14.H56-240902-0035' }],
    ['xe 29A-123.45, mã H56-240315-001', { kind: 'malformed', text: 'H56-240315-001' }],
    ['h56 240419 008', { kind: 'malformed', text: 'H56 240419 008' }],
  ])('still reads the code next to a plate, or typed in pieces, in %j', (text, reading) => {
    expect(new DossierCodeReader().read(text)).toEqual(reading);
  });

  it.each([
    ['H56-240315-001', 'H56-240315-001'],
    ['mã H56-24031-0012 ạ', 'H56-24031-0012'],
    ['H56-240315-0012345', 'H56-240315-0012345'],
    ['ho so 000.00.20.H56-241322-0056 sao roi', '000.00.20.H56-241322-0056'],
    ['000.00.20.H56-240230-0056', '000.00.20.H56-240230-0056'],
  ])('tells a wrong-format code in %j apart from no code', (text, typed) => {
    expect(new DossierCodeReader().read(text)).toEqual({ kind: 'malformed', text: typed });
    expect(findDossierCode(text)).toBeNull();
  });

  it('prefers a real code to a wrong one in the same message', () => {
    expect(new DossierCodeReader().read('H56-240315-001, à không, H56-240315-0012')).toEqual({ kind: 'code', code: 'H56-240315-0012' });
  });

  it('reads further shapes from DOSSIER_CODE_PATTERNS, in any case, where they stand in the message', () => {
    const reader = new DossierCodeReader(['VL\\d{2}-\\d{8}', 'HS\\d{10}']);
    expect(reader.read('ma vl12-12345678 nhe')).toEqual({ kind: 'code', code: 'VL12-12345678' });
    expect(reader.read('hs2024000123 và H56-240315-0012')).toEqual({ kind: 'code', code: 'HS2024000123' });
    expect(reader.read('H56-240315-0012 và hs2024000123')).toEqual({ kind: 'code', code: 'H56-240315-0012' });
    expect(reader.find('xvl12-12345678')).toBeNull();
  });

  it('parses a whole value (a pushed record) to the canonical code, or refuses it', () => {
    const reader = new DossierCodeReader(['VL\\d{2}-\\d{8}']);
    expect(reader.parse(' 000.00.20.h56-240322-0056 ')).toBe('000.00.20.H56-240322-0056');
    expect(reader.parse('000 00 20 H56 240322 0056')).toBe('000.00.20.H56-240322-0056');
    expect(reader.parse('vl12-12345678')).toBe('VL12-12345678');
    expect(reader.parse('ma 000.00.20.H56-240322-0056')).toBeNull();
    expect(reader.parse('H56-240315-001')).toBeNull();
  });

  it('rejects a pattern that is not a regular expression, naming it', () => {
    expect(() => new DossierCodeReader(['VL(\\d'])).toThrow(/"VL\(\\d" is not a regular expression/);
  });
});

describe('the sentence around the codes', () => {
  const reader = new DossierCodeReader(['HS-\\d{4}-\\d{5}']);
  it('blanks every code, default or local, and what is meant as one; keeps the rest in place', () => {
    expect(reader.withoutCodes('status of XA.VL.UBND.H56-231027-0361 and hs-2024-00123?')).toBe(`status of ${' '.repeat(26)} and ${' '.repeat(13)}?`);
    expect(reader.withoutCodes('ho so H56-261110-05 sao roi').trim().split(/\s+/)).toEqual(['ho', 'so', 'sao', 'roi']);
    expect(reader.withoutCodes('làm giấy khai sinh cho bé sinh 12/3')).toBe('làm giấy khai sinh cho bé sinh 12/3');
  });

  it('finds a local code even right after reading the same message (the patterns keep no position)', () => {
    const text = 'xem HS-2024-00123 giup';
    expect(reader.read(text)).toEqual({ kind: 'code', code: 'HS-2024-00123' });
    expect(reader.withoutCodes(text)).not.toContain('HS');
  });
});
