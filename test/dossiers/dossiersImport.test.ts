import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { runDossierImport } from '../../bot/cli/dossiersImport';
import { CsvFileError, readCsv } from '../../bot/dossiers/csvImport';
import { cleanEnv, runScript } from '../helpers/processes';
import { deleteKeysWithPrefix, describeWithRedis, randomPrefix, TEST_REDIS_URL } from '../helpers/redis';

const CSV = [
  'code,procedure,status,applicant,receivedAt,dueAt,pickup,missing,note,phoneLast4,stt',
  '000.00.20.H56-240322-0056,Đăng ký khai sinh,processing,Nguyễn Văn An,22/03/2024,29/03/2024,"Bộ phận Một cửa UBND xã Vĩnh Lộc, quầy 2",,,0987,1',
  'H56-24031-0012,Đăng ký kết hôn,ready,,,,,,,,2',
  '000.00.20.H56-240322-0057,Cấp bản sao trích lục,supplement,Lê Thị Bình,22/03/2024,,,"Giấy chứng sinh; Bản sao CCCD",,,3',
  '',
  '000.00.20.H56-240322-0058,Chứng thực,done,,,2024-13-01,,,,12345,4',
].join('\n');

describe('reading a CSV export', () => {
  it('gives each row its line number and names columns that are not fields', () => {
    const { rows, unknownColumns } = readCsv(CSV);
    expect(unknownColumns).toEqual(['stt']);
    expect(rows.map((row) => row.line)).toEqual([2, 3, 4, 6]);
    expect(rows[0].record).toMatchObject({ code: '000.00.20.H56-240322-0056', pickup: 'Bộ phận Một cửa UBND xã Vĩnh Lộc, quầy 2' });
    expect(rows[0].record).not.toHaveProperty('stt');
    expect(rows[1].record).not.toHaveProperty('applicant');
  });

  it('reads semicolons and a byte order mark, as spreadsheets write them', () => {
    const { rows } = readCsv('\uFEFFcode;status;missing\n000.00.20.H56-240322-0056;supplement;"Giấy chứng sinh; Sổ hộ khẩu"\n');
    expect(rows).toEqual([{ line: 2, record: { code: '000.00.20.H56-240322-0056', status: 'supplement', missing: 'Giấy chứng sinh; Sổ hộ khẩu' } }]);
  });

  it('refuses a file without code and status columns, or with broken quoting', () => {
    expect(() => readCsv('ma,trang_thai\nx,y\n')).toThrow(CsvFileError);
    expect(() => readCsv('ma,trang_thai\nx,y\n')).toThrow(/no "code" column/);
    expect(() => readCsv('code,status\n"000.00.20.H56-240322-0056,ready\n')).toThrow(CsvFileError);
  });
});

describe('npm run dossiers:import', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'dossiers-import-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('without Redis: checks the rows, says nothing was kept, and reports the rejected lines', () => {
    const file = path.join(dir, 'f.csv');
    writeFileSync(file, CSV);
    const result = runScript('bot/cli/dossiersImport.ts', [file], '', cleanEnv());
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('REDIS_URL is not set');
    expect(result.stdout).toContain('f.csv: 2 rows accepted (2 new, 0 updated, 0 unchanged), 2 rejected');
  });

  it('a missing file or no file is exit code 2', async () => {
    const printed: string[] = [];
    expect(await runDossierImport([path.join(dir, 'none.csv')], (line) => printed.push(line))).toBe(2);
    expect(await runDossierImport([], (line) => printed.push(line))).toBe(2);
    expect(printed).toEqual([expect.stringMatching(/none\.csv: cannot read: ENOENT/), 'usage: npm run dossiers:import -- FILE.csv']);
  });
});

describeWithRedis('npm run dossiers:import into Redis', () => {
  const client = new Redis(TEST_REDIS_URL, { lazyConnect: true });
  const prefix = randomPrefix();
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'dossiers-import-'));
    await client.connect();
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await deleteKeysWithPrefix(client, prefix);
    await client.quit();
  });

  it('saves the good rows, reports every rejected line with its reasons, and a second run changes nothing', () => {
    const file = path.join(dir, 'export.csv');
    writeFileSync(file, CSV);
    const env = cleanEnv({ REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix });
    const first = runScript('bot/cli/dossiersImport.ts', [file], '', env);
    expect(first.status).toBe(1);
    expect(first.stdout.trimEnd().split('\n')).toEqual([
      'export.csv: 2 rows accepted (2 new, 0 updated, 0 unchanged), 2 rejected',
      'ignored columns (not dossier fields): stt',
      'line 3 (H56-24031-0012): code: "H56-24031-0012" is not a dossier code (expected like 000.17.22.H56-210531-0001)',
      expect.stringMatching(
        /^line 6 \(000\.00\.20\.H56-240322-0058\): status: "done" is not one of .*; dueAt: "2024-13-01" is not a date .*; phoneLast4: must be exactly 4 digits$/,
      ),
    ]);
    const second = runScript('bot/cli/dossiersImport.ts', [file], '', env);
    expect(second.stdout).toContain('2 rows accepted (0 new, 0 updated, 2 unchanged)');
  });

  it('the saved records hold the masked name, the papers missing, and no phone digits', async () => {
    const first = await client.hget(`${prefix}dossier:record:000.00.20.H56-240322-0056`, 'data');
    const second = await client.hget(`${prefix}dossier:record:000.00.20.H56-240322-0057`, 'data');
    expect(JSON.parse(first ?? '{}')).toMatchObject({ status: 'processing', applicant: 'Ng***n V** A', receivedAt: '2024-03-22', dueAt: '2024-03-29' });
    expect(first).not.toContain('0987');
    expect(JSON.parse(second ?? '{}')).toMatchObject({ status: 'supplement', applicant: 'L* T** B', missing: ['Giấy chứng sinh', 'Bản sao CCCD'] });
    expect(await client.hget(`${prefix}dossier:record:000.00.20.H56-240322-0056`, 'source')).toBe('import');
  });
});
