import { Conversation, flatten, type Reply } from '../helpers/conversation';

const IN_PROGRESS = '000.17.22.H56-261201-0001';
const SUPPLEMENT = '000.17.22.H56-261125-0002';
const READY = '000.17.22.H56-261120-0003';
const LATE = '000.17.22.H56-261101-0004';
const RETURNED = '000.17.22.H56-261110-0005';
const PAYMENT = '000.17.22.H56-261111-0006';
const POSTED = '000.17.22.H56-261112-0007';
const NOTE_NO_PHONE = '000.17.22.H56-261113-0008';
const STOPPED_NO_PHONE = '000.17.22.H56-261114-0009';

const RECORDS = [
  { code: IN_PROGRESS, procedure: 'Đăng ký khai sinh', status: 'processing', applicant: 'Nguyễn Văn An', receivedAt: '2026-12-01', dueAt: '2099-12-08' },
  {
    code: SUPPLEMENT,
    procedure: 'dang-ky-thuong-tru',
    status: 'supplement',
    applicant: 'Trần Thị Bích',
    receivedAt: '2026-11-25',
    dueAt: '2099-12-02',
    missing: ['Văn bản đồng ý của chủ hộ'],
  },
  { code: READY, procedure: 'Cấp bản sao trích lục hộ tịch', status: 'ready', finishedAt: '2026-11-26T15:00', pickup: 'Bộ phận Một cửa UBND xã Vĩnh Lộc, quầy 2' },
  { code: LATE, procedure: 'Đăng ký kết hôn', status: 'processing', receivedAt: '2026-11-01', dueAt: '2026-11-13' },
  { code: RETURNED, procedure: 'Chứng thực hợp đồng', status: 'returned', note: 'Thiếu chữ ký bên bán ở trang 2', phoneLast4: '0987' },
  { code: PAYMENT, procedure: 'Đăng ký kết hôn', status: 'payment' },
  { code: POSTED, status: 'ready', pickup: 'post: EMS EB123456789VN', phoneLast4: '4321' },
  { code: NOTE_NO_PHONE, status: 'processing', note: 'Bà Lê Thị Hoa, thôn 3, đã gọi hỏi' },
  { code: STOPPED_NO_PHONE, status: 'stopped', note: 'Người nộp đã mất, theo đơn của con trai' },
];

async function seeded(options: ConstructorParameters<typeof Conversation>[0] = {}): Promise<Conversation> {
  const conversation = new Conversation(options);
  const report = await conversation.runtime.dossiers.ingest.save(RECORDS.map((input, position) => ({ position, input })), 'push');
  expect(report.rejected).toEqual([]);
  return conversation;
}

const text = (replies: Reply[]) => flatten(replies);

