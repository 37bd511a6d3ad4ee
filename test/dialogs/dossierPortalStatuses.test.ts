import { FINAL_STATUSES } from '../../bot/dossiers/dossier';
import { Conversation, flatten } from '../helpers/conversation';
import { FakeUpstream, startFakeUpstream } from '../helpers/fakeUpstream';

/**
 * The national portal's status codes 1-10 (shared/reference/channels.md §5), answered by a one-stop system on
 * loopback with the default status table: what a citizen reads for each, in Vietnamese and in English.
 */
const CODE = '000.17.22.H56-261120-0042';

const CODES: { code: string; ours: string; vi: string[]; en: string[]; notVi?: string[] }[] = [
  { code: '1', ours: 'submitted', vi: ['📨 Hồ sơ đã được gửi, đang chờ cán bộ kiểm tra để tiếp nhận.'], en: ['📨 The dossier has been sent and is waiting for an officer to check and accept it.'], notVi: ['đã được tiếp nhận'] },
  { code: '2', ours: 'received', vi: ['📥 Hồ sơ đã được tiếp nhận, đang chờ giải quyết.', 'Hẹn trả kết quả:'], en: ['📥 The dossier has been received and is waiting to be processed.', 'Result due:'] },
  { code: '3', ours: 'returned', vi: ['↩️ Hồ sơ đã được trả lại, không được tiếp nhận.'], en: ['↩️ The dossier was returned: it was not accepted.'] },
  { code: '4', ours: 'processing', vi: ['⏳ Hồ sơ đang được giải quyết.', 'Hẹn trả kết quả:'], en: ['⏳ The dossier is being processed.'] },
  { code: '5', ours: 'supplement', vi: ['📄 Hồ sơ cần bổ sung giấy tờ.'], en: ['📄 The dossier needs more papers.'] },
  { code: '6', ours: 'payment', vi: ['💳 Hồ sơ đang chờ bạn nộp phí, lệ phí.'], en: ['💳 The dossier is waiting for you to pay the fees.'] },
  { code: '7', ours: 'withdrawn', vi: ['Hồ sơ đã được rút theo yêu cầu của người nộp.'], en: ["The dossier was withdrawn at the applicant's request."] },
  { code: '8', ours: 'stopped', vi: ['⏹ Hồ sơ đã dừng giải quyết.'], en: ['⏹ Processing of the dossier has been stopped.'] },
  { code: '9', ours: 'ready', vi: ['✅ Hồ sơ đã có kết quả.', 'Nhận kết quả tại: Bộ phận Một cửa UBND xã Vĩnh Lộc'], en: ['✅ The result is ready.', 'Collect the result at: Bộ phận Một cửa UBND xã Vĩnh Lộc'] },
  {
    code: '10',
    ours: 'delivered',
    vi: ['📬 Hồ sơ đã trả kết quả', 'Nếu bạn chưa nhận được kết quả'],
    en: ['📬 The result has been handed over to the applicant', 'If you have not received the result'],
    // Already handed over: not told to come and collect it, nothing more to follow.
    notVi: ['Nhận kết quả tại', '✅ Hồ sơ đã có kết quả.', 'Báo cho tôi khi hồ sơ có thay đổi'],
  },
];

describe('the national portal status codes, in citizen words', () => {
  let fake: FakeUpstream;
  beforeAll(async () => {
    fake = await startFakeUpstream();
  });
  afterAll(() => fake.close());

  const record = (status: string) => ({
    MaHoSo: CODE,
    TenTTHC: 'Đăng ký khai sinh',
    ChuHoSo: 'Nguyễn Văn An',
    TrangThaiHoSo: status,
    NgayTiepNhan: '20261120081500',
    NgayHenTra: '20991127170000',
    NgayKetThucXuLy: ['9', '10'].includes(status) ? '20261125100000' : null,
    NoiNhanKetQua: 'Bộ phận Một cửa UBND xã Vĩnh Lộc',
  });

  it.each(CODES)('code $code ($ours)', async ({ code, ours, vi, en, notVi = [] }) => {
    fake.records.set(CODE, record(code));
    const bot = new Conversation({ env: { ...fake.env, DOSSIER_CACHE_TTL_SECONDS: '0' }, user: `portal-${code}` });
    const answer = await bot.runtime.dossiers.lookup.check(`test:portal-${code}`, CODE);
    expect(answer.kind === 'found' && answer.dossier.status).toBe(ours);
    const seen = flatten(await bot.say(`ho so ${CODE} den dau roi`));
    for (const line of vi) expect(seen).toContain(line);
    for (const line of notVi) expect(seen).not.toContain(line);
    expect(seen).not.toContain('Nguyễn');
    if (FINAL_STATUSES.has(answer.kind === 'found' ? answer.dossier.status : 'received')) {
      expect(seen).not.toContain('Hẹn trả kết quả');
    }
    const english = flatten(await bot.say(`What is the status of my application ${CODE}?`));
    for (const line of en) expect(english).toContain(line);
  });

  it('no default code means "refused after acceptance": a system with one maps it in DOSSIER_API_STATUSES', async () => {
    fake.records.set(CODE, record('11'));
    const bot = new Conversation({ env: { ...fake.env, DOSSIER_API_STATUSES: JSON.stringify({ '11': 'rejected', '4': 'processing' }) } });
    expect(flatten(await bot.say(`ho so ${CODE}`))).toContain('❌ Hồ sơ bị từ chối giải quyết.');
  });
});
