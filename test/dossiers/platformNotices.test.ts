import { ChannelApp, startChannelApp, zaloTexts } from '../helpers/channelApp';
import { post, signedZalo } from '../helpers/fakePlatforms';
import { waitFor } from '../helpers/http';
import events from '../fixtures/channels/zalo-events.json';

const TOKEN = 'platform-notice-token-0123';
const CODE = '000.17.22.H56-261201-0001';

/** Dossier notices on Zalo go through the channel's outbox (issue 9): the queue, the per-user order, the window. */
describe('dossier notices on Zalo', () => {
  let app: ChannelApp;
  beforeAll(async () => {
    app = await startChannelApp({ DOSSIER_PUSH_TOKEN: TOKEN, DOSSIER_NOTIFY_INTERVAL_MS: '100', DOSSIER_LOOKUP_FLOOR_MS: '0' });
  });
  afterAll(() => app.close());

  const push = (record: Record<string, unknown>) =>
    fetch(`${app.base}/api/dossiers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify(record),
    });
  const write = async (userId: string, msgId: string, text: string) => {
    const response = await post(`${app.base}/api/zalo`, signedZalo({ ...events.user_send_text, sender: { id: userId }, message: { msg_id: msgId, text } }));
    expect(response.status).toBe(200);
    expect(await waitFor(() => zaloTexts(app.zalo, msgId).length > 0, 5000)).toBe(true);
    return zaloTexts(app.zalo, msgId).join('\n');
  };

  it('a Zalo user follows a dossier (told about the 7-day window first); its change reaches them once, sent to their user id', async () => {
    expect((await push({ code: CODE, procedure: 'Đăng ký khai sinh', status: 'processing', applicant: 'Nguyễn Văn An' })).status).toBe(200);
    const userId = '7000000001';
    const status = await write(userId, 'dossier-1', `cho minh hoi ho so ${CODE} den dau roi`);
    expect(status).toContain('Người nộp: Ng***n V** A');
    const followed = await write(userId, 'dossier-2', 'Báo cho tôi khi hồ sơ có thay đổi');
    expect(followed).toContain(`Đã bật theo dõi hồ sơ ${CODE}`);
    expect(followed).toContain('chỉ cho tôi nhắn trước trong vòng 7 ngày');

    expect((await push({ code: CODE, procedure: 'Đăng ký khai sinh', status: 'ready', pickup: 'Bộ phận Một cửa UBND xã Vĩnh Lộc' })).status).toBe(200);
    expect(await waitFor(() => zaloTexts(app.zalo, userId).length > 0, 5000)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const notices = zaloTexts(app.zalo, userId);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain(`🔔 Hồ sơ ${CODE} vừa có thay đổi:`);
    expect(notices[0]).toContain('Nhận kết quả tại: Bộ phận Một cửa UBND xã Vĩnh Lộc');
    expect(app.logs.some((line) => line.msg === 'dossier notice sent' && line.channel === 'zalo')).toBe(true);
  });
});
