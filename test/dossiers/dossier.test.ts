import { dossierContent, isOverdue, phoneCheckOf, publicView, readDossier } from '../../bot/dossiers/dossier';
import { DossierCodeReader } from '../../bot/dossiers/dossierCode';
import { dateEnd, parseDossierDate, spokenDate } from '../../bot/dossiers/dossierDates';
import { maskName } from '../../bot/dossiers/maskName';

const codes = new DossierCodeReader();
const CODE = '000.00.20.H56-240322-0056';

describe('masking the applicant', () => {
  it.each([
    ['Nguyễn Văn An', 'Ng***n V** A'],
    ['Trần Thị Bích Ngọc', 'Tr*n T** B*** N'],
    ['Lê Minh', 'L* M'],
    ['  nguyễn   văn   an ', 'ng***n v** A'],
    ['Hà', 'H'],
  ])('%j shows as %j', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });

  it('changes nothing when masked again, so only the masked form is ever stored', () => {
    expect(maskName(maskName('Nguyễn Văn An'))).toBe('Ng***n V** A');
    const reading = readDossier({ code: CODE, status: 'processing', applicant: 'Nguyễn Văn An' }, codes);
    expect(reading.ok && reading.dossier.applicant).toBe('Ng***n V** A');
    expect(JSON.stringify(reading)).not.toContain('Nguyễn');
  });
});

describe('dates', () => {
  it.each([
    ['2026-12-20', '2026-12-20'],
    ['2026-12-20T14:30', '2026-12-20T14:30'],
    ['2026-12-20T07:30:00Z', '2026-12-20T14:30'],
    ['2026-12-20T23:30:00+00:00', '2026-12-21T06:30'],
    ['20/12/2026', '2026-12-20'],
    ['5/1/2027 8:05', '2027-01-05T08:05'],
    ['14:30 20/12/2026', '2026-12-20T14:30'],
    ['20261220143000', '2026-12-20T14:30'],
    ['20261220', '2026-12-20'],
  ])('reads %j as %j (Vietnam time)', (value, stored) => {
    expect(parseDossierDate(value)).toBe(stored);
  });

  it.each(['2026-02-30', '31/04/2026', 'tomorrow', '2026-13-01', '25:00 20/12/2026'])('refuses %j', (value) => {
    expect(parseDossierDate(value)).toBeNull();
  });

  it('says dates the Vietnamese way, with the weekday', () => {
    expect(spokenDate('2026-12-25')).toEqual({ date: '25/12/2026', weekday: 5, time: null });
    expect(spokenDate('2026-12-25T08:00')).toEqual({ date: '25/12/2026', weekday: 5, time: '08:00' });
  });

  it('a whole due day ends at midnight in Vietnam', () => {
    expect(new Date(dateEnd('2026-12-20')).toISOString()).toBe('2026-12-20T16:59:59.999Z');
  });
});

describe('reading a record', () => {
  it('keeps every field, in the stored forms', () => {
    const reading = readDossier(
      {
        code: '000 00 20 h56 240322 0056',
        procedure: 'Đăng ký khai sinh',
        status: 'Supplement',
        applicant: 'Nguyễn Văn An',
        receivedAt: '22/03/2024 08:15',
        dueAt: '2024-03-29',
        pickup: 'Bộ phận Một cửa UBND xã Vĩnh Lộc, quầy 2',
        missing: 'Bản sao giấy chứng nhận kết hôn; Giấy chứng sinh',
        note: 'Bổ sung trước 05/04',
        phoneLast4: '0987',
        tracking: 'x',
      },
      codes,
    );
    expect(reading).toEqual({
      ok: true,
      ignored: ['tracking'],
      dossier: {
        code: CODE,
        procedure: 'Đăng ký khai sinh',
        status: 'supplement',
        applicant: 'Ng***n V** A',
        receivedAt: '2024-03-22T08:15',
        dueAt: '2024-03-29',
        finishedAt: null,
        pickup: { by: 'desk', place: 'Bộ phận Một cửa UBND xã Vĩnh Lộc, quầy 2' },
        missing: ['Bản sao giấy chứng nhận kết hôn', 'Giấy chứng sinh'],
        note: 'Bổ sung trước 05/04',
        phoneCheck: phoneCheckOf(CODE, '0987'),
      },
    });
  });

  it('names every problem of a bad record at once', () => {
    const reading = readDossier(
      { code: 'H56-240315-001', status: 'done', dueAt: '31/02/2024', applicant: 'Nguyễn Văn 038090001234', phoneLast4: '98765', missing: 7 },
      codes,
    );
    expect(reading.ok).toBe(false);
    if (reading.ok) return;
    expect(reading.code).toBe('H56-240315-001');
    expect(reading.problems).toEqual([
      'code: "H56-240315-001" is not a dossier code (expected like 000.17.22.H56-210531-0001)',
      expect.stringMatching(/^status: "done" is not one of submitted, received, processing, supplement/),
      expect.stringMatching(/^dueAt: "31\/02\/2024" is not a date/),
      'applicant: holds digits; send the name only (never an ID or phone number)',
      'missing: must be a list of texts, or one text separated by ";"',
      'phoneLast4: must be exactly 4 digits',
    ]);
  });

  it('needs a code and a status; refuses what is not an object', () => {
    expect(readDossier({}, codes)).toEqual({ ok: false, code: null, problems: ['code: missing', 'status: missing'] });
    expect(readDossier('x', codes).ok).toBe(false);
    expect(readDossier([{ code: CODE }], codes).ok).toBe(false);
  });

  it('reads "post: details" as a postal delivery whose details stay private', () => {
    const reading = readDossier({ code: CODE, status: 'ready', pickup: 'Bưu điện: EMS EB123456789VN' }, codes);
    expect(reading.ok && reading.dossier.pickup).toEqual({ by: 'post', details: 'EMS EB123456789VN' });
    expect(reading.ok && publicView(reading.dossier).pickup).toEqual({ by: 'post', details: null });
  });

  it('the same record read twice has the same content, whatever the order of its fields', () => {
    const a = readDossier({ code: CODE, status: 'ready', procedure: 'x' }, codes);
    const b = readDossier({ procedure: 'x', status: 'ready', code: CODE }, codes);
    expect(a.ok && b.ok && dossierContent(a.dossier) === dossierContent(b.dossier)).toBe(true);
  });
});

describe('overdue', () => {
  const due = { dueAt: '2026-12-20' };
  const at = (iso: string) => Date.parse(iso);
  it('is derived from dueAt while the agency holds the dossier', () => {
    expect(isOverdue({ ...due, status: 'processing' }, at('2026-12-20T16:00:00Z'))).toBe(false);
    expect(isOverdue({ ...due, status: 'processing' }, at('2026-12-20T17:00:01Z'))).toBe(true);
    expect(isOverdue({ ...due, status: 'received' }, at('2026-12-22T00:00:00Z'))).toBe(true);
  });

  it('not when the citizen has to act, nor after the end', () => {
    for (const status of ['supplement', 'payment', 'ready', 'rejected'] as const) {
      expect(isOverdue({ ...due, status }, at('2027-01-01T00:00:00Z'))).toBe(false);
    }
    expect(isOverdue({ dueAt: null, status: 'processing' }, at('2027-01-01T00:00:00Z'))).toBe(false);
  });
});