describe('the dossier status conversation', () => {
  it('a code in free text: the status in Vietnamese, the name masked, dates the Vietnamese way', async () => {
    const bot = await seeded();
    const seen = text(await bot.say(`cho minh hoi ho so ${IN_PROGRESS.toLowerCase().replace(/-/g, ' ')} den dau roi`));
    expect(seen).toContain(`Hồ sơ ${IN_PROGRESS}`);
    expect(seen).toContain('Người nộp: Ng***n V** A');
    expect(seen).toContain('⏳ Hồ sơ đang được giải quyết.');
    expect(seen).toContain('Hẹn trả kết quả: thứ Ba, 08/12/2099.');
    expect(seen).toContain('Ngày nhận: thứ Ba, 01/12/2026');
    expect(seen).toContain('[Báo cho tôi khi hồ sơ có thay đổi]');
    expect(seen).not.toContain('Nguyễn');
  });

  it('no code: asks for it, saying where it is printed; then takes the code typed alone', async () => {
    const bot = await seeded();
    expect(text(await bot.say('hồ sơ của tôi đến đâu rồi'))).toContain('Giấy tiếp nhận hồ sơ và hẹn trả kết quả');
    const seen = text(await bot.say(SUPPLEMENT));
    expect(seen).toContain('📄 Hồ sơ cần bổ sung giấy tờ.');
    expect(seen).toContain('• Văn bản đồng ý của chủ hộ');
    expect(seen).toContain('[Giấy tờ của thủ tục này]');
    expect(text(await bot.tap('Giấy tờ của thủ tục này'))).toContain('Giấy tờ cần chuẩn bị cho "Đăng ký thường trú"');
  });

  it('a wrong-format code and an unknown code get different, helpful answers', async () => {
    const bot = await seeded();
    const wrong = text(await bot.say('ho so H56-261110-05 sao roi'));
    expect(wrong).toContain('“H56-261110-05” chưa đúng dạng mã hồ sơ');
    expect(wrong).toContain('000.17.22.H56-210531-0001');
    const unknown = text(await bot.say('000.17.22.H56-261110-0099'));
    expect(unknown).toContain('Tôi không tìm thấy hồ sơ có mã 000.17.22.H56-261110-0099');
    expect(unknown).toContain('https://dichvucong.gov.vn');
    const other = text(await bot.say('tra cuu ho so 000.17.22.H56-261110-0098'));
    expect(other.replace('0098', '0099')).toBe(unknown);
  });

  it('each status in citizen words: ready with where to collect, fee to pay, overdue with an apology and where to ask', async () => {
    const bot = await seeded();
    const ready = text(await bot.say(`ho so ${READY}`));
    expect(ready).toContain('✅ Hồ sơ đã có kết quả.');
    expect(ready).toContain('Ngày có kết quả: 15:00 thứ Năm, 26/11/2026.');
    expect(ready).toContain('Nhận kết quả tại: Bộ phận Một cửa UBND xã Vĩnh Lộc, quầy 2.');
    expect(ready).not.toContain('[Báo cho tôi khi hồ sơ có thay đổi]');
    expect(text(await bot.say(`ho so ${PAYMENT}`))).toContain('💳 Hồ sơ đang chờ bạn nộp phí, lệ phí.');
    const late = text(await bot.say(`ho so ${LATE} tre hen roi`));
    expect(late).toContain('Hồ sơ đã quá hẹn trả kết quả (hẹn thứ Sáu, 13/11/2026)');
    expect(late).toContain('thành thật xin lỗi');
    expect(late).toContain('Bộ phận Một cửa');
    const posted = text(await bot.say(`ho so ${POSTED}`));
    expect(posted).toContain('Kết quả được gửi qua bưu điện');
    expect(posted).not.toContain('EB123456789VN');
  });

  it('the officer\'s note needs the phone\'s last 4 digits; three wrong answers lock it for that user', async () => {
    const bot = await seeded();
    const returned = text(await bot.say(`ho so ${RETURNED}`));
    expect(returned).toContain('↩️ Hồ sơ đã được trả lại');
    expect(returned).not.toContain('Thiếu chữ ký');
    expect(text(await bot.tap('Xem ghi chú của cán bộ'))).toContain('4 số cuối số điện thoại');
    expect(text(await bot.say('1111'))).toContain('Bạn còn 2 lần thử');
    expect(text(await bot.say('2222'))).toContain('Bạn còn 1 lần thử');
    const locked = text(await bot.say('3333'));
    expect(locked).toContain('tạm khóa');
    await bot.say(`ho so ${RETURNED}`);
    const again = text(await bot.tap('Xem ghi chú của cán bộ'));
    expect(again).toContain('tạm khóa');
    expect(again).not.toContain('Thiếu chữ ký');
  });

  it('the right digits show the note, and the delivery details of a result sent by post', async () => {
    const bot = await seeded({ user: 'applicant' });
    await bot.say(`ho so ${RETURNED}`);
    await bot.tap('Xem ghi chú của cán bộ');
    expect(text(await bot.say('0987'))).toContain('Ghi chú của cán bộ: Thiếu chữ ký bên bán ở trang 2');
    await bot.say(`ho so ${POSTED}`);
    await bot.tap('Xem ghi chú của cán bộ');
    expect(text(await bot.say('43 21'))).toContain('Thông tin gửi kết quả: EMS EB123456789VN');
  });

  it('a note without the phone\'s digits on record is never shown, but the citizen is told it exists and who can tell it', async () => {
    const bot = await seeded();
    const processing = text(await bot.say(`ho so ${NOTE_NO_PHONE}`));
    expect(processing).toContain('⏳ Hồ sơ đang được giải quyết.');
    expect(processing).toContain('Cán bộ có ghi chú');
    expect(processing).toContain('bạn hỏi nơi đã nộp hồ sơ');
    expect(processing).not.toContain('Lê Thị Hoa');
    // No second factor to offer: no button that would ask for digits nobody can check.
    expect(processing).not.toContain('[Xem ghi chú của cán bộ]');
    const stopped = text(await bot.say(`ho so ${STOPPED_NO_PHONE}`));
    expect(stopped).toContain('⏹ Hồ sơ đã dừng giải quyết.');
    expect(stopped).toContain('Cán bộ có ghi chú');
    expect(stopped).not.toContain('Lý do được ghi trong thông báo');
    expect(stopped).not.toContain('con trai');
    // The button from an earlier answer, after the desk re-sent the record without the phone: the same words, not
    // "this dossier has no note", and no question for digits nobody can check.
    await bot.say(`ho so ${RETURNED}`);
    await bot.runtime.dossiers.ingest.save([{ position: 0, input: { ...RECORDS[4], phoneLast4: undefined } }], 'push');
    const tapped = text(await bot.tap('Xem ghi chú của cán bộ'));
    expect(tapped).toContain('Cán bộ có ghi chú');
    expect(tapped).not.toContain('không có ghi chú');
    expect(tapped).not.toContain('4 số cuối số điện thoại của người nộp hồ sơ (số đã khai');
    expect(tapped).not.toContain('Thiếu chữ ký');
    const english = text(await bot.say(`what is the status of ${NOTE_NO_PHONE}`));
    expect(english).toContain('The officer left a note');
    expect(english).not.toContain('Lê Thị Hoa');
    // A record without any note says neither.
    expect(text(await bot.say(`ho so ${PAYMENT}`))).not.toContain('Cán bộ có ghi chú');
  });

  it('"Báo cho tôi khi hồ sơ có thay đổi" then "Hủy theo dõi", typed or tapped', async () => {
    const bot = await seeded();
    await bot.say(`ho so ${IN_PROGRESS}`);
    const followed = text(await bot.tap('Báo cho tôi khi hồ sơ có thay đổi'));
    expect(followed).toContain(`Đã bật theo dõi hồ sơ ${IN_PROGRESS}`);
    expect(followed).toContain('tối đa 90 ngày');
    expect(followed).not.toContain('Lưu ý');
    expect(await bot.runtime.dossiers.watch.codesOf(`emulator/conversation-of-user-1`)).toEqual([IN_PROGRESS]);
    expect(text(await bot.say(`ho so ${IN_PROGRESS}`))).toContain('[Hủy theo dõi]');
    await bot.say('cảm ơn');
    expect(text(await bot.say('Hủy theo dõi'))).toContain(`Đã hủy theo dõi hồ sơ ${IN_PROGRESS}`);
    expect(await bot.runtime.dossiers.watch.codesOf(`emulator/conversation-of-user-1`)).toEqual([]);
    expect(text(await bot.say('Hủy theo dõi'))).toContain('Bạn chưa theo dõi hồ sơ nào');
  });

  it('on a channel with a window, the follow says in advance that a late notice waits for the next message', async () => {
    const zalo = await seeded({ channelId: 'zalo' });
    await zalo.say(`ho so ${IN_PROGRESS}`);
    expect(text(await zalo.say('1'))).toContain('chỉ cho tôi nhắn trước trong vòng 7 ngày');
    const messenger = await seeded({ channelId: 'facebook' });
    await messenger.say(`ho so ${IN_PROGRESS}`);
    expect(text(await messenger.say('1'))).toContain('trong vòng 24 giờ');
  });

  it('answers in English, with Vietnamese-style dates', async () => {
    const bot = await seeded();
    await bot.say('English please');
    const seen = text(await bot.say(`Where is my application ${IN_PROGRESS}?`));
    expect(seen).toContain(`Dossier ${IN_PROGRESS}`);
    expect(seen).toContain('⏳ The dossier is being processed.');
    expect(seen).toContain('Result due: Tuesday 08/12/2099.');
    expect(seen).toContain('[Tell me when it changes]');
    expect(text(await bot.tap('Look up another dossier'))).toContain('Giấy tiếp nhận hồ sơ và hẹn trả kết quả');
  });

  it('a code in a local shape (DOSSIER_CODE_PATTERNS) typed in a sentence is looked up; the language is that of the words', async () => {
    const bot = new Conversation({ env: { DOSSIER_CODE_PATTERNS: 'HS-\\d{4}-\\d{5}' } });
    const report = await bot.runtime.dossiers.ingest.save([{ position: 0, input: { code: 'hs-2024-00123', status: 'processing', dueAt: '2099-12-08' } }], 'push');
    expect(report.rejected).toEqual([]);
    const vi = text(await bot.say('cho em hoi HS-2024-00123 the nao roi'));
    expect(vi).toContain('Hồ sơ HS-2024-00123');
    expect(vi).toContain('⏳ Hồ sơ đang được giải quyết.');
    const en = text(await bot.say('status of hs-2024-00123 please'));
    expect(en).toContain('Dossier HS-2024-00123');
    expect(en).toContain('⏳ The dossier is being processed.');
    const back = text(await bot.say('hs HS-2024-00123 xong chua'));
    expect(back).toContain('⏳ Hồ sơ đang được giải quyết.');
  });

  it('refuses politely beyond 10 lookups an hour', async () => {
    const bot = await seeded({ user: 'busy' });
    for (let i = 0; i < 10; i++) await bot.say(`ho so 000.17.22.H56-261201-${String(100 + i).padStart(4, '0')}`);
    const refused = text(await bot.say(`ho so ${IN_PROGRESS}`));
    expect(refused).toContain('Bạn đã tra cứu nhiều lần trong một giờ qua');
    expect(refused).not.toContain('Ng***n');
  });

  it('a status question inside a papers check pauses the check; the code prompt does not hold a new question', async () => {
    const bot = await seeded();
    await bot.say('lam giay khai sinh can nhung gi');
    await bot.say('Kiểm tra giấy tờ của tôi');
    const seen = text(await bot.say(`ho so ${IN_PROGRESS} den dau roi`));
    expect(seen).toContain('⏳ Hồ sơ đang được giải quyết.');
    expect(seen).toContain('đang tạm dừng');
    await bot.say('Tra cứu hồ sơ');
    expect(text(await bot.say('dang ky ket hon can giay to gi'))).toContain('Đăng ký kết hôn');
  });
});
